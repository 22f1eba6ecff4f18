"""API of the mapping of candidate clusters: the clusters themselves (their mapping
record), the export of the candidate list and the import of a file.

The import: ``POST /api/projects/<id>/cluster-import/`` with a multipart ``file`` (CSV
or XLSX). Without ``confirm`` it only checks the file: 200 when every row is valid,
400 with every error by row and column otherwise. With ``confirm=true`` a valid file
is imported in one transaction (201); a file with any invalid row imports nothing
(400). Coordinators only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from governance.access import Action, get_authorized
from governance.api_base import ServiceEditViewSet
from governance.api_schema import ErrorSerializer, FieldErrorsSerializer
from governance.drf import ScopedFieldsMixin, as_drf_error
from governance.uploads import import_content_validator

from ..models import Cluster, ClusterStatus, Project, Sector
from . import exporting, importing, selectors, services
from .fields import CLUSTER_FIELDS, COMPUTED_FIELDS, MAPPING_FIELDS

EXPORT_FORMATS = ("csv", "xlsx")


class ClusterSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none())
    enterprises_total = serializers.IntegerField(read_only=True, allow_null=True)
    employment_total = serializers.IntegerField(read_only=True, allow_null=True)
    # Sent back on update: the version the client saw; a newer record refuses the edit.
    updated_at = serializers.DateTimeField(required=False)

    # Another project's id reads as "does not exist", never as "forbidden".
    scoped_fields = {"project": Project}

    class Meta:
        model = Cluster
        fields = [
            "id",
            "project",
            *CLUSTER_FIELDS,
            "status",
            "phase",
            *MAPPING_FIELDS,
            *COMPUTED_FIELDS,
            "created_by",
            "updated_at",
        ]
        read_only_fields = ["id", "status", "phase", "created_by"]
        validators = []  # uniqueness is checked by the model's full_clean in the service

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["project"].read_only = True


class ClusterExportQuerySerializer(serializers.Serializer):
    """Query parameters of the candidate export (the filters of the candidate list)."""

    project = serializers.IntegerField(min_value=1)
    format = serializers.ChoiceField(choices=EXPORT_FORMATS, default="csv")
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    region = serializers.CharField(max_length=100, required=False)
    status = serializers.ChoiceField(choices=ClusterStatus.choices, required=False)


class _AnyAcceptNegotiation(BaseContentNegotiation):
    """The export answers a file whatever the client accepts; errors are JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = JSONRenderer()
        return renderer, renderer.media_type


class ClusterViewSet(ServiceEditViewSet):
    """Clusters the user may see. Coordinators and the project's CDAs map new
    candidates; whoever does the cluster's phase work (its CDA, the coordinator)
    edits its mapping record, as on the pages."""

    queryset = Cluster.objects.select_related("project").order_by("project_id", "name")
    serializer_class = ClusterSerializer
    # Unsafe methods on a cluster (update): the same action as the web edit page.
    # Creation is checked by the service (governance.access.rules.may_map_candidates).
    write_action = Action.WORK
    filterset_fields = ["project", "sector", "status", "phase", "region"]
    create_service = services.cluster_candidate_create
    update_service = services.cluster_candidate_update
    update_kwarg = "cluster"

    @extend_schema(
        parameters=[ClusterExportQuerySerializer],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, exporting.XLSX_TYPE): OpenApiTypes.BINARY,
            # the project (a query parameter) is missing or outside the caller's scope
            404: ErrorSerializer,
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="export",
        content_negotiation_class=_AnyAcceptNegotiation,
        filter_backends=[],
        pagination_class=None,
    )
    def export(self, request):
        """The project's candidates as CSV or XLSX, with the columns of the import
        template (formulas escaped), limited to the clusters the caller sees."""
        query = ClusterExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        project = get_authorized(request.user, Project, Action.VIEW, pk=params["project"])
        clusters = selectors.candidate_list(
            user=request.user,
            project=project,
            sector=params.get("sector", ""),
            region=params.get("region", ""),
            status=params.get("status", ""),
        )
        return exporting.export_response(
            clusters=clusters.iterator(), fmt=params["format"], project_name=project.name
        )

    def create_kwargs(self, data: dict) -> dict:
        data = dict(data)
        data.pop("updated_at", None)  # a new record has no version to compare
        return data

    def perform_update(self, serializer):
        # The version the client saw reaches the service as ``seen_updated_at``.
        serializer.validated_data.pop("updated_at", None)
        super().perform_update(serializer)


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
