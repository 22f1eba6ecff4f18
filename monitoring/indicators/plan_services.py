"""Writes of the indicators a cluster (or the project) adopts from the pool: adoption,
the M&E plan (baseline, end target, verification, who collects) and the targets per
period. The coordinator's work (MANAGE on the cluster or project)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusters.models import Cluster, Project
from governance.access import Action, authorize, visible
from governance.audit import actor_context, assign_fields
from governance.concurrency import locked_unchanged
from governance.models import User

from ..models import (
    Disaggregation,
    Frequency,
    Indicator,
    IndicatorDefinition,
    IndicatorTarget,
    IndicatorValue,
)
from .schedule import project_settings, target_periods

PLAN_FIELDS = (
    "result",
    "frequency",
    "baseline_value",
    "baseline_women",
    "baseline_men",
    "baseline_text",
    "baseline_date",
    "baseline_source",
    "end_target",
    "end_target_women",
    "end_target_men",
    "means_of_verification",
    "collection_method",
    "responsible",
)
TEXTS = ("baseline_text", "baseline_source", "means_of_verification", "collection_method")
# (total, women, men) field triples that split by sex.
SPLITS = (
    ("baseline_value", "baseline_women", "baseline_men"),
    ("end_target", "end_target_women", "end_target_men"),
    ("value", "women", "men"),
)


def indicators_adopt(
    *,
    actor: User,
    project: Project,
    cluster: Cluster | None = None,
    definitions: Iterable[IndicatorDefinition],
    frequency: str = Frequency.QUARTER,
) -> list[Indicator]:
    """Adopt definitions of the project's pool for a cluster (or for the project as a
    whole). Those adopted already are skipped, so adopting twice adds nothing."""
    authorize(actor, Action.MANAGE, cluster if cluster is not None else project)
    definitions = list(definitions)
    strangers = [d for d in definitions if d.project_id != project.pk]
    if strangers or (cluster is not None and cluster.project_id != project.pk):
        raise ValidationError({"definitions": _("Pick indicators of this project's pool.")})
    if not definitions:
        raise ValidationError({"definitions": _("Pick at least one indicator.")})
    created = []
    with transaction.atomic(), actor_context(actor):
        (Cluster if cluster is not None else Project).objects.select_for_update().filter(
            pk=(cluster or project).pk
        ).first()
        taken = set(
            Indicator.objects.filter(project=project, cluster=cluster).values_list(
                "definition_id", flat=True
            )
        )
        for definition in definitions:
            if definition.pk in taken:
                continue
            indicator = Indicator(
                project=project, cluster=cluster, definition=definition, frequency=frequency
            )
            indicator.full_clean(validate_constraints=False)
            indicator.save()
            created.append(indicator)
    return created


def indicator_adopt(
    *,
    actor: User,
    project: Project,
    definition: IndicatorDefinition,
    cluster: Cluster | None = None,
    frequency: str = Frequency.QUARTER,
    **plan: Any,
) -> Indicator:
    """Adopt one definition (the API's create), with its plan if given."""
    with transaction.atomic():
        created = indicators_adopt(
            actor=actor,
            project=project,
            cluster=cluster,
            definitions=[definition],
            frequency=frequency,
        )
        if not created:
            raise ValidationError({"definition": _("This indicator is adopted here already.")})
        if plan:
            return indicator_update(actor=actor, indicator=created[0], **plan)
    return created[0]


def _check_split(data: Mapping[str, Any], by_sex: bool, triples=SPLITS) -> dict[str, Any]:
    """Women and men only where the definition splits by sex; when both are given they
    add up to the total (an empty total is their sum)."""
    data = dict(data)
    errors = {}
    for total, women, men in triples:
        if total not in data and women not in data:
            continue
        if not by_sex:
            for part in (women, men):
                if data.get(part) is not None:
                    errors[part] = _("This indicator is not split by sex.")
            continue
        w, m, t = data.get(women), data.get(men), data.get(total)
        if w is not None and m is not None:
            if t is None:
                data[total] = w + m
            elif Decimal(w) + Decimal(m) != Decimal(t):
                errors[total] = _(
                    "Women and men add up to %(sum)s, not to the total %(total)s."
                ) % {"sum": w + m, "total": t}
    if errors:
        raise ValidationError(errors)
    return data


def _check_responsible(actor: User, indicator: Indicator, responsible: User | None) -> None:
    if responsible is None or responsible.pk == indicator.responsible_id:
        return
    reachable = visible(actor, User.objects.filter(is_active=True), Action.VIEW)
    if not reachable.filter(pk=responsible.pk).exists():
        raise ValidationError({"responsible": _("No active user has this username.")})


def _drop_misaligned_targets(indicator: Indicator) -> None:
    """After a change of frequency, the targets of periods that no longer exist go."""
    starts = {p.start for p in target_periods(indicator, project_settings(indicator.project))}
    for target in indicator.targets.exclude(period_start__in=starts):
        target.delete()  # one by one, so each removal is audited


def indicator_update(
    *, actor: User, indicator: Indicator, seen_updated_at: Any = None, **fields: Any
) -> Indicator:
    """Edit an indicator's M&E plan. Its frequency stays once values are reported."""
    authorize(actor, Action.MANAGE, indicator)
    with transaction.atomic(), actor_context(actor):
        item = locked_unchanged(
            Indicator.objects.select_related("project", "cluster", "definition"),
            indicator.pk,
            seen_updated_at,
            of=("self",),
        )
        by_sex = item.definition.disaggregation == Disaggregation.SEX
        fields = _check_split(
            {k: v for k, v in fields.items() if k in PLAN_FIELDS}, by_sex, SPLITS[:2]
        )
        _check_responsible(actor, item, fields.get("responsible"))
        old_frequency = item.frequency
        assign_fields(item, fields, PLAN_FIELDS, texts=TEXTS)
        reported = IndicatorValue.objects.filter(indicator=item)
        if item.frequency != old_frequency and reported.exists():
            raise ValidationError(
                {"frequency": _("Values are reported for this indicator: its frequency stays.")}
            )
        item.full_clean(validate_constraints=False)
        item.save()
        if item.frequency != old_frequency:
            _drop_misaligned_targets(item)
    return item


def _period_starts(indicator: Indicator) -> set[datetime.date]:
    return {p.start for p in target_periods(indicator, project_settings(indicator.project))}


def _target_set(indicator: Indicator, period_start: datetime.date, row: Mapping[str, Any]):
    by_sex = indicator.definition.disaggregation == Disaggregation.SEX
    row = _check_split(row, by_sex, SPLITS[2:])
    target = IndicatorTarget.objects.filter(indicator=indicator, period_start=period_start).first()
    values = {key: row.get(key) for key in ("value", "women", "men")}
    if all(v is None for v in values.values()):
        if target is not None:
            target.delete()
        return None
    if target is None:
        target = IndicatorTarget(indicator=indicator, period_start=period_start)
    for key, value in values.items():
        setattr(target, key, value)
    target.full_clean(validate_constraints=False)
    target.save()
    return target


def indicator_targets_save(
    *,
    actor: User,
    indicator: Indicator,
    targets: Mapping[datetime.date, Mapping[str, Any]],
    seen_updated_at: Any = None,
) -> Indicator:
    """Set the targets of several periods at once ({period start: {value, women, men}});
    an empty row removes that period's target. The indicator's stamp guards the whole
    grid against a stale edit."""
    authorize(actor, Action.MANAGE, indicator)
    with transaction.atomic(), actor_context(actor):
        item = locked_unchanged(
            Indicator.objects.select_related("project", "definition"),
            indicator.pk,
            seen_updated_at,
            of=("self",),
        )
        starts = _period_starts(item)
        errors = {}
        for period_start, row in sorted(targets.items()):
            if period_start not in starts:
                errors[str(period_start)] = _("No reporting period of this indicator starts then.")
                continue
            try:
                _target_set(item, period_start, row)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors[f"{period_start.isoformat()}-{field}"] = messages
        if errors:
            raise ValidationError(errors)
        item.save(update_fields=["updated_at"])
    return item


def indicator_target_set(
    *,
    actor: User,
    indicator: Indicator,
    period_start: datetime.date,
    value: Any = None,
    women: Any = None,
    men: Any = None,
) -> IndicatorTarget | None:
    """One period's target (the API's create); all empty removes it."""
    authorize(actor, Action.MANAGE, indicator)
    with transaction.atomic(), actor_context(actor):
        item = Indicator.objects.select_for_update(of=("self",)).select_related(
            "project", "definition"
        )
        item = item.get(pk=indicator.pk)
        if period_start not in _period_starts(item):
            raise ValidationError(
                {"period_start": _("No reporting period of this indicator starts then.")}
            )
        return _target_set(item, period_start, {"value": value, "women": women, "men": men})


def indicator_target_update(
    *, actor: User, target: IndicatorTarget, seen_updated_at: Any = None, **fields: Any
) -> IndicatorTarget:
    authorize(actor, Action.MANAGE, target)
    with transaction.atomic(), actor_context(actor):
        item = locked_unchanged(IndicatorTarget.objects, target.pk, seen_updated_at)
        indicator = Indicator.objects.select_related("definition").get(pk=item.indicator_id)
        row = {key: fields.get(key, getattr(item, key)) for key in ("value", "women", "men")}
        by_sex = indicator.definition.disaggregation == Disaggregation.SEX
        row = _check_split(row, by_sex, SPLITS[2:])
        for key, value in row.items():
            setattr(item, key, value)
        item.full_clean(validate_constraints=False)
        item.save()
    return item
