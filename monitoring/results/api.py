"""The result chain's API: statements (impact, outcomes, outputs) of a project's or a
cluster's chain, and a chain started from UNIDO's generic one. Writes go through
``monitoring.results.services`` (the coordinator)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from clusters.models import Cluster, Project
from governance.access import Action
from governance.api_base import ServiceEditViewSet, scoped_related
from governance.drf import ScopedFieldsMixin, as_drf_error

from ..models import ResultStatement
from . import services


class ResultStatementSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"project": Project, "cluster": Cluster, "parent": ResultStatement}
    fixed_on_update = ("project", "cluster", "level")
    project = scoped_related(Project)
    cluster = scoped_related(Cluster, optional=True)
    parent = scoped_related(ResultStatement, optional=True)

    class Meta:
        model = ResultStatement
        fields = [
            "id",
            "project",
            "cluster",
            "level",
            "parent",
            "statement",
            "assumptions",
            "risks",
            "position",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]


class ChainStartSerializer(ScopedFieldsMixin, serializers.Serializer):
    scoped_fields = {"project": Project, "cluster": Cluster}
    project = scoped_related(Project)
    cluster = scoped_related(Cluster, optional=True)


class ResultStatementViewSet(mixins.DestroyModelMixin, ServiceEditViewSet):
    """Statements of result chains: a project's (``cluster`` null) or a cluster's. An
    outcome's ``parent`` is the impact, an output's an outcome of the same chain; a
    statement others contribute to cannot be deleted. Send ``updated_at`` with an
    update: a stale edit is refused (409)."""

    queryset = ResultStatement.objects.select_related("project", "cluster").order_by(
        "project_id", "cluster_id", "position", "pk"
    )
    serializer_class = ResultStatementSerializer
    write_action = Action.MANAGE
    filterset_fields = ["project", "cluster", "level", "parent"]
    create_service = staticmethod(services.result_statement_create)
    update_service = staticmethod(services.result_statement_update)
    update_kwarg = "result"

    def create_kwargs(self, data: dict) -> dict:
        data = dict(data)
        data.pop("position", None)  # placed after its siblings
        return data

    def perform_destroy(self, instance: ResultStatement) -> None:
        try:
            services.result_statement_delete(actor=self.request.user, result=instance)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc

    @extend_schema(request=ChainStartSerializer, responses=ResultStatementSerializer(many=True))
    @action(detail=False, methods=["post"])
    def start(self, request: Any) -> Response:
        """Start an empty chain from UNIDO's generic cluster result chain (in the caller's
        language). A chain with statements gets nothing added (200, empty list)."""
        given = ChainStartSerializer(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        try:
            created = services.result_chain_start(actor=request.user, **given.validated_data)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        data = ResultStatementSerializer(
            created, many=True, context=self.get_serializer_context()
        ).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


ROUTES = [("result-statements", ResultStatementViewSet, "api-result-statement")]
