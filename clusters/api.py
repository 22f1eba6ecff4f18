from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, viewsets

from governance.access import Action, visible
from governance.api import as_drf_error

from . import services
from .models import Cluster, Project


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


class ClusterViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Clusters the user may see; coordinators create and edit them."""

    queryset = Cluster.objects.select_related("project").order_by("project_id", "name")
    serializer_class = ClusterSerializer
    write_action = Action.MANAGE
    filterset_fields = ["project", "sector", "status", "phase", "region"]

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
