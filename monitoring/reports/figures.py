"""Indicator figures of a report: baseline, target and actual (total, women, men) of each
indicator for a report period, read from the roll-up cells (never from raw values).

A half year is read from its two quarters' cells, combined by the indicator's rule
over time; the project's figure of a definition its clusters adopted is then their
halves combined by the rule across clusters, as the roll-up engine does for quarters.
Targets are the plan's: the end-of-project target to date, else the targets of the
reporting periods inside the report period, combined by the same rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..models import (
    ClusterAggregation,
    Disaggregation,
    Indicator,
    IndicatorRollup,
    IndicatorTarget,
    Measure,
    TimeAggregation,
)
from ..models.reports import ReportPeriodKind
from ..values.figures import figure_text
from .periods import ReportPeriod

PARTS = ("women", "men")
HUNDRED = Decimal(100)


# A figure in the active language (grouping, decimal mark); "—" when there is none.
shown = figure_text


@dataclass
class Triple:
    """A total and its women/men parts (a part is None when not split)."""

    total: Decimal | None = None
    women: Decimal | None = None
    men: Decimal | None = None

    def get(self, category: str) -> Decimal | None:
        return self.total if category == "" else getattr(self, category)

    @property
    def has_any(self) -> bool:
        return any(v is not None for v in (self.total, self.women, self.men))


@dataclass
class IndicatorRow:
    code: str
    name: str
    unit: str
    level: str
    measure: str
    split: bool
    cluster_name: str | None
    baseline: Triple = field(default_factory=Triple)
    target: Triple = field(default_factory=Triple)
    actual: Triple = field(default_factory=Triple)
    higher_is_better: bool = True

    @property
    def progress(self) -> Decimal | None:
        """The actual as a percentage of the target."""
        if self.actual.total is None or not self.target.total:
            return None
        return (self.actual.total / self.target.total * HUNDRED).quantize(Decimal("1"))

    @property
    def met(self) -> bool | None:
        if self.actual.total is None or self.target.total is None:
            return None
        if self.higher_is_better:
            return self.actual.total >= self.target.total
        return self.actual.total <= self.target.total

    def shown(self, which: str, category: str = "") -> str:
        return shown(getattr(self, which).get(category))

    # Template-friendly names (templates cannot call with arguments).
    baseline_shown = property(lambda self: shown(self.baseline.total))
    target_shown = property(lambda self: shown(self.target.total))
    actual_shown = property(lambda self: shown(self.actual.total))
    target_women_shown = property(lambda self: shown(self.target.women))
    target_men_shown = property(lambda self: shown(self.target.men))
    actual_women_shown = property(lambda self: shown(self.actual.women))
    actual_men_shown = property(lambda self: shown(self.actual.men))
    baseline_women_shown = property(lambda self: shown(self.baseline.women))
    baseline_men_shown = property(lambda self: shown(self.baseline.men))
    progress_shown = property(
        lambda self: "—" if self.progress is None else f"{shown(self.progress)} %"
    )


# --- combining cells and targets -------------------------------------------------------


def _present(values: Iterable[Decimal | None]) -> list[Decimal]:
    return [v for v in values if v is not None]


def _over_time(cells: Sequence[Any], rule: str) -> tuple[Any, Any, Any, int] | None:
    """Combine the cells of consecutive periods (in order): (value, num, den, periods)."""
    cells = [c for c in cells if c.value is not None or c.numerator is not None]
    if not cells:
        return None
    periods = sum(c.periods for c in cells)
    if rule == TimeAggregation.LAST:
        last = cells[-1]
        return last.value, last.numerator, last.denominator, periods
    if rule == TimeAggregation.RATIO:
        num = sum(_present(c.numerator for c in cells), Decimal(0))
        den = sum(_present(c.denominator for c in cells), Decimal(0))
        return (num / den * HUNDRED if den else None), num, den, periods
    if rule == TimeAggregation.AVERAGE:  # weighted by how many values each cell holds
        weight = sum(c.periods for c in cells if c.value is not None) or 1
        total = sum((c.value * (c.periods or 1) for c in cells if c.value is not None), Decimal(0))
        return total / weight, None, None, periods
    return sum(_present(c.value for c in cells), Decimal(0)), None, None, periods


@dataclass
class _Cell:
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    periods: int


def _across(cells: Sequence[_Cell], rule: str) -> Decimal | None:
    if not cells:
        return None
    if rule == ClusterAggregation.RATIO:
        num = sum(_present(c.numerator for c in cells), Decimal(0))
        den = sum(_present(c.denominator for c in cells), Decimal(0))
        return num / den * HUNDRED if den else None
    values = _present(c.value for c in cells)
    if not values:
        return None
    total = sum(values, Decimal(0))
    return total / len(values) if rule == ClusterAggregation.AVERAGE else total


def _targets_over_time(targets: Sequence[IndicatorTarget], rule: str) -> Triple:
    triple = Triple()
    for name in ("value", "women", "men"):
        values = _present(getattr(t, name) for t in targets)
        if not values:
            continue
        if rule == TimeAggregation.SUM:
            combined = sum(values, Decimal(0))
        elif rule == TimeAggregation.AVERAGE:
            combined = sum(values, Decimal(0)) / len(values)
        else:  # stocks and percentages: the target of the period's last reporting period
            combined = values[-1]
        setattr(triple, "total" if name == "value" else name, combined)
    return triple


def _combine_triples(triples: Sequence[Triple], rule: str) -> Triple:
    result = Triple()
    for name in ("total", "women", "men"):
        values = _present(getattr(t, name) for t in triples)
        if values:
            total = sum(values, Decimal(0))
            setattr(result, name, total if rule == ClusterAggregation.SUM else total / len(values))
    return result


# --- the rows --------------------------------------------------------------------------


def _rule(definition: Any) -> str:
    return TimeAggregation.LAST if definition.cumulative else definition.time_aggregation


def indicator_rows(
    *, project: Any, period: ReportPeriod, cluster: Any = None
) -> tuple[list[IndicatorRow], dict[int, list[IndicatorRow]]]:
    """The project's indicator rows (one per definition, cluster ones combined) and each
    cluster's rows, in three queries whatever the number of clusters and indicators.
    For a cluster report only that cluster's rows (the project list is empty)."""
    indicators = Indicator.objects.filter(project=project).select_related("definition", "cluster")
    cells = IndicatorRollup.objects.filter(
        project=project, shadow=False, period_kind=period.rollup_kind
    )
    targets = IndicatorTarget.objects.filter(indicator__project=project)
    if cluster is not None:
        indicators = indicators.filter(cluster=cluster)
        cells = cells.filter(cluster=cluster)
        targets = targets.filter(indicator__cluster=cluster)
    if period.kind != ReportPeriodKind.TO_DATE:
        cells = cells.filter(period_start__in=period.cell_starts)
        targets = targets.filter(period_start__gte=period.start, period_start__lte=period.end)
    else:
        targets = targets.none()  # to date: the end-of-project target
    indicators = list(indicators.order_by("definition__code", "cluster__name"))
    by_key: dict[tuple, list[Any]] = defaultdict(list)
    for cell in cells.exclude(definition__measure=Measure.QUALITATIVE).order_by("period_start"):
        by_key[(cell.definition_id, cell.cluster_id, cell.category)].append(cell)
    targets_of: dict[int, list[IndicatorTarget]] = defaultdict(list)
    for target in targets.order_by("period_start"):
        targets_of[target.indicator_id].append(target)

    def actual(definition: Any, cluster_id: int | None) -> tuple[Triple, dict[str, _Cell]]:
        triple, parts = Triple(), {}
        for category in ("", *PARTS):
            combined = _over_time(
                by_key.get((definition.pk, cluster_id, category), []), _rule(definition)
            )
            if combined is not None:
                parts[category] = _Cell(*combined)
                setattr(triple, category or "total", combined[0])
        return triple, parts

    def plan(indicator: Indicator) -> tuple[Triple, Triple]:
        baseline = Triple(
            indicator.baseline_value, indicator.baseline_women, indicator.baseline_men
        )
        if period.kind == ReportPeriodKind.TO_DATE:
            target = Triple(
                indicator.end_target, indicator.end_target_women, indicator.end_target_men
            )
        else:
            target = _targets_over_time(
                targets_of.get(indicator.pk, []), _rule(indicator.definition)
            )
        return baseline, target

    def row(definition: Any, cluster_name: str | None) -> IndicatorRow:
        return IndicatorRow(
            code=definition.code,
            name=definition.name,
            unit=definition.unit,
            level=definition.get_level_display(),
            measure=definition.measure,
            split=definition.disaggregation != Disaggregation.NONE,
            cluster_name=cluster_name,
            higher_is_better=definition.direction == "higher",
        )

    by_cluster: dict[int, list[IndicatorRow]] = defaultdict(list)
    cluster_parts: dict[int, list[tuple[dict[str, _Cell], Triple, Triple]]] = defaultdict(list)
    project_own: dict[int, Indicator] = {}
    definitions: dict[int, Any] = {}
    for indicator in indicators:
        definition = indicator.definition
        definitions[definition.pk] = definition
        if indicator.cluster_id is None:
            project_own[definition.pk] = indicator
            continue
        r = row(definition, indicator.cluster.name)
        r.actual, parts = actual(definition, indicator.cluster_id)
        r.baseline, r.target = plan(indicator)
        by_cluster[indicator.cluster_id].append(r)
        cluster_parts[definition.pk].append((parts, r.baseline, r.target))
    if cluster is not None:
        return [], dict(by_cluster)

    project_rows = []
    for pk, definition in sorted(definitions.items(), key=lambda item: item[1].code):
        r = row(definition, None)
        if pk in project_own:  # the project reports it itself
            r.actual, _parts = actual(definition, None)
            r.baseline, r.target = plan(project_own[pk])
        else:
            rule = definition.cluster_aggregation
            of_clusters = cluster_parts.get(pk, [])
            if period.kind == ReportPeriodKind.HALF_YEAR:
                for category in ("", *PARTS):
                    cells_ = [p[category] for p, _b, _t in of_clusters if category in p]
                    setattr(r.actual, category or "total", _across(cells_, rule))
            else:
                r.actual, _parts = actual(definition, None)
            r.baseline = _combine_triples([b for _p, b, _t in of_clusters], rule)
            r.target = _combine_triples([t for _p, _b, t in of_clusters], rule)
        project_rows.append(r)
    return project_rows, dict(by_cluster)
