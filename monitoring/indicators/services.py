"""Writes of the indicator pool and the project's M&E calendar (coordinator):
definitions created and edited, UNIDO's starter pool adopted, settings saved.
The indicators clusters adopt, with their plans and targets, are in ``plan_services``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusters.models import Project
from governance.access import Action, authorize
from governance.audit import actor_context, assign_fields
from governance.concurrency import ensure_not_stale, locked_unchanged
from governance.models import User

from ..models import IndicatorDefinition, IndicatorValue, MonitoringSettings
from .starter import STARTER_POOL

DEFINITION_FIELDS = (
    "code",
    "name",
    "description",
    "unit",
    "measure",
    "level",
    "direction",
    "disaggregation",
    "sdg_goals",
    "time_aggregation",
    "cluster_aggregation",
    "cumulative",
)
# What values already reported depend on: fixed once an adopted indicator has values.
FIXED_BY_VALUES = ("measure", "disaggregation")
SETTINGS_FIELDS = ("financial_year_start_month", "due_after_days", "lock_after_days")


def _check_code_free(definition: IndicatorDefinition) -> None:
    taken = IndicatorDefinition.objects.filter(
        project_id=definition.project_id, code__iexact=definition.code
    ).exclude(pk=definition.pk)
    if taken.exists():
        raise ValidationError({"code": _("The pool has an indicator with this code already.")})


def _set_fields(definition: IndicatorDefinition, fields: dict[str, Any]) -> None:
    if "sdg_goals" in fields:
        fields = {**fields, "sdg_goals": sorted({int(goal) for goal in fields["sdg_goals"] or []})}
    assign_fields(definition, fields, DEFINITION_FIELDS, texts=("description", "unit"))


def definition_create(*, actor: User, project: Project, **fields: Any) -> IndicatorDefinition:
    """Add an indicator to the project's pool."""
    authorize(actor, Action.MANAGE, project)
    definition = IndicatorDefinition(project=project)
    _set_fields(definition, fields)
    definition.full_clean(validate_constraints=False)
    with transaction.atomic(), actor_context(actor):
        _check_code_free(definition)
        definition.save()
    return definition


def definition_update(
    *,
    actor: User,
    definition: IndicatorDefinition,
    seen_updated_at: Any = None,
    **fields: Any,
) -> IndicatorDefinition:
    """Edit a definition of the pool. Its measure and disaggregation stay once values are
    reported against it (they would no longer fit those values)."""
    authorize(actor, Action.MANAGE, definition)
    with transaction.atomic(), actor_context(actor):
        item = locked_unchanged(IndicatorDefinition.objects, definition.pk, seen_updated_at)
        before = {key: getattr(item, key) for key in FIXED_BY_VALUES}
        _set_fields(item, fields)
        changed = [key for key in FIXED_BY_VALUES if getattr(item, key) != before[key]]
        if changed and IndicatorValue.objects.filter(indicator__definition=item).exists():
            raise ValidationError(
                {
                    key: _("Values are reported against this indicator: this cannot change.")
                    for key in changed
                }
            )
        item.full_clean(validate_constraints=False)
        _check_code_free(item)
        item.save()
    return item


def pool_adopt_starter(*, actor: User, project: Project) -> list[IndicatorDefinition]:
    """Copy UNIDO's starter pool into the project's pool, names in the actor's language.
    Codes the pool has already are left as they are, so a second run adds nothing."""
    authorize(actor, Action.MANAGE, project)
    created = []
    with transaction.atomic(), actor_context(actor):
        Project.objects.select_for_update().filter(pk=project.pk).first()
        taken = {
            code.upper()
            for code in IndicatorDefinition.objects.filter(project=project).values_list(
                "code", flat=True
            )
        }
        for starter in STARTER_POOL:
            if starter.code.upper() in taken:
                continue
            definition = IndicatorDefinition(project=project, **starter.definition_fields())
            definition.full_clean(validate_constraints=False)
            definition.save()
            created.append(definition)
    return created


def monitoring_settings_save(
    *, actor: User, project: Project, seen_updated_at: Any = None, **fields: Any
) -> MonitoringSettings:
    """Save the project's M&E calendar (created on its first save)."""
    authorize(actor, Action.MANAGE, project)
    with transaction.atomic(), actor_context(actor):
        Project.objects.select_for_update().filter(pk=project.pk).first()
        settings = MonitoringSettings.objects.filter(project=project).first()
        if settings is None:
            settings = MonitoringSettings(project=project)
        else:
            ensure_not_stale(settings, seen_updated_at)
        assign_fields(settings, fields, SETTINGS_FIELDS)
        settings.full_clean()
        settings.save()
    return settings


def monitoring_settings_update(
    *, actor: User, settings: MonitoringSettings, seen_updated_at: Any = None, **fields: Any
) -> MonitoringSettings:
    """Edit saved settings (the API's update)."""
    return monitoring_settings_save(
        actor=actor, project=settings.project, seen_updated_at=seen_updated_at, **fields
    )
