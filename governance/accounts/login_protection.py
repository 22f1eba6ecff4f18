"""Login protection: the lockout answer and idle session expiry.

django-axes (settings, "Login protection" block) counts failed logins per username
and address; when a pair is locked, ``lockout_response`` answers the login page and
the admin login, and the token endpoint (``governance.accounts.tokens``) answers in JSON with
``lockout_detail``. An administrator unlocks by deleting the access attempt in the
admin or with ``manage.py axes_reset_username <username>``.

``SessionIdleMiddleware`` renews a signed-in session's expiry while it is used, at
most once per ``SESSION_IDLE_TOUCH_SECONDS``, so a session ends
``SESSION_COOKIE_AGE`` seconds after its last request without a write per request.
"""

from __future__ import annotations

import math
from datetime import datetime

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

TOUCH_KEY = "_idle_touched_at"


def locked_until(request: HttpRequest, credentials: dict | None = None) -> datetime:
    """When the lock on this username and address ends (the last failure + cool-off)."""
    cool_off = get_cool_off(request)
    username = get_client_username(request, credentials)
    last = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off


def lockout_detail(
    request: HttpRequest, credentials: dict | None = None, *, until: datetime | None = None
) -> tuple[str, int]:
    """The message for a locked-out login and the seconds until it may be retried."""
    until = until or locked_until(request, credentials)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    minutes = math.ceil(seconds / 60)
    message = ngettext(
        "Too many failed login attempts: this account is locked from your address for "
        "%(minutes)d more minute. Try again then, or ask an administrator to unlock it.",
        "Too many failed login attempts: this account is locked from your address for "
        "%(minutes)d more minutes. Try again then, or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}
    return message, seconds


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the "locked out" page (429) with when to try again."""
    until = locked_until(request, credentials)
    message, seconds = lockout_detail(request, credentials, until=until)
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"message": message, "until": until},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(seconds)
    return response


class SessionIdleMiddleware:
    """Renew a signed-in session's expiry while it is used (see the module doc).

    Sits after SessionMiddleware in MIDDLEWARE, so the session it marks as modified
    is saved (with a fresh expiry and cookie) on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            return response
        if SESSION_KEY not in session:
            return response
        now = int(timezone.now().timestamp())
        touched = session.get(TOUCH_KEY)
        if session.modified:
            # A login (or any change) saves the session anyway: stamp it for free.
            session[TOUCH_KEY] = now
        elif touched is not None and now - touched >= settings.SESSION_IDLE_TOUCH_SECONDS:
            session[TOUCH_KEY] = now
        # A session without a stamp that nothing changed (one made before this
        # middleware, or by the test client's force_login) keeps its expiry until its
        # next change.
        return response
