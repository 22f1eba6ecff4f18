"""DRF glue for the access policy: a permission class and a scope filter."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.filters import BaseFilterBackend

from .access import Action, can, visible


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
