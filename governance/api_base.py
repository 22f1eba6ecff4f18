"""What the API modules share beyond ``governance.drf``: base viewsets for records
written through services, and serializer fields (a scoped related record, a username,
an attached document).

Kept apart from ``governance.drf``, which DRF imports while its own views load (this
module imports DRF's viewsets)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import mixins, serializers, viewsets

from .drf import ServiceWritesMixin
from .models import User
from .uploads import DOCUMENT_UPLOAD_VALIDATORS


def scoped_related(model: Any, *, optional: bool = False) -> serializers.PrimaryKeyRelatedField:
    """A related record by id, for a serializer with ``ScopedFieldsMixin``: its choices
    are set per request from ``scoped_fields`` (none until then). ``optional``: may be
    left out or null."""
    extra = {"required": False, "allow_null": True} if optional else {}
    return serializers.PrimaryKeyRelatedField(queryset=model.objects.none(), **extra)


def username_field() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        # The pages' words, for an unknown username and one outside the caller's reach.
        error_messages={"does_not_exist": gettext_lazy("No active user has this username.")},
    )


def recorded_username() -> serializers.SlugRelatedField:
    """Who recorded something, by username; null once that account is deleted."""
    return serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)


def document_field() -> serializers.FileField:
    """An attached document sent as multipart/form-data: PDF, Word, ODT, JPG or PNG, at
    most 10 MB (the page forms' limits)."""
    return serializers.FileField(
        write_only=True,
        required=False,
        allow_null=True,
        validators=DOCUMENT_UPLOAD_VALIDATORS,
        help_text=gettext_lazy(
            "PDF, Word, ODT, JPG or PNG; at most 10 MB. Send as multipart/form-data."
        ),
    )


class ServiceCreateViewSet(
    ServiceWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read and create; ``create_service`` does the create."""


class ServiceEditViewSet(
    ServiceWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update; ``create_service`` and ``update_service`` write."""
