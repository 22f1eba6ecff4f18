"""API tokens that expire when idle.

``ExpiringTokenAuthentication`` is DRF's token authentication that refuses a token
unused for ``API_TOKEN_IDLE_DAYS`` (401 with a message saying so) and records its
last use in ``TokenUse``, at most once per ``API_TOKEN_USE_WRITE_SECONDS``. The token
endpoint is ``governance.accounts.api``.

DRF imports this module (DEFAULT_AUTHENTICATION_CLASSES) while its views load: it
must not import DRF views or anything that does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from ..models import TokenUse, User

# DRF's own messages, looked up in DRF's translations (kept out of our catalogue).
_DRF_INVALID_TOKEN = "Invalid token."
_DRF_INACTIVE_USER = "User inactive or deleted."


def token_last_active(token: Token) -> datetime:
    """When the token was last used (or created, if never used since)."""
    try:
        return token.use.last_used_at
    except TokenUse.DoesNotExist:
        return token.created


def token_is_expired(token: Token, *, now: datetime | None = None) -> bool:
    idle = timedelta(days=settings.API_TOKEN_IDLE_DAYS)
    return (now or timezone.now()) - token_last_active(token) > idle


def api_token_touch(*, token: Token, now: datetime) -> None:
    """Record a use of the token (callers limit how often)."""
    TokenUse.objects.update_or_create(token=token, defaults={"last_used_at": now})


def api_token_issue(*, user: User) -> Token:
    """The user's token after a successful login: the current one, or a new one when
    it has expired."""
    now = timezone.now()
    with transaction.atomic():
        token = Token.objects.select_related("use").filter(user=user).first()
        if token is not None and token_is_expired(token, now=now):
            token.delete()
            token = None
        if token is None:
            token = Token.objects.create(user=user)
        api_token_touch(token=token, now=now)
    return token


class ExpiringTokenAuthentication(TokenAuthentication):
    """Token authentication with idle expiry (module doc)."""

    def authenticate_credentials(self, key: str):
        try:
            token = Token.objects.select_related("user", "use").get(key=key)
        except Token.DoesNotExist:
            raise exceptions.AuthenticationFailed(gettext(_DRF_INVALID_TOKEN)) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(gettext(_DRF_INACTIVE_USER))
        now = timezone.now()
        if token_is_expired(token, now=now):
            days = settings.API_TOKEN_IDLE_DAYS
            raise exceptions.AuthenticationFailed(
                ngettext(
                    "This API token has expired: it was not used for %(days)d day. "
                    "Request a new one with POST /api/auth/token/.",
                    "This API token has expired: it was not used for %(days)d days. "
                    "Request a new one with POST /api/auth/token/.",
                    days,
                )
                % {"days": days}
            )
        idle = (now - token_last_active(token)).total_seconds()
        if idle >= settings.API_TOKEN_USE_WRITE_SECONDS:
            api_token_touch(token=token, now=now)
        return token.user, token
