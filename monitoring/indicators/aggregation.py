"""How approved values add up: over time (month -> quarter -> year -> to date) and across
clusters (cluster -> project -> country), by an indicator definition's two rules.

Pure functions on plain data (no database), in ``Decimal``. A figure keeps its
disaggregation as a dimension: each category (women, men; later age groups) is
combined by the same rule as the total, so women + men stays the total wherever the
rule allows it (sum, last) and a percentage by sex stays its own numerator over its own
denominator.

The rules, and the mistakes they avoid:

* ``sum`` (flows): the period's total is the sum of its values.
* ``last`` (stocks): the period's value is the last value reported in it, never a sum
  of its months.
* ``average``: the mean of the values reported.
* ``ratio`` (percentages): the sum of numerators over the sum of denominators × 100,
  never an average of percentages.
* a **cumulative** indicator reports running totals: whatever its rule says, over time
  it takes the last value (summing running totals made Akvo RSR's programme totals
  wrong, akvo-rsr #5211/#5212).

Values are grouped by the period they fall in before they are combined, so a late
value for an earlier period changes that period's figure only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..models import ClusterAggregation, TimeAggregation
from ..periods import period_containing

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Figure:
    """A value (for a percentage: its numerator and denominator too) and its parts by
    category. ``split_complete`` is False when some value combined into it had no
    split (entered as a total alone), so the parts need not add up to the total."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    parts: Mapping[str, Figure] = field(default_factory=dict)
    split_complete: bool = True


@dataclass(frozen=True)
class Point:
    """One approved value: the first day of its period and its figure."""

    period_start: datetime.date
    figure: Figure


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def figure_of(value: Any, numerator: Any = None, denominator: Any = None, parts=None) -> Figure:
    """A Figure from plain data. ``parts`` maps a category to a value, to a
    ``(value, numerator, denominator)`` tuple, or to a Figure."""
    converted = {}
    for category, part in (parts or {}).items():
        if isinstance(part, Figure):
            converted[category] = part
        elif isinstance(part, tuple | list):
            converted[category] = figure_of(*part)
        else:
            converted[category] = figure_of(part)
    return Figure(_decimal(value), _decimal(numerator), _decimal(denominator), converted)


def point_of(row: Point | Sequence[Any]) -> Point:
    """A Point from ``(period_start, value, numerator, denominator, {category: value})``
    (the last three optional)."""
    if isinstance(row, Point):
        return row
    period_start, *rest = row
    return Point(period_start, figure_of(*rest))


def _present(values: Iterable[Decimal | None]) -> list[Decimal]:
    return [v for v in values if v is not None]


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    present = _present(values)
    return sum(present, Decimal(0)) if present else None


def _mean(values: Iterable[Decimal | None]) -> Decimal | None:
    present = _present(values)
    return sum(present, Decimal(0)) / len(present) if present else None


def _ratio(figures: Sequence[Figure]) -> Figure:
    # A figure without both terms cannot weigh in; it is left out of both sums.
    both = [f for f in figures if f.numerator is not None and f.denominator is not None]
    numerator = _sum(f.numerator for f in both)
    denominator = _sum(f.denominator for f in both)
    value = numerator / denominator * HUNDRED if numerator is not None and denominator else None
    return Figure(value, numerator, denominator)


def _combine_totals(figures: Sequence[Figure], rule: str) -> Figure:
    if rule == TimeAggregation.RATIO:
        return _ratio(figures)
    if rule == TimeAggregation.LAST:
        last = figures[-1]
        return Figure(last.value, last.numerator, last.denominator)
    if rule == TimeAggregation.AVERAGE:
        return Figure(_mean(f.value for f in figures))
    return Figure(_sum(f.value for f in figures))


def combine(figures: Sequence[Figure], rule: str) -> Figure | None:
    """Combine figures (in period order) by ``rule`` (a TimeAggregation or
    ClusterAggregation value; the two share sum, average and ratio). The parts are
    combined category by category with the same rule."""
    figures = list(figures)
    if not figures:
        return None
    total = _combine_totals(figures, rule)
    considered = figures[-1:] if rule == TimeAggregation.LAST else figures
    categories = sorted({c for f in considered for c in f.parts})
    parts = {}
    for category in categories:
        with_part = [f.parts[category] for f in considered if category in f.parts]
        parts[category] = _combine_totals(with_part, rule)
    # A total entered without its split (split not known) leaves the parts short of it.
    complete = all(
        f.split_complete and set(f.parts) == set(categories)
        for f in considered
        if f.value is not None or f.numerator is not None
    )
    return Figure(total.value, total.numerator, total.denominator, parts, complete)


def time_rule(time_aggregation: str, cumulative: bool) -> str:
    """The rule over time: a cumulative indicator's running totals take the last value."""
    return TimeAggregation.LAST if cumulative else time_aggregation


def over_time(
    rows: Iterable[Point | Sequence[Any]],
    *,
    time_aggregation: str,
    cumulative: bool = False,
    frequency: str,
    fy_start_month: int = 1,
) -> dict[datetime.date, Figure]:
    """Each period of ``frequency`` (aligned on the financial year) with the values that
    fall in it combined: {first day of the period: Figure}, in period order."""
    rule = time_rule(time_aggregation, cumulative)
    groups: dict[datetime.date, list[Point]] = {}
    for point in map(point_of, rows):
        start = period_containing(point.period_start, frequency, fy_start_month).start
        groups.setdefault(start, []).append(point)
    result = {}
    for start in sorted(groups):
        ordered = sorted(groups[start], key=lambda p: p.period_start)
        result[start] = combine([p.figure for p in ordered], rule)
    return result


def to_date(
    rows: Iterable[Point | Sequence[Any]], *, time_aggregation: str, cumulative: bool = False
) -> Figure | None:
    """All values of an indicator combined: the figure to date (a flow's total, a
    stock's or a cumulative indicator's latest value)."""
    ordered = sorted(map(point_of, rows), key=lambda p: p.period_start)
    return combine([p.figure for p in ordered], time_rule(time_aggregation, cumulative))


def across_clusters(figures: Iterable[Figure | None], *, cluster_aggregation: str) -> Figure | None:
    """The same period's figures of several clusters (or projects) combined by the
    definition's rule across clusters (sum, average or ratio). Clusters with no figure
    are left out."""
    present = [f for f in figures if f is not None]
    if cluster_aggregation not in ClusterAggregation.values:
        raise ValueError(f"unknown cluster aggregation {cluster_aggregation!r}")
    return combine(present, cluster_aggregation)
