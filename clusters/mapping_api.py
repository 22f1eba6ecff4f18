"""API import of candidate clusters: the same parsing and validation as the pages.

``POST /api/projects/<id>/cluster-import/`` with a multipart ``file`` (CSV or
XLSX). Without ``confirm`` it only checks the file: 200 when every row is valid,
400 with every error by row and column otherwise. With ``confirm=true`` a valid
file is imported in one transaction (201); a file with any invalid row imports
nothing (400). Coordinators only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from governance.access import Action, get_authorized
from governance.api import as_drf_error
from governance.api_schema import FieldErrorsSerializer
from governance.uploads import import_content_validator

from . import importing, services
from .models import Project


class ClusterImportSerializer(serializers.Serializer):
    file = serializers.FileField(
        validators=[import_content_validator],
        help_text=gettext_lazy("CSV or Excel (.xlsx); at most 5 MB. Send as multipart/form-data."),
    )
    confirm = serializers.BooleanField(default=False)


IMPORT_RESULT = inline_serializer(
    "ClusterImportResult",
    {
        "valid": serializers.BooleanField(),
        "rows": serializers.IntegerField(),
        "errors": serializers.ListField(child=serializers.DictField()),
        "created": serializers.ListField(child=serializers.IntegerField(), required=False),
    },
)

# 400: rows with errors (the result, ``valid`` false), or a request or file that cannot
# be read at all (field errors, e.g. ``{"file": ["..."]}``).
IMPORT_ERROR = PolymorphicProxySerializer(
    component_name="ClusterImportError",
    serializers=[IMPORT_RESULT, FieldErrorsSerializer],
    resource_type_field_name=None,
)


class ClusterImportViewSet(viewsets.ViewSet):
    """Check, then import, a file of candidate clusters into a project."""

    parser_classes = [MultiPartParser, FormParser]
    serializer_class = ClusterImportSerializer

    @extend_schema(
        request={"multipart/form-data": ClusterImportSerializer},
        responses={200: IMPORT_RESULT, 201: IMPORT_RESULT, 400: IMPORT_ERROR},
    )
    def create(self, request, project_pk: str | None = None):
        project = get_authorized(request.user, Project, Action.MANAGE, pk=project_pk)
        serializer = ClusterImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            preview = importing.parse_upload(
                project=project, upload=serializer.validated_data["file"]
            )
        except importing.ImportFileError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        errors = [{"row": e.row, "column": e.column, "message": e.message} for e in preview.errors]
        body = {"valid": not errors, "rows": len(preview.rows), "errors": errors}
        if errors:
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        if not serializer.validated_data["confirm"]:
            return Response(body, status=status.HTTP_200_OK)
        try:
            created = services.cluster_candidates_import(
                actor=request.user, project=project, rows=importing.rows_to_json(preview.rows)
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        body["created"] = [c.pk for c in created]
        return Response(body, status=status.HTTP_201_CREATED)
