from django.contrib.auth import views as auth_views
from django.urls import path

from ..invitations.urls import urlpatterns as invitation_urls
from . import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Bringing people in: the coordinator's invitations and the invited person's link.
    *invitation_urls,
]
