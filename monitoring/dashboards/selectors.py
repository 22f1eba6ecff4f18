"""Reads for the dashboards, from the roll-up tables (never the raw log, values or
meetings): field activity by type and month, participation by sex, governance health,
the phase tracker summary, the clusters' table and when the figures were rolled up.
Each runs a fixed number of queries whatever the number of clusters and rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q, Sum

from actionplans.models import ActivityKind
from actionplans.selectors import activity_stats_by_cluster
from clusters.models import Cluster, Phase, Project
from clusters.selectors import cdas_by_cluster

from ..models import ActivityRollup, GovernanceRollup, RollupStamp
from .forms import DashboardPeriod, current_quarter


def project_dashboard(*, project: Project) -> list[Cluster]:
    """The project's clusters with phase, CDAs, last activity and activities this quarter,
    read from the field log (the progress report's table; the dashboards read
    ``cluster_rows``, from the roll-ups). Fixed number of queries."""
    clusters = list(Cluster.objects.filter(project=project).order_by("name"))
    ids = [c.pk for c in clusters]
    cdas = cdas_by_cluster(ids)
    stats = activity_stats_by_cluster(ids)
    for cluster in clusters:
        cluster.cdas = cdas.get(cluster.pk, [])
        row = stats.get(cluster.pk, {})
        cluster.last_activity = row.get("last")
        cluster.activities_this_quarter = row.get("this_quarter", 0)
    return clusters


@dataclass(frozen=True)
class Scope:
    """What a dashboard shows: a project, or one of its clusters, over a period."""

    project: Project
    period: DashboardPeriod
    cluster: Cluster | None = None

    def cells(self, model: type) -> Any:
        qs = model.objects.filter(project=self.project)
        return qs.filter(cluster=self.cluster) if self.cluster else qs

    def in_period(self, model: type) -> Any:
        return self.cells(model).filter(month__gte=self.period.start, month__lte=self.period.end)


# Field activity -------------------------------------------------------------------


@dataclass
class ActivityMonth:
    month: datetime.date
    by_kind: list[int]  # in ActivityKind order
    total: int = 0
    women: int = 0
    men: int = 0
    kind_labels: tuple[str, ...] = ()

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(type, count) pairs: a stacked row on a phone names each number's type."""
        return list(zip(self.kind_labels, self.by_kind, strict=True))


@dataclass
class ActivityKindRow:
    kind: str
    label: str
    count: int = 0
    women: int = 0
    men: int = 0


@dataclass
class ActivityFigures:
    months: list[ActivityMonth]
    kinds: list[ActivityKindRow]
    total: ActivityKindRow

    @property
    def women_share(self) -> int | None:
        people = self.total.women + self.total.men
        return round(100 * self.total.women / people) if people else None


def activity_figures(scope: Scope) -> ActivityFigures:
    """Field activities by month and type, and participants by sex: one query."""
    kinds = list(ActivityKind.choices)
    index = {value: i for i, (value, _label) in enumerate(kinds)}
    labels = tuple(str(label) for _value, label in kinds)
    months = {
        m: ActivityMonth(m, [0] * len(kinds), kind_labels=labels) for m in scope.period.months
    }
    by_kind = [ActivityKindRow(value, str(label)) for value, label in kinds]
    rows = (
        scope.in_period(ActivityRollup)
        .values("month", "kind")
        .annotate(n=Sum("count"), w=Sum("women"), m=Sum("men"))
        .order_by()
    )
    total = ActivityKindRow("", "")
    for row in rows:
        month = months.get(row["month"])
        i = index.get(row["kind"])
        if month is None or i is None:
            continue
        month.by_kind[i] += row["n"]
        for target in (month, by_kind[i], total):
            target.women += row["w"]
            target.men += row["m"]
        month.total += row["n"]
        by_kind[i].count += row["n"]
        total.count += row["n"]
    return ActivityFigures(months=list(months.values()), kinds=by_kind, total=total)


# Governance -----------------------------------------------------------------------


@dataclass
class GovernanceRow:
    label: str
    meetings: int = 0
    women: int = 0
    men: int = 0
    decisions: int = 0
    done: int = 0

    def add(self, row: dict) -> None:
        self.meetings += row["n"]
        self.women += row["w"]
        self.men += row["m"]
        self.decisions += row["d"]
        self.done += row["dd"]

    @property
    def done_pct(self) -> int | None:
        return round(100 * self.done / self.decisions) if self.decisions else None


@dataclass
class GovernanceFigures:
    bodies: list[GovernanceRow]  # the Commission(s), and the Steering Committee
    months: list[tuple[datetime.date, GovernanceRow]] = field(default_factory=list)


def governance_figures(scope: Scope, *, commission: str, steering: str) -> GovernanceFigures:
    """Meetings, attendance by sex and decisions done, by body and by month: one query."""
    rows = (
        scope.in_period(GovernanceRollup)
        .values(
            "month",
            steering_row=ExpressionWrapper(Q(cluster__isnull=True), output_field=BooleanField()),
        )
        .annotate(
            n=Sum("meetings"),
            w=Sum("attendance_women"),
            m=Sum("attendance_men"),
            d=Sum("decisions"),
            dd=Sum("decisions_done"),
        )
        .order_by()
    )
    commissions, committee = GovernanceRow(commission), GovernanceRow(steering)
    months = {m: GovernanceRow(m.isoformat()) for m in scope.period.months}
    for row in rows:
        (committee if row["steering_row"] else commissions).add(row)
        if row["month"] in months:
            months[row["month"]].add(row)
    bodies = [commissions] if scope.cluster else [commissions, committee]
    return GovernanceFigures(bodies=bodies, months=list(months.items()))


# Phases and clusters -------------------------------------------------------------------


def phase_summary(*, project: Project) -> list[tuple[str, int]]:
    """How many of the project's clusters are in each phase: one query."""
    counts = dict(
        Cluster.objects.filter(project=project)
        .values_list("phase")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(str(label), counts.get(value, 0)) for value, label in Phase.choices]


def cluster_rows(clusters: list[Cluster]) -> list[Cluster]:
    """Each cluster with its CDAs, last field activity and activities this quarter,
    from the roll-ups: two queries for any number of clusters."""
    ids = [c.pk for c in clusters]
    cdas = cdas_by_cluster(ids)
    quarter = current_quarter()
    stats = {
        row["cluster_id"]: row
        for row in ActivityRollup.objects.filter(cluster_id__in=ids)
        .values("cluster_id")
        .annotate(last=Max("last_on"), this_quarter=Sum("count", filter=Q(month__gte=quarter)))
        .order_by()
    }
    for cluster in clusters:
        cluster.cdas = cdas.get(cluster.pk, [])
        row = stats.get(cluster.pk, {})
        cluster.last_activity = row.get("last")
        cluster.activities_this_quarter = row.get("this_quarter") or 0
    return clusters


@dataclass
class RolledUp:
    indicators: datetime.datetime | None
    activities: datetime.datetime | None
    governance: datetime.datetime | None


def rolled_up_at(scope: Scope) -> RolledUp:
    """When each kind of figure was last rolled up: three small queries."""
    stamp = RollupStamp.objects.filter(project=scope.project).values_list("rolled_at").first()
    return RolledUp(
        indicators=stamp[0] if stamp else None,
        activities=scope.cells(ActivityRollup).aggregate(at=Max("refreshed_at"))["at"],
        governance=scope.cells(GovernanceRollup).aggregate(at=Max("refreshed_at"))["at"],
    )
