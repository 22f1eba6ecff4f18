"""OpenAPI glue: every operation documents the errors it can answer.

``ErrorDocumentingAutoSchema`` (``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]``) adds to
each operation the error answers DRF and the access policy give, with their real
shapes, unless the view documents that status itself:

* 400 ``FieldErrors``: a request body or query parameters that do not validate
  (messages by field), or a body that cannot be parsed (``detail``);
* 401 ``Error``: no or an unknown token (views that authenticate);
* 403 ``Error``: in scope without the role (views with permissions);
* 404 ``Error``: an id outside the caller's scope or missing, or a page past the end;
* 409 ``StaleEdit``: an update whose ``updated_at`` is older than the record;
* 415 ``Error``: a body DRF cannot read as JSON, a form or multipart (a broken
  multipart body says it has no media type);
* 429 ``Error``: too many requests (views with throttles).

A view whose answer differs (e.g. the cluster import's 400) says so with
``extend_schema`` and can reuse these serializers.

Kept out of ``governance.drf``: DRF imports that module while its own views load.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

JSON = "application/json"


class ErrorSerializer(serializers.Serializer):
    """An error answered with one message."""

    detail = serializers.CharField()

    class Meta:
        ref_name = "Error"


class StaleEditSerializer(serializers.Serializer):
    """An update refused because the record changed after the client read it."""

    updated_at = serializers.ListField(child=serializers.CharField())

    class Meta:
        ref_name = "StaleEdit"


class FieldErrorsSerializer(serializers.Serializer):
    """Validation errors; its schema is written out by ``FieldErrorsExtension``."""

    class Meta:
        ref_name = "FieldErrors"


_MESSAGES = {"type": "array", "items": {"type": "string"}}

FIELD_ERRORS_SCHEMA: dict[str, Any] = {
    "description": (
        "Messages by field name (`non_field_errors` for the whole input; a list of "
        "values may give its messages by position); a list of messages when the "
        "input as a whole is refused; `detail` when the request cannot be read."
    ),
    "oneOf": [
        {
            "type": "object",
            "properties": {
                "detail": {"type": "string"},
                "non_field_errors": _MESSAGES,
            },
            "additionalProperties": {"oneOf": [_MESSAGES, {"type": "object"}]},
        },
        _MESSAGES,
    ],
}


class FieldErrorsExtension(OpenApiSerializerExtension):
    target_class = FieldErrorsSerializer

    def map_serializer(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        return FIELD_ERRORS_SCHEMA


_BODY_METHODS = {"POST", "PUT", "PATCH"}


class ErrorDocumentingAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema plus the standard error answers (module doc)."""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        for code, (serializer, description, headers) in self._error_answers(operation).items():
            if code in responses:
                continue
            component = self.resolve_serializer(serializer(), "response")
            answer: dict[str, Any] = {
                "description": str(description),
                "content": {JSON: {"schema": component.ref}},
            }
            if headers:
                answer["headers"] = headers
            responses[code] = answer
        return operation

    def _error_answers(self, operation: dict[str, Any]) -> dict[str, tuple]:
        params = operation.get("parameters", [])
        query = [p for p in params if p.get("in") == "query"]
        in_path = any(p.get("in") == "path" for p in params)
        paginated = any(p.get("name") == "page" for p in query)
        answers: dict[str, tuple] = {}
        if self.method in _BODY_METHODS or query:
            answers["400"] = (FieldErrorsSerializer, _("Invalid input."), None)
        if self.method in _BODY_METHODS:
            answers["415"] = (
                ErrorSerializer,
                _("The body is not JSON, a form or multipart data."),
                None,
            )
        if self.view.get_authenticators() and self.view.get_permissions():
            answers["401"] = (
                ErrorSerializer,
                _("Not signed in: no token or an unknown one."),
                {"WWW-Authenticate": {"schema": {"type": "string"}}},
            )
        if self.view.get_permissions():
            answers["403"] = (ErrorSerializer, _("Your role does not allow this."), None)
        if in_path or paginated:
            answers["404"] = (ErrorSerializer, _("Not found (or not in your scope)."), None)
        if self.method in {"PUT", "PATCH"} and self._has_stale_check():
            answers["409"] = (
                StaleEditSerializer,
                _("Someone changed the record after you read it (send its updated_at)."),
                None,
            )
        if self.view.get_throttles():
            answers["429"] = (
                ErrorSerializer,
                _("Too many requests; retry later."),
                {"Retry-After": {"schema": {"type": "integer"}}},
            )
        return answers

    def _has_stale_check(self) -> bool:
        """Updates of records that carry ``updated_at`` refuse stale edits."""
        serializer = self.get_request_serializer()
        fields = getattr(serializer, "fields", None)
        return bool(fields) and "updated_at" in fields
