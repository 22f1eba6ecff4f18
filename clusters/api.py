"""API of projects and of a cluster's phase moves (the mapping record's API is in
``clusters.mapping.api``, the selection's in ``clusters.selection.api``)."""

from __future__ import annotations

from rest_framework import serializers

from governance.access import Action
from governance.api_base import ServiceCreateViewSet, ServiceEditViewSet
from governance.drf import ScopedFieldsMixin

from . import services
from .models import Cluster, Phase, PhaseChange, Project


class ProjectSerializer(serializers.ModelSerializer):
    country = serializers.CharField(max_length=2)

    class Meta:
        model = Project
        fields = ["id", "name", "country", "donor", "starts_on", "ends_on", "description"]
        read_only_fields = ["id"]


class ProjectViewSet(ServiceEditViewSet):
    """Projects the user may see. Administrators create them; coordinators edit them."""

    queryset = Project.objects.all().order_by("name")
    serializer_class = ProjectSerializer
    write_action = Action.MANAGE
    filterset_fields = ["country"]
    create_service = services.project_create
    update_service = services.project_update
    update_kwarg = "project"


class PhaseChangeSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    cluster = serializers.PrimaryKeyRelatedField(queryset=Cluster.objects.none())
    # Plain integers (1-6) so the schema keeps one name for the phase choices.
    from_phase = serializers.IntegerField(read_only=True)
    to_phase = serializers.IntegerField(min_value=min(Phase.values), max_value=max(Phase.values))
    changed_by = serializers.StringRelatedField(allow_null=True)  # null: account deleted

    scoped_fields = {"cluster": Cluster}

    class Meta:
        model = PhaseChange
        fields = [
            "id",
            "cluster",
            "from_phase",
            "to_phase",
            "reason",
            "decision",
            "changed_by",
            "changed_at",
        ]
        read_only_fields = ["id", "from_phase", "decision", "changed_by", "changed_at"]


class PhaseChangeViewSet(ServiceCreateViewSet):
    """A cluster's phase history; POST moves the cluster (coordinator, with a reason)."""

    queryset = PhaseChange.objects.select_related("cluster", "changed_by").order_by(
        "-changed_at", "-pk"
    )
    serializer_class = PhaseChangeSerializer
    write_action = Action.MANAGE
    filterset_fields = ["cluster"]
    create_service = services.cluster_phase_move
