"""DRF glue for the access policy: a permission class and a scope filter."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import permissions, status
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.filters import BaseFilterBackend

from .access import Action, can, visible
from .concurrency import StaleEditError


class StaleEdit(APIException):
    """Somebody changed the record after the client read it: 409, not a silent overwrite."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "stale_edit"


def as_drf_error(exc: DjangoValidationError) -> APIException:
    """A service's ValidationError as the API answer: 409 when stale, else 400 by field."""
    if isinstance(exc, StaleEditError):
        return StaleEdit({"updated_at": exc.messages})
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


class PolicyPermission(permissions.BasePermission):
    """Authenticated users only; object actions answered by the access policy.

    Views declare ``write_action`` (default WORK) for unsafe methods.
    """

    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if not can(request.user, Action.VIEW, obj):
            raise NotFound()
        if request.method in permissions.SAFE_METHODS:
            return True
        return can(request.user, getattr(view, "write_action", Action.WORK), obj)


class PolicyScopeFilter(BaseFilterBackend):
    """List endpoints show only what the user may see."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        return visible(request.user, queryset, Action.VIEW)
