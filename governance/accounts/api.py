"""The token endpoint, ``/api/auth/token/``.

POST trades a username and password for an API token (a fresh one when the old one
expired, see ``governance.accounts.tokens``); DELETE revokes the caller's own token. Logins
go through django-axes (a locked-out username and address answers 429 with
``detail``) and a strict throttle (scope ``auth-token``).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from ..api_schema import ErrorSerializer, FieldErrorsSerializer
from .login_protection import lockout_detail
from .services import api_tokens_revoke
from .tokens import api_token_issue

_TOKEN = inline_serializer("AuthToken", fields={"token": serializers.CharField()})
_TOO_MANY = OpenApiResponse(
    ErrorSerializer,
    description="Too many requests, or too many failed logins for this username from "
    "this address (see Retry-After).",
)


class AuthTokenView(ObtainAuthToken):
    """Trade a username and password for an API token; revoke your own token."""

    throttle_classes = [AnonRateThrottle, UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "auth-token"

    def _revoking(self) -> bool:
        return getattr(self.request, "method", None) == "DELETE"

    def get_authenticators(self):
        # Getting a token takes a password, not a token: a stale Authorization header
        # must not stand in the way of a new token.
        return super().get_authenticators() if self._revoking() else []

    def get_permissions(self):
        return [IsAuthenticated()] if self._revoking() else []

    @extend_schema(
        operation_id="auth_token_create",
        summary="Get an API token",
        description=(
            "Answers the caller's token (`Authorization: Token <key>`). A token expires "
            "after a set number of days without use; ask again for a new one. After "
            "repeated wrong passwords the username is locked from the caller's address "
            "for a while (429)."
        ),
        responses={
            200: _TOKEN,
            400: FieldErrorsSerializer,
            429: _TOO_MANY,
        },
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            if getattr(request, "axes_locked_out", False):
                message, seconds = lockout_detail(request)
                return Response(
                    {"detail": message},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                    headers={"Retry-After": str(seconds)},
                )
            raise exceptions.ValidationError(serializer.errors)
        token = api_token_issue(user=serializer.validated_data["user"])
        return Response({"token": token.key})

    @extend_schema(
        operation_id="auth_token_destroy",
        summary="Revoke your API token",
        description="Deletes the caller's own API token; it answers 401 from then on.",
        request=None,
        responses={
            204: OpenApiResponse(description="Revoked."),
            401: ErrorSerializer,
            429: _TOO_MANY,
        },
    )
    def delete(self, request, *args, **kwargs):
        api_tokens_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


auth_token_view = AuthTokenView.as_view()
