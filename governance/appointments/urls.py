from ..routing import under
from . import views

urlpatterns = [
    *under(
        "clusters/<int:cluster_pk>/",
        ("appointments/", views.cluster_appointments, "cluster-appointments"),
        ("hand-over/", views.cluster_hand_over, "cluster-hand-over"),
    ),
    *under(
        "appointments/<int:pk>/",
        ("end/", views.appointment_end, "appointment-end"),
        ("terms/", views.appointment_terms, "appointment-terms"),
    ),
]
