from ..routing import under
from . import views

urlpatterns = [
    *under(
        "projects/<int:pk>/people/",
        ("invite/", views.invitation_create, "invitation-create"),
        ("invitations/<int:invitation_pk>/resend/", views.invitation_resend, "invitation-resend"),
    ),
    *under(
        "invitations/<str:token>/",
        ("", views.invitation_accept, "invitation-accept"),
        ("renew/", views.invitation_renew, "invitation-renew"),
    ),
]
