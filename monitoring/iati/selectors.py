"""What an IATI activity file holds for one project, read in four queries whatever the
number of indicators, targets, periods and clusters.

The figures are roll-up cells (``IndicatorRollup``), never raw values: only approved
values reach them. Each indicator is exported with the cells of its own reporting
periods (``PeriodKind.PERIOD``, the cluster's cells for a cluster's indicator, the
project's for one the project adopted itself), so its targets and baseline, set per
reporting period, sit beside actuals of the same periods.

The caller has authorized the project (the view asks for MANAGE; the management
command is run by whoever runs the server)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from clusters.models import Cluster, Project

from ..indicators.schedule import project_settings
from ..models import (
    Indicator,
    IndicatorRollup,
    IndicatorTarget,
    PeriodKind,
    ResultLevel,
    ResultStatement,
)

LEVEL_ORDER = {ResultLevel.IMPACT: 0, ResultLevel.OUTCOME: 1, ResultLevel.OUTPUT: 2}


@dataclass
class IndicatorFigures:
    """One indicator with its targets and its roll-up cells by (period start, category);
    category "" is the total, "women" and "men" the parts."""

    indicator: Indicator
    targets: list[IndicatorTarget]
    cells: dict[tuple[datetime.date, str], IndicatorRollup] = field(default_factory=dict)

    @property
    def period_starts(self) -> list[datetime.date]:
        """The periods that have a target or an actual, in order."""
        starts = {start for start, _category in self.cells}
        starts |= {t.period_start for t in self.targets}
        return sorted(starts)

    def target(self, start: datetime.date) -> IndicatorTarget | None:
        return next((t for t in self.targets if t.period_start == start), None)


@dataclass
class ResultGroup:
    """One IATI result: a statement of a result chain and the indicators linked to it,
    or (statement empty) the indicators of one level linked to no statement."""

    level: str
    statement: ResultStatement | None
    indicators: list[IndicatorFigures] = field(default_factory=list)


@dataclass
class ActivityFigures:
    project: Project
    fy_start_month: int
    rolled_at: datetime.datetime | None
    clusters: list[Cluster]  # the clusters whose indicators are exported
    results: list[ResultGroup]


def _indicator_order(item: IndicatorFigures) -> tuple:
    ind = item.indicator
    cluster = ind.cluster.name if ind.cluster_id else ""
    return (ind.cluster_id is not None, cluster, ind.definition.code, ind.pk)


def _group_order(group: ResultGroup) -> tuple:
    statement = group.statement
    if statement is None:  # after the level's statements
        return (LEVEL_ORDER.get(group.level, 9), 1, 0, 0, 0)
    return (
        LEVEL_ORDER.get(group.level, 9),
        0,
        statement.cluster_id or 0,
        statement.position,
        statement.pk,
    )


def iati_activity_figures(*, project: Project) -> ActivityFigures:
    """The project, its M&E calendar and roll-up stamp (1 query), its indicators with
    definitions, clusters and statements (1) and targets (1), and the roll-up cells of
    their reporting periods (1)."""
    project = Project.objects.select_related("monitoring_settings", "rollup_stamp").get(
        pk=project.pk
    )
    stamp = getattr(project, "rollup_stamp", None)
    indicators = list(
        Indicator.objects.filter(project=project)
        .select_related("definition", "cluster", "result__cluster")
        .prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("period_start"))
        )
    )
    by_key = {
        (ind.definition_id, ind.cluster_id): IndicatorFigures(ind, list(ind.targets.all()))
        for ind in indicators
    }
    cells = IndicatorRollup.objects.filter(
        project=project, shadow=False, period_kind=PeriodKind.PERIOD
    ).order_by("definition_id", "period_start", "category", "pk")
    for cell in cells:
        item = by_key.get((cell.definition_id, cell.cluster_id))
        if item is not None:
            item.cells[(cell.period_start, cell.category)] = cell

    groups: dict[tuple, ResultGroup] = {}
    for item in sorted(by_key.values(), key=_indicator_order):
        statement = item.indicator.result
        if statement is not None:
            key: tuple = ("statement", statement.pk)
            level = statement.level
        else:
            level = item.indicator.definition.level
            key = ("level", level)
        group = groups.setdefault(key, ResultGroup(level=level, statement=statement))
        group.indicators.append(item)

    clusters = {ind.cluster_id: ind.cluster for ind in indicators if ind.cluster_id}
    return ActivityFigures(
        project=project,
        fy_start_month=project_settings(project).financial_year_start_month,
        rolled_at=stamp.rolled_at if stamp is not None else None,
        clusters=sorted(clusters.values(), key=lambda c: (c.name, c.pk)),
        results=sorted(groups.values(), key=_group_order),
    )
