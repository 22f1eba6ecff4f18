"""The governance app's URLconf: each sub-package's pages, and the audit trail."""

from django.urls import path

from . import history
from .accounts.urls import urlpatterns as account_urls
from .appointments.urls import urlpatterns as appointment_urls
from .bodies.urls import urlpatterns as body_urls
from .roles.urls import urlpatterns as role_urls

urlpatterns = [
    *account_urls,
    *role_urls,
    *appointment_urls,
    *body_urls,
    path(
        "history/<str:app_label>/<str:model_name>/<int:pk>/",
        history.object_history,
        name="object-history",
    ),
]
