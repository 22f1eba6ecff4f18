"""Account pages: the health check and the password change."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse

from .services import api_tokens_revoke


@login_not_required
def health(request):
    """For load balancers and docker-compose: the app answers and the database too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "database unavailable"}, status=503)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also revokes the user's API tokens."""

    def form_valid(self, form):
        response = super().form_valid(form)
        api_tokens_revoke(user=form.user)
        return response
