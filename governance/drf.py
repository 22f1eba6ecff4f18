"""DRF glue for the access policy and the services, shared by every API module.

* ``PolicyPermission`` and ``PolicyScopeFilter`` (the default permission and filter,
  see ``REST_FRAMEWORK``), ``PolicyFilterBackend`` (related-object filters scoped);
* ``ScopedFieldsMixin`` (serializers): related-field choices limited to what the user
  may see, so another project's id reads as "does not exist";
* ``ServiceWritesMixin`` (viewsets): create and update call services;
* ``as_drf_error``: a service's Django ValidationError as the API's 400 (or 409).

DRF imports this module (the default permission and filter classes) while
``rest_framework.views`` itself loads, so it must not import DRF's views or viewsets.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.filters import QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend, FilterSet
from rest_framework import permissions, serializers, status
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


class ScopedFieldsMixin:
    """Restrict related-field choices to what the user may see (another project's id
    reads as "does not exist"). A value is a model or queryset (scoped for VIEW), or a
    ``(model_or_queryset, action)`` pair. The fields named in ``fixed_on_update`` (what
    a record belongs to, e.g. a meeting's body) are read-only once the record exists."""

    scoped_fields: dict[str, Any] = {}
    fixed_on_update: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            for name in self.fixed_on_update:
                self.fields[name].read_only = True
        request = self.context.get("request")
        for name, scope in self.scoped_fields.items():
            field = self.fields.get(name)
            if field is None or field.read_only:
                continue
            model, scope_action = scope if isinstance(scope, tuple) else (scope, Action.VIEW)
            target = (
                field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
            )
            target.queryset = (
                visible(request.user, model, scope_action)
                if request
                else visible(None, model, scope_action)
            )


class ServiceWritesMixin:
    """perform_create / perform_update call services; Django errors become 400s."""

    create_service: Any = None
    update_service: Any = None
    update_kwarg = "obj"

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = type(self).create_service(
                actor=self.request.user, **self.create_kwargs(serializer.validated_data)
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc

    def create_kwargs(self, data: dict) -> dict:
        return dict(data)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = type(self).update_service(
                actor=self.request.user,
                seen_updated_at=self.request.data.get("updated_at"),
                **{self.update_kwarg: serializer.instance},
                **serializer.validated_data,
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
