from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer

from governance.access import Action, get_authorized, visible
from governance.api import as_drf_error
from governance.api_schema import ErrorSerializer

from . import exporting, mapping_selectors, services
from .models import Cluster, ClusterStatus, Project, Sector

EXPORT_FORMATS = ("csv", "xlsx")


class ProjectSerializer(serializers.ModelSerializer):
    country = serializers.CharField(max_length=2)

    class Meta:
        model = Project
        fields = ["id", "name", "country", "donor", "starts_on", "ends_on", "description"]
        read_only_fields = ["id"]


class ClusterSerializer(serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())

    class Meta:
        model = Cluster
        fields = [
            "id",
            "project",
            "name",
            "sector",
            "main_products",
            "region",
            "locality",
            "latitude",
            "longitude",
            "status",
            "phase",
            # mapping record (phase 1)
            "enterprises_micro",
            "enterprises_small",
            "enterprises_medium",
            "enterprises_large",
            "enterprises_total",
            "employment_women",
            "employment_men",
            "employment_total",
            "women_owned_share",
            "support_institutions",
            "export_orientation",
            "growth_potential",
            "information_source",
            "information_date",
            "created_by",
            "updated_at",
        ]
        read_only_fields = ["id", "status", "phase", "created_by"]
        validators = []  # uniqueness is checked by the model's full_clean in the service

    enterprises_total = serializers.IntegerField(read_only=True, allow_null=True)
    employment_total = serializers.IntegerField(read_only=True, allow_null=True)
    # Sent back on update: the version the client saw; a newer record refuses the edit.
    updated_at = serializers.DateTimeField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Another project's id reads as "does not exist", never as "forbidden".
            self.fields["project"].queryset = visible(request.user, Project, Action.VIEW)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["project"].read_only = True


class ProjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Projects the user may see. Administrators create them; coordinators edit them."""

    queryset = Project.objects.all().order_by("name")
    serializer_class = ProjectSerializer
    write_action = Action.MANAGE
    filterset_fields = ["country"]

    def perform_create(self, serializer):
        try:
            serializer.instance = services.project_create(
                actor=self.request.user, **serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc

    def perform_update(self, serializer):
        try:
            serializer.instance = services.project_update(
                actor=self.request.user, project=serializer.instance, **serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc


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


class ClusterViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Clusters the user may see. Coordinators and the project's CDAs map new
    candidates; whoever does the cluster's phase work (its CDA, the coordinator)
    edits its mapping record, as on the pages."""

    queryset = Cluster.objects.select_related("project").order_by("project_id", "name")
    serializer_class = ClusterSerializer
    # Unsafe methods on a cluster (update): the same action as the web edit page.
    # Creation is checked by the service (services.may_map_candidates).
    write_action = Action.WORK
    filterset_fields = ["project", "sector", "status", "phase", "region"]

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
        clusters = mapping_selectors.candidate_list(
            user=request.user,
            project=project,
            sector=params.get("sector", ""),
            region=params.get("region", ""),
            status=params.get("status", ""),
        )
        return exporting.export_response(
            clusters=clusters.iterator(), fmt=params["format"], project_name=project.name
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        project = data.pop("project")
        data.pop("updated_at", None)
        try:
            serializer.instance = services.cluster_candidate_create(
                actor=self.request.user, project=project, **data
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("project", None)
        seen = data.pop("updated_at", None)
        try:
            serializer.instance = services.cluster_candidate_update(
                actor=self.request.user,
                cluster=serializer.instance,
                seen_updated_at=seen,
                **data,
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
