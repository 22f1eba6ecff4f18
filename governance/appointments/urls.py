from django.urls import path

from . import views

urlpatterns = [
    path(
        "clusters/<int:cluster_pk>/appointments/",
        views.cluster_appointments,
        name="cluster-appointments",
    ),
    path("appointments/<int:pk>/end/", views.appointment_end, name="appointment-end"),
    path("appointments/<int:pk>/terms/", views.appointment_terms, name="appointment-terms"),
    path("clusters/<int:cluster_pk>/hand-over/", views.cluster_hand_over, name="cluster-hand-over"),
]
