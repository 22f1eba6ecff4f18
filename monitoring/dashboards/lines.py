"""Indicator lines over periods, for the dashboards: which periods a line runs over for
the period the dashboard shows, and each period's actual (from the roll-up cells) and
target. ``progress.py`` reads the cells and the targets; this module only lays them
out on the line (no database).

A year runs over its quarters, a quarter over the reporting periods in it (a monthly
indicator's months), "to date" over the quarters of the project so far, or its years
once the quarters would crowd the chart."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..indicators.aggregation import Figure, figure_of, time_rule
from ..models import ClusterAggregation, PeriodKind, TimeAggregation
from ..periods import Period, period_containing, periods_between
from ..values.figures import figure_text
from .forms import DashboardPeriod

# Beyond this many quarters, "to date" runs over years.
MAX_QUARTERS = 12
CATEGORIES = ("", "women", "men")


@dataclass(frozen=True)
class LineSpan:
    """The roll-up cells a line reads: ``kind`` cells starting from ``start`` to ``end``.
    ``buckets`` are the periods on the line; empty for reporting periods, where each
    indicator has its own (a monthly and a quarterly indicator differ)."""

    kind: str
    start: datetime.date
    end: datetime.date
    buckets: tuple[Period, ...] = ()

    def bucket_of(self, day: datetime.date) -> datetime.date | None:
        """The first day of the period on the line that ``day`` falls in."""
        if not self.start <= day <= self.end:
            return None
        if not self.buckets:
            return day
        return next((b.start for b in self.buckets if b.contains(day)), None)


def target_figure(value: Any, women: Any, men: Any) -> Figure:
    """A target of the M&E plan (a total, and women and men where it sets them)."""
    parts = {k: v for k, v in (("women", women), ("men", men)) if v is not None}
    return figure_of(value, parts=parts)


def target_time_rule(definition: Any) -> str:
    """How an indicator's targets of several reporting periods make a longer period's.
    A target is a figure, not a numerator and denominator: a ratio's target is the
    target of its latest period."""
    rule = time_rule(definition.time_aggregation, definition.cumulative)
    return TimeAggregation.LAST if rule == TimeAggregation.RATIO else rule


def target_across_rule(definition: Any) -> str:
    """How the clusters' targets make the project's (a ratio's: their average)."""
    rule = definition.cluster_aggregation
    return ClusterAggregation.AVERAGE if rule == ClusterAggregation.RATIO else rule


def line_span(period: DashboardPeriod) -> LineSpan:
    if period.kind == PeriodKind.QUARTER:
        return LineSpan(PeriodKind.PERIOD, period.start, period.end)
    return quarters_or_years(period.start, period.end, to_date=period.kind == PeriodKind.TO_DATE)


def quarters_or_years(start: datetime.date, end: datetime.date, *, to_date: bool) -> LineSpan:
    """The quarters from ``start`` to ``end``; to date, its years once the quarters would
    crowd the chart."""
    quarters = periods_between(start, end, "quarter")
    if not quarters:  # a project that has not started: nothing on the line
        return LineSpan(PeriodKind.QUARTER, start, end)
    if to_date and len(quarters) > MAX_QUARTERS:
        years = periods_between(start, end, "year")
        return LineSpan(PeriodKind.YEAR, years[0].start, end, tuple(years))
    return LineSpan(PeriodKind.QUARTER, quarters[0].start, end, tuple(quarters))


def _label(kind: str, start: datetime.date, end: datetime.date | None) -> str:
    if kind == PeriodKind.QUARTER:
        number = (start.month - 1) // 3 + 1
        return _("Q%(number)s %(year)s") % {"number": number, "year": start.year}
    if kind == PeriodKind.YEAR:
        return str(start.year)
    # A reporting period: a month, or the months it spans.
    end = end or period_containing(start, "month").end
    if (start.year, start.month) == (end.year, end.month):
        return date_format(start, "M Y")
    return _("%(first)s – %(last)s") % {
        "first": date_format(start, "M Y"),
        "last": date_format(end, "M Y"),
    }


def shown_number(number: Decimal | None) -> str:
    """As the tables print it (``figure_text``), "" for none."""
    return figure_text(number, empty="")


@dataclass
class LinePoint:
    start: datetime.date
    label: str
    actual: dict[str, Decimal | None]  # "" (the total), "women", "men"
    target: Decimal | None

    # As printed in the table beside the chart.
    @property
    def actual_total(self) -> str:
        return shown_number(self.actual[""])

    @property
    def actual_women(self) -> str:
        return shown_number(self.actual["women"])

    @property
    def actual_men(self) -> str:
        return shown_number(self.actual["men"])

    @property
    def target_total(self) -> str:
        return shown_number(self.target)


@dataclass
class ProgressLine:
    """An indicator's actual, target and (when split by sex) women and men, period by
    period: the line chart and the table beside it are both drawn from ``points``."""

    chart_id: str
    points: list[LinePoint]
    split: bool

    @property
    def table_id(self) -> str:
        return self.chart_id.replace("chart-", "table-", 1)

    @property
    def has_targets(self) -> bool:
        return any(p.target is not None for p in self.points)

    @property
    def has_sexes(self) -> bool:
        """Split by sex, with women or men in some period (a total entered without
        its split has none)."""
        return self.split and any(
            p.actual["women"] is not None or p.actual["men"] is not None for p in self.points
        )


def progress_line(
    *,
    chart_id: str,
    span: LineSpan,
    cells: Mapping[tuple[datetime.date, str], Decimal | None],
    ends: Mapping[datetime.date, datetime.date],
    targets: Mapping[datetime.date, Figure | None],
    split: bool,
) -> ProgressLine | None:
    """The line of one indicator from its cells ({(period start, category): value}),
    the cells' last days and its targets by period; None unless it has figures in
    more than one period (one figure is a dot, not a line)."""
    if span.buckets:
        starts: Iterable[datetime.date] = [b.start for b in span.buckets]
    else:
        starts = sorted({start for start, _c in cells} | {s for s, t in targets.items() if t})
    points = []
    for start in starts:
        target = targets.get(start)
        points.append(
            LinePoint(
                start=start,
                label=_label(span.kind, start, ends.get(start)),
                actual={c: cells.get((start, c)) for c in CATEGORIES},
                target=target.value if target is not None else None,
            )
        )
    if sum(p.actual[""] is not None for p in points) < 2:
        return None
    return ProgressLine(chart_id=chart_id, points=points, split=split)
