"""DRF glue for the access policy: a permission class, a scope filter, and query
filters whose related-object choices are scoped by the policy."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.filters import QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend, FilterSet
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


def _scoped_choices(queryset: Any) -> Any:
    """A filter's choices as a callable of the request: only the objects the requesting
    user may see, so an id outside their scope is refused exactly like a missing one
    (400 "Select a valid choice"), never answered with an empty list that confirms it
    exists."""

    def choices(request: Any) -> Any:
        base = queryset(request) if callable(queryset) else queryset
        return visible(getattr(request, "user", None), base, Action.VIEW)

    choices.policy_scoped = True  # type: ignore[attr-defined]
    return choices


def scope_filter_choices(filterset: Any) -> Any:
    """Route every related-object filter (ModelChoiceFilter, ModelMultipleChoiceFilter,
    declared or generated from ``filterset_fields``) of a FilterSet instance through the
    access policy's ``visible()``."""
    for filter_ in filterset.filters.values():
        if isinstance(filter_, QuerySetRequestMixin) and not getattr(
            filter_.queryset, "policy_scoped", False
        ):
            filter_.queryset = _scoped_choices(filter_.queryset)
    return filterset


class PolicyFilterSet(FilterSet):
    """A FilterSet whose related-object filters offer only what the user may see.

    Use it as the base of an explicit ``filterset_class``; ``filterset_fields`` get it
    through ``PolicyFilterBackend``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_filter_choices(self)


class PolicyFilterBackend(DjangoFilterBackend):
    """django-filter's backend with every related-object filter scoped by the policy
    (``?project=``, ``?cluster=``, ``?body=``, ``?meeting=``, ``?criterion=``,
    ``?scored_by=``, ...), whatever FilterSet the view declares."""

    filterset_base = PolicyFilterSet

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        return scope_filter_choices(filterset) if filterset is not None else None
