"""The API of the indicator pool, the indicators adopted from it (with their M&E
plans), their targets per period, and the projects' M&E calendars. Writes go through
``services`` and ``plan_services`` (the coordinator)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from clusters.models import Cluster, Project
from governance.access import Action
from governance.api_base import ServiceEditViewSet, scoped_related, username_field
from governance.drf import ScopedFieldsMixin
from governance.models import User

from ..models import (
    SDG_GOALS,
    Indicator,
    IndicatorDefinition,
    IndicatorTarget,
    MonitoringSettings,
    ResultStatement,
)
from . import plan_services, services
from .plan_services import PLAN_FIELDS
from .services import DEFINITION_FIELDS, SETTINGS_FIELDS


class DefinitionSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"project": Project}
    fixed_on_update = ("project",)
    project = scoped_related(Project)
    sdg_goals = serializers.ListField(
        child=serializers.ChoiceField(choices=SDG_GOALS), required=False
    )

    class Meta:
        model = IndicatorDefinition
        fields = ["id", "project", *DEFINITION_FIELDS, "updated_at"]
        read_only_fields = ["id", "updated_at"]
        validators: list = []  # the service says "code taken" next to the code


class StarterPoolRequestSerializer(ScopedFieldsMixin, serializers.Serializer):
    scoped_fields = {"project": Project}
    project = scoped_related(Project)


class IndicatorDefinitionViewSet(ServiceEditViewSet):
    """The project's indicator pool (project-level roles read it; the coordinator
    writes it). Each definition sets its two aggregation rules: over time (sum, last,
    average, ratio; cumulative indicators take the last value) and across clusters
    (sum, average, ratio); a percentage is a ratio both ways. ``starter`` copies UNIDO's
    starter pool into a project's pool (codes it has already are skipped)."""

    queryset = IndicatorDefinition.objects.select_related("project").order_by("project_id", "code")
    serializer_class = DefinitionSerializer
    write_action = Action.MANAGE
    filterset_fields = ["project", "level", "measure", "disaggregation"]
    create_service = staticmethod(services.definition_create)
    update_service = staticmethod(services.definition_update)
    update_kwarg = "definition"

    @extend_schema(request=StarterPoolRequestSerializer, responses=DefinitionSerializer(many=True))
    @action(detail=False, methods=["post"])
    def starter(self, request: Any) -> Response:
        context = self.get_serializer_context()
        given = StarterPoolRequestSerializer(data=request.data, context=context)
        given.is_valid(raise_exception=True)
        created = services.pool_adopt_starter(
            actor=request.user, project=given.validated_data["project"]
        )
        data = DefinitionSerializer(created, many=True, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class IndicatorSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {
        "project": Project,
        "cluster": Cluster,
        "definition": IndicatorDefinition,
        "result": ResultStatement,
        "responsible": User,
    }
    fixed_on_update = ("project", "cluster", "definition")
    project = scoped_related(Project)
    cluster = scoped_related(Cluster, optional=True)
    definition = scoped_related(IndicatorDefinition)
    result = scoped_related(ResultStatement, optional=True)
    responsible = username_field()
    code = serializers.CharField(source="definition.code", read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "project", "cluster", "definition", "code", *PLAN_FIELDS, "updated_at"]
        read_only_fields = ["id", "code", "updated_at"]
        validators: list = []  # adopted twice: the service's message


class IndicatorViewSet(ServiceEditViewSet):
    """Indicators adopted by a cluster (or by the project, ``cluster`` null) from the
    project's pool, with their M&E plan: result statement, frequency, baseline (women
    and men where the definition is by sex; both given, they add up to the total),
    end-of-project target, means of verification, collection method, responsible
    person (a username the caller may see). The frequency stays once values exist."""

    queryset = Indicator.objects.select_related(
        "project", "cluster", "definition", "responsible"
    ).order_by("project_id", "cluster_id", "definition__code")
    serializer_class = IndicatorSerializer
    write_action = Action.MANAGE
    filterset_fields = ["project", "cluster", "definition", "result", "frequency"]
    create_service = staticmethod(plan_services.indicator_adopt)
    update_service = staticmethod(plan_services.indicator_update)
    update_kwarg = "indicator"


class TargetSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"indicator": Indicator}
    fixed_on_update = ("indicator", "period_start")
    indicator = scoped_related(Indicator)

    class Meta:
        model = IndicatorTarget
        fields = ["id", "indicator", "period_start", "value", "women", "men", "updated_at"]
        read_only_fields = ["id", "updated_at"]
        validators: list = []  # one per period: a create sets that period's target

    def validate(self, attrs: dict) -> dict:
        if self.instance is None and all(attrs.get(k) is None for k in ("value", "women", "men")):
            raise serializers.ValidationError({"value": [_("Give the period's target.")]})
        return attrs


class IndicatorTargetViewSet(ServiceEditViewSet):
    """Targets per reporting period (``period_start``: the first day of one of the
    indicator's periods). A create sets that period's target, replacing one already
    set; women and men only where the indicator is by sex."""

    queryset = IndicatorTarget.objects.select_related("indicator").order_by(
        "indicator_id", "period_start"
    )
    serializer_class = TargetSerializer
    write_action = Action.MANAGE
    filterset_fields = ["indicator", "period_start"]
    create_service = staticmethod(plan_services.indicator_target_set)
    update_service = staticmethod(plan_services.indicator_target_update)
    update_kwarg = "target"


class SettingsSerializer(ScopedFieldsMixin, serializers.ModelSerializer):
    scoped_fields = {"project": Project}
    fixed_on_update = ("project",)
    project = scoped_related(Project)

    class Meta:
        model = MonitoringSettings
        fields = ["id", "project", *SETTINGS_FIELDS, "updated_at"]
        read_only_fields = ["id", "updated_at"]
        validators: list = []  # a create for a project with settings updates them


class MonitoringSettingsViewSet(ServiceEditViewSet):
    """Each project's M&E calendar: the month its financial year starts, when values are
    due and when periods lock (days after a period ends). A create for a project that
    has settings saves over them."""

    queryset = MonitoringSettings.objects.select_related("project").order_by("project_id")
    serializer_class = SettingsSerializer
    write_action = Action.MANAGE
    filterset_fields = ["project"]
    create_service = staticmethod(services.monitoring_settings_save)
    update_service = staticmethod(services.monitoring_settings_update)
    update_kwarg = "settings"


ROUTES = [
    ("indicator-definitions", IndicatorDefinitionViewSet, "api-indicator-definition"),
    ("indicators", IndicatorViewSet, "api-indicator"),
    ("indicator-targets", IndicatorTargetViewSet, "api-indicator-target"),
    ("monitoring-settings", MonitoringSettingsViewSet, "api-monitoring-settings"),
]
