"""Indicator progress against targets, for the dashboards: the actual figure of the
period from the roll-up cells (``IndicatorRollup``), beside the target of the same period
from the M&E plan (to date: the end-of-project target; a year or a quarter: the targets
of its reporting periods, combined by the indicator's rules), the total and by sex.

Each indicator's line over periods (``lines.py``) comes from the same two reads: the
roll-up query fetches the period's cells and the cells of the periods on the line
together, and the targets query the targets of those periods. Three queries whatever
the number of clusters, indicators and values."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from ..indicators.aggregation import Figure, combine
from ..models import (
    Direction,
    Disaggregation,
    Indicator,
    IndicatorRollup,
    IndicatorTarget,
    Measure,
    PeriodKind,
)
from ..rollups.engine import NUMERIC_MEASURES
from .lines import (
    LineSpan,
    ProgressLine,
    line_span,
    progress_line,
    shown_number,
    target_across_rule,
    target_figure,
    target_time_rule,
)
from .selectors import Scope

HUNDRED = Decimal(100)
SEXES = ("women", "men")


@dataclass
class ProgressRow:
    code: str
    name: str
    unit: str
    measure: str
    direction: str
    split: bool
    actual: dict[str, Decimal | None]  # "" (the total), "women", "men"
    target: dict[str, Decimal | None]
    line: ProgressLine | None = None  # the actual and target period by period

    @property
    def pct(self) -> int | None:
        """The actual as a share of the target (for a lower-is-better indicator, the
        target as a share of the actual: 100 means the target is met)."""
        actual, target = self.actual.get(""), self.target.get("")
        if actual is None or not target:
            return None
        if self.direction == Direction.LOWER:
            return round(HUNDRED * target / actual) if actual else 100
        return round(HUNDRED * actual / target)

    @property
    def is_percentage(self) -> bool:
        return self.measure == Measure.PERCENTAGE

    # As printed in the tables: 12 for 12.0000, "" when there is no figure.
    @property
    def actual_total(self) -> str:
        return _shown(self.actual.get(""))

    @property
    def target_total(self) -> str:
        return _shown(self.target.get(""))

    @property
    def actual_women(self) -> str:
        return _shown(self.actual.get("women"))

    @property
    def actual_men(self) -> str:
        return _shown(self.actual.get("men"))

    @property
    def target_women(self) -> str:
        return _shown(self.target.get("women"))

    @property
    def target_men(self) -> str:
        return _shown(self.target.get("men"))


_shown = shown_number


Targets = dict[int, Figure | None]
LineTargets = dict[int, dict[datetime.date, Figure | None]]


def _targets(
    indicators: list[Indicator], scope: Scope, span: LineSpan
) -> tuple[Targets, LineTargets]:
    """Each indicator's target for the scope's period, and its targets on the line (by
    the first day of each period of the line): one query."""
    by_indicator: dict[int, list[Figure]] = defaultdict(list)
    by_bucket: dict[tuple[int, datetime.date], list[Figure]] = defaultdict(list)
    for target in IndicatorTarget.objects.filter(
        indicator__in=[i.pk for i in indicators],
        period_start__gte=span.start,
        period_start__lte=span.end,
    ).order_by("period_start", "pk"):
        figure = target_figure(target.value, target.women, target.men)
        if scope.period.start <= target.period_start <= scope.period.end:
            by_indicator[target.indicator_id].append(figure)
        bucket = span.bucket_of(target.period_start)
        if bucket is not None:
            by_bucket[(target.indicator_id, bucket)].append(figure)
    rules = {i.pk: target_time_rule(i.definition) for i in indicators}
    line: LineTargets = {i.pk: {} for i in indicators}
    for (indicator_id, bucket), figures in by_bucket.items():
        line[indicator_id][bucket] = combine(figures, rules[indicator_id])
    if scope.period.kind == PeriodKind.TO_DATE:
        return {
            i.pk: target_figure(i.end_target, i.end_target_women, i.end_target_men)
            for i in indicators
        }, line
    return {
        i.pk: combine(by_indicator[i.pk], rules[i.pk]) if i.pk in by_indicator else None
        for i in indicators
    }, line


def _across(figures: list[Figure | None], definition: Any) -> Figure | None:
    return combine([f for f in figures if f is not None], target_across_rule(definition))


def _parts(figure: Figure | None) -> dict[str, Decimal | None]:
    if figure is None:
        return {}
    found = {"": figure.value}
    for sex in SEXES:
        if sex in figure.parts:
            found[sex] = figure.parts[sex].value
    return found


def _cells(scope: Scope, span: LineSpan, definition_ids: list[int]):
    """The period's cells and the cells of the periods on the line: one query."""
    return IndicatorRollup.objects.filter(
        Q(period_kind=scope.period.kind, period_start=scope.period.start)
        | Q(period_kind=span.kind, period_start__gte=span.start, period_start__lte=span.end),
        project=scope.project,
        cluster=scope.cluster,
        shadow=False,
        definition_id__in=definition_ids,
    ).values_list("definition_id", "period_kind", "period_start", "period_end", "category", "value")


def indicator_progress(scope: Scope) -> list[ProgressRow]:
    """One row per indicator definition of the scope with a numeric measure: a
    cluster's own indicators, or for the project its indicators and the definitions its
    clusters adopted (the targets of the clusters combined by the rule across clusters),
    each with its line over the periods of the scope (``lines.py``)."""
    indicators = Indicator.objects.filter(
        project=scope.project, definition__measure__in=NUMERIC_MEASURES
    ).select_related("definition")
    if scope.cluster is not None:
        indicators = indicators.filter(cluster=scope.cluster)
    indicators = list(indicators.order_by("definition__code", "pk"))
    span = line_span(scope.period)
    targets, line_targets = _targets(indicators, scope, span)
    by_definition: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_definition[indicator.definition_id].append(indicator)
    cells: dict[tuple[int, str], Decimal | None] = {}
    line_cells: dict[int, dict[tuple[datetime.date, str], Decimal | None]] = defaultdict(dict)
    line_ends: dict[int, dict[datetime.date, datetime.date]] = defaultdict(dict)
    for definition_id, kind, start, end, category, value in _cells(
        scope, span, list(by_definition)
    ):
        if kind == scope.period.kind:
            cells[(definition_id, category)] = value
        else:
            line_cells[definition_id][(start, category)] = value
            line_ends[definition_id][start] = end
    rows = []
    for definition_id, adopted in by_definition.items():
        definition = adopted[0].definition
        own = [i for i in adopted if i.cluster_id is None]
        if scope.cluster is not None or own:
            reporting = (own or adopted)[0]
            target = targets[reporting.pk]
            on_line = line_targets[reporting.pk]
        else:
            target = _across([targets[i.pk] for i in adopted], definition)
            buckets = {b for i in adopted for b in line_targets[i.pk]}
            on_line = {
                b: _across([line_targets[i.pk].get(b) for i in adopted], definition)
                for b in buckets
            }
        split = definition.disaggregation != Disaggregation.NONE
        rows.append(
            ProgressRow(
                code=definition.code,
                name=definition.name,
                unit=definition.unit,
                measure=definition.measure,
                direction=definition.direction,
                split=split,
                actual={c: cells.get((definition_id, c)) for c in ("", *SEXES)},
                target=_parts(target),
                line=progress_line(
                    chart_id=f"chart-line-{definition_id}",
                    span=span,
                    cells=line_cells[definition_id],
                    ends=line_ends[definition_id],
                    targets=on_line,
                    split=split,
                ),
            )
        )
    return rows
