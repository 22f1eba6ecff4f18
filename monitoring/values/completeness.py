"""Reporting completeness, as DHIS2's reporting rates: for each cluster and period, the
values expected (the ended periods of the cluster's indicators), submitted, submitted
on time (by the due date) and approved; the same per CDA (the clusters they serve).

A value counts as submitted once it waits for approval or was approved (a returned
value is back with the cluster and does not count until it is submitted again). On
time compares the earliest submission still on record for the period (a value that
was later corrected keeps its first submission) with the due date."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone

from governance.models import Role
from governance.roles.selectors import project_people

from ..indicators.schedule import due_on, indicator_periods, project_settings
from ..models import Indicator, IndicatorValue, ValueStatus
from ..periods import Period

COUNTED = (ValueStatus.SUBMITTED, ValueStatus.APPROVED, ValueStatus.SUPERSEDED)


@dataclass
class Rate:
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    approved: int = 0

    def add(self, other: Rate) -> None:
        self.expected += other.expected
        self.submitted += other.submitted
        self.on_time += other.on_time
        self.approved += other.approved

    def _share(self, part: int) -> int | None:
        return round(100 * part / self.expected) if self.expected else None

    @property
    def submitted_pct(self) -> int | None:
        return self._share(self.submitted)

    @property
    def on_time_pct(self) -> int | None:
        return self._share(self.on_time)

    @property
    def approved_pct(self) -> int | None:
        return self._share(self.approved)


@dataclass
class ClusterRates:
    cluster: Any
    total: Rate = field(default_factory=Rate)
    periods: list[tuple[Period, Rate]] = field(default_factory=list)


@dataclass
class PersonRates:
    user: Any
    clusters: list[Any]
    total: Rate = field(default_factory=Rate)


@dataclass
class Completeness:
    clusters: list[ClusterRates]
    people: list[PersonRates]
    total: Rate


def _cluster_cdas(project: Any) -> dict[int, list[Any]]:
    """Each CDA of the project today (by user id): their CDA assignments on its clusters.
    Read through governance's people selector; a proper ``cluster_cdas`` selector there
    would replace the role filter below."""
    found: dict[int, list[Any]] = defaultdict(list)
    for assignment in (
        project_people(project=project).active().filter(role=Role.CDA, cluster__isnull=False)
    ):
        found[assignment.user_id].append(assignment)
    return found


def reporting_completeness(*, project: Any, today: datetime.date | None = None) -> Completeness:
    today = today or timezone.localdate()
    settings = project_settings(project)
    indicators = list(
        Indicator.objects.filter(project=project, cluster__isnull=False).select_related(
            "cluster", "project"
        )
    )
    stats = {
        (row["indicator_id"], row["period_start"]): row
        for row in IndicatorValue.objects.filter(indicator__in=indicators, status__in=COUNTED)
        .values("indicator_id", "period_start")
        .annotate(first=Min("submitted_at"), approved=Count("pk", filter=Q(status="approved")))
    }
    per_cluster: dict[int, ClusterRates] = {}
    per_period: dict[int, dict[Period, Rate]] = defaultdict(lambda: defaultdict(Rate))
    for indicator in indicators:
        rates = per_cluster.setdefault(indicator.cluster_id, ClusterRates(indicator.cluster))
        for period in indicator_periods(indicator, settings, ended_by=today):
            rate = per_period[indicator.cluster_id][period]
            rate.expected += 1
            row = stats.get((indicator.pk, period.start))
            if row is not None:
                rate.submitted += 1
                first = row["first"]
                if first is not None and timezone.localdate(first) <= due_on(period, settings):
                    rate.on_time += 1
                rate.approved += 1 if row["approved"] else 0
        rates.periods = sorted(per_period[indicator.cluster_id].items(), reverse=True)
    total = Rate()
    for rates in per_cluster.values():
        for _period, rate in rates.periods:
            rates.total.add(rate)
        total.add(rates.total)
    people = []
    for assignments in _cluster_cdas(project).values():
        person = PersonRates(assignments[0].user, [a.cluster for a in assignments])
        for assignment in assignments:
            if assignment.cluster_id in per_cluster:
                person.total.add(per_cluster[assignment.cluster_id].total)
        people.append(person)
    people.sort(key=lambda p: p.user.get_full_name() or p.user.username)
    clusters = sorted(per_cluster.values(), key=lambda r: r.cluster.name)
    return Completeness(clusters=clusters, people=people, total=total)
