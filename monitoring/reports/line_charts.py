"""The progress report's line charts: each indicator's actual over the report's periods
(the reporting periods of a quarter, the quarters of a half year or a year, the quarters
of the project to date or its years once they would crowd the chart), with its target
where the plan sets one and women and men when it is split by sex, read from the roll-up
cells (never from raw values), with the table of the same numbers beside the chart.

The periods and the rules that lay the cells and targets out on the line are the
dashboards' (``monitoring.dashboards.lines``), so a report's line and the dashboard's
line of the same period agree. Two queries whatever the number of clusters, indicators
and values: the cells (with their definitions) and, when there are any, the targets.
``charts.py`` draws the lines."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef

from ..dashboards.lines import (
    LineSpan,
    ProgressLine,
    progress_line,
    quarters_or_years,
    target_across_rule,
    target_figure,
    target_time_rule,
)
from ..indicators.aggregation import Figure, combine
from ..models import (
    Disaggregation,
    Indicator,
    IndicatorRollup,
    IndicatorTarget,
    Measure,
    PeriodKind,
)
from ..models.reports import ReportPeriodKind
from ..rollups.engine import NUMERIC_MEASURES
from .figures import shown
from .periods import ReportPeriod


def report_line_span(period: ReportPeriod) -> LineSpan:
    """The periods a report's lines run over."""
    to_date = period.kind == ReportPeriodKind.TO_DATE
    # The quarter cells are calendar quarters: a financial year starting mid-quarter
    # (February, say) runs over its reporting periods instead.
    aligned = to_date or period.start.month % 3 == 1
    if period.kind == ReportPeriodKind.QUARTER or not aligned:
        return LineSpan(PeriodKind.PERIOD, period.start, period.end)
    return quarters_or_years(period.start, period.end, to_date=to_date)


@dataclass
class LineRow:
    """A row of the table beside the chart, as printed (in the report's language)."""

    label: str
    actual: str
    target: str
    women: str
    men: str


@dataclass
class IndicatorLine:
    code: str
    name: str
    unit: str
    percentage: bool
    line: ProgressLine
    chart: str = ""  # the SVG, as a data: URI

    @property
    def rows(self) -> list[LineRow]:
        return [
            LineRow(
                label=p.label,
                actual=shown(p.actual[""]),
                target=shown(p.target),
                women=shown(p.actual["women"]),
                men=shown(p.actual["men"]),
            )
            for p in self.line.points
        ]


@dataclass
class _Definition:
    code: str
    name: str
    unit: str
    measure: str
    split: bool


def _targets(
    *, project: Any, span: LineSpan, cluster: Any
) -> dict[tuple[int, int | None], dict[datetime.date, Figure | None]]:
    """{(definition, cluster or None for the project): {period on the line: target}}.
    A definition the project adopted itself takes its own targets; one its clusters
    adopted, theirs combined by the rule across clusters. One query."""
    own = Indicator.objects.filter(
        project=project, cluster__isnull=True, definition=OuterRef("indicator__definition")
    )
    rows = IndicatorTarget.objects.filter(
        indicator__project=project, period_start__gte=span.start, period_start__lte=span.end
    )
    if cluster is not None:
        rows = rows.filter(indicator__cluster=cluster)
    rows = rows.annotate(project_owns=Exists(own)).select_related("indicator__definition")
    grouped: dict[tuple[int, int | None, datetime.date], list[Figure]] = defaultdict(list)
    definitions: dict[int, Any] = {}
    owned: set[int] = set()
    for target in rows.order_by("period_start", "pk"):
        bucket = span.bucket_of(target.period_start)
        if bucket is None:
            continue
        definition = target.indicator.definition
        definitions[definition.pk] = definition
        if target.project_owns:
            owned.add(definition.pk)
        key = (definition.pk, target.indicator.cluster_id, bucket)
        grouped[key].append(target_figure(target.value, target.women, target.men))
    found: dict[tuple[int, int | None], dict[datetime.date, Figure | None]] = defaultdict(dict)
    across: dict[tuple[int, datetime.date], list[Figure]] = defaultdict(list)
    for (definition_id, cluster_id, bucket), figures in grouped.items():
        definition = definitions[definition_id]
        figure = combine(figures, target_time_rule(definition))
        found[(definition_id, cluster_id)][bucket] = figure
        if cluster_id is not None and definition_id not in owned and figure is not None:
            across[(definition_id, bucket)].append(figure)
    for (definition_id, bucket), figures in across.items():
        found[(definition_id, None)][bucket] = combine(
            figures, target_across_rule(definitions[definition_id])
        )
    return found


def report_lines(*, project: Any, period: ReportPeriod, cluster: Any = None) -> list[IndicatorLine]:
    """The lines of the report's summary: the project's indicators (cluster cells combined
    by the roll-ups), or for a cluster report that cluster's (``charts`` draws them)."""
    span = report_line_span(period)
    cells = IndicatorRollup.objects.filter(
        project=project,
        cluster=cluster,
        shadow=False,
        period_kind=span.kind,
        period_start__gte=span.start,
        period_start__lte=span.end,
        definition__measure__in=NUMERIC_MEASURES,
    )
    by_definition: dict[int, dict[tuple[datetime.date, str], Any]] = defaultdict(dict)
    ends: dict[int, dict[datetime.date, datetime.date]] = defaultdict(dict)
    definitions: dict[int, _Definition] = {}
    for row in cells.values_list(
        "definition_id",
        "period_start",
        "period_end",
        "category",
        "value",
        "definition__code",
        "definition__name",
        "definition__unit",
        "definition__measure",
        "definition__disaggregation",
    ):
        definition_id, start, end, category, value, *about = row
        by_definition[definition_id][(start, category)] = value
        ends[definition_id][start] = end
        if definition_id not in definitions:
            code, name, unit, measure, disaggregation = about
            split = disaggregation != Disaggregation.NONE
            definitions[definition_id] = _Definition(code, name, unit, measure, split)
    if not definitions:
        return []
    targets = _targets(project=project, span=span, cluster=cluster)
    cluster_id = cluster.pk if cluster is not None else None
    lines = []
    for definition_id, definition in sorted(definitions.items(), key=lambda d: d[1].code):
        line = progress_line(
            chart_id=f"line-{definition_id}",
            span=span,
            cells=by_definition[definition_id],
            ends=ends[definition_id],
            targets=targets.get((definition_id, cluster_id), {}),
            split=definition.split,
        )
        if line is None:
            continue
        lines.append(
            IndicatorLine(
                code=definition.code,
                name=definition.name,
                unit=definition.unit,
                percentage=definition.measure == Measure.PERCENTAGE,
                line=line,
            )
        )
    return lines
