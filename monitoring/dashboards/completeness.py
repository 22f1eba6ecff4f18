"""Reporting completeness for the dashboards: the rates of ``values.completeness``
(expected, submitted, on time, approved; the same rules and the same ``Rate``), by
cluster, for the project or for one cluster, in two queries whatever the number of
clusters (the per-CDA part of the completeness page is left out)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Min, Q
from django.utils import timezone

from clusters.models import Cluster, Project

from ..indicators.schedule import due_on, indicator_periods, project_settings
from ..models import Indicator, IndicatorValue
from ..values.completeness import COUNTED, Rate


def completeness_by_cluster(
    *, project: Project, cluster: Cluster | None = None, today: datetime.date | None = None
) -> dict[int, Rate]:
    """{cluster id: its rate}, over the ended periods of the clusters' indicators."""
    today = today or timezone.localdate()
    settings = project_settings(project)
    indicators = Indicator.objects.filter(project=project, cluster__isnull=False)
    if cluster is not None:
        indicators = indicators.filter(cluster=cluster)
    indicators = list(indicators.only("pk", "cluster_id", "frequency", "project_id"))
    stats = {
        (row["indicator_id"], row["period_start"]): row
        for row in IndicatorValue.objects.filter(
            indicator__in=[i.pk for i in indicators], status__in=COUNTED
        )
        .values("indicator_id", "period_start")
        .annotate(first=Min("submitted_at"), approved=Count("pk", filter=Q(status="approved")))
        .order_by()
    }
    rates: dict[int, Rate] = {}
    # One project, one calendar: the ended periods depend only on the frequency.
    periods_of: dict[str, list] = {}
    for indicator in indicators:
        indicator.project = project  # one project for all: no query per indicator
        rate = rates.setdefault(indicator.cluster_id, Rate())
        if indicator.frequency not in periods_of:
            periods_of[indicator.frequency] = indicator_periods(indicator, settings, ended_by=today)
        for period in periods_of[indicator.frequency]:
            rate.expected += 1
            row = stats.get((indicator.pk, period.start))
            if row is None:
                continue
            rate.submitted += 1
            first = row["first"]
            if first is not None and timezone.localdate(first) <= due_on(period, settings):
                rate.on_time += 1
            rate.approved += 1 if row["approved"] else 0
    return rates


def total_rate(rates: dict[int, Rate]) -> Rate:
    total = Rate()
    for rate in rates.values():
        total.add(rate)
    return total
