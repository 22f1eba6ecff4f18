"""Indicator progress against targets, for the dashboards: the actual figure of the
period from the roll-up cells (``IndicatorRollup``), beside the target of the same period
from the M&E plan (to date: the end-of-project target; a year or a quarter: the targets
of its reporting periods, combined by the indicator's rules), the total and by sex.

Three queries whatever the number of clusters, indicators and values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..indicators.aggregation import Figure, combine, figure_of, time_rule
from ..models import (
    ClusterAggregation,
    Direction,
    Disaggregation,
    Indicator,
    IndicatorRollup,
    IndicatorTarget,
    Measure,
    PeriodKind,
    TimeAggregation,
)
from ..rollups.engine import NUMERIC_MEASURES
from ..values.figures import shown
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


def _shown(number: Decimal | None) -> str:
    if number is None:
        return ""
    return shown(number.quantize(Decimal("0.01")) if number != number.to_integral() else number)


def _target_figure(value: Any, women: Any, men: Any) -> Figure:
    parts = {k: v for k, v in (("women", women), ("men", men)) if v is not None}
    return figure_of(value, parts=parts)


def _over_time_rule(definition: Any) -> str:
    # A target is a figure, not a numerator and denominator: a ratio's target is the
    # target of its latest period.
    rule = time_rule(definition.time_aggregation, definition.cumulative)
    return TimeAggregation.LAST if rule == TimeAggregation.RATIO else rule


def _across_rule(definition: Any) -> str:
    rule = definition.cluster_aggregation
    return ClusterAggregation.AVERAGE if rule == ClusterAggregation.RATIO else rule


def _targets(indicators: list[Indicator], scope: Scope) -> dict[int, Figure | None]:
    """Each indicator's target for the scope's period."""
    if scope.period.kind == PeriodKind.TO_DATE:
        return {
            i.pk: _target_figure(i.end_target, i.end_target_women, i.end_target_men)
            for i in indicators
        }
    by_indicator: dict[int, list[Figure]] = defaultdict(list)
    for target in IndicatorTarget.objects.filter(
        indicator__in=[i.pk for i in indicators],
        period_start__gte=scope.period.start,
        period_start__lte=scope.period.end,
    ).order_by("period_start", "pk"):
        by_indicator[target.indicator_id].append(
            _target_figure(target.value, target.women, target.men)
        )
    return {
        i.pk: combine(by_indicator[i.pk], _over_time_rule(i.definition))
        if i.pk in by_indicator
        else None
        for i in indicators
    }


def _parts(figure: Figure | None) -> dict[str, Decimal | None]:
    if figure is None:
        return {}
    found = {"": figure.value}
    for sex in SEXES:
        if sex in figure.parts:
            found[sex] = figure.parts[sex].value
    return found


def indicator_progress(scope: Scope) -> list[ProgressRow]:
    """One row per indicator definition of the scope with a numeric measure: a
    cluster's own indicators, or for the project its indicators and the definitions its
    clusters adopted (the targets of the clusters combined by the rule across clusters)."""
    indicators = Indicator.objects.filter(
        project=scope.project, definition__measure__in=NUMERIC_MEASURES
    ).select_related("definition")
    if scope.cluster is not None:
        indicators = indicators.filter(cluster=scope.cluster)
    indicators = list(indicators.order_by("definition__code", "pk"))
    targets = _targets(indicators, scope)
    by_definition: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_definition[indicator.definition_id].append(indicator)
    cells: dict[tuple[int, str], Decimal | None] = {
        (d, c): v
        for d, c, v in IndicatorRollup.objects.filter(
            project=scope.project,
            cluster=scope.cluster,
            shadow=False,
            period_kind=scope.period.kind,
            period_start=scope.period.start,
            definition_id__in=list(by_definition),
        ).values_list("definition_id", "category", "value")
    }
    rows = []
    for definition_id, adopted in by_definition.items():
        definition = adopted[0].definition
        own = [i for i in adopted if i.cluster_id is None]
        if scope.cluster is not None or own:
            target = targets[(own or adopted)[0].pk]
        else:
            target = combine(
                [targets[i.pk] for i in adopted if targets[i.pk] is not None],
                _across_rule(definition),
            )
        rows.append(
            ProgressRow(
                code=definition.code,
                name=definition.name,
                unit=definition.unit,
                measure=definition.measure,
                direction=definition.direction,
                split=definition.disaggregation != Disaggregation.NONE,
                actual={c: cells.get((definition_id, c)) for c in ("", *SEXES)},
                target=_parts(target),
            )
        )
    return rows
