"""The synthetic project the benchmarks measure: clusters, field activities, two
indicators per cluster (one split by sex) with eight quarters of approved values and
end targets, a Cluster Commission per cluster meeting every quarter; rolled up. Built in
bulk, deleted in bulk (raw deletes of the big tables) at the end of a benchmark."""

from __future__ import annotations

import datetime
import random
import time

from django.db import connection, transaction

from actionplans.models import FieldActivity
from clusters.models import Cluster, Project
from governance.models import Attendance, Body, Decision, Meeting, User
from monitoring.models import (
    Indicator,
    IndicatorDefinition,
    IndicatorValue,
    IndicatorValueBreakdown,
    ValueStatus,
)
from monitoring.rollups.activity import activity_rollups_rebuild
from monitoring.rollups.services import rollup_rebuild

START = datetime.date(2023, 1, 1)
QUARTERS = 8


def quarters() -> list[tuple[datetime.date, datetime.date]]:
    found = []
    for q in range(QUARTERS):
        index = START.month - 1 + 3 * q
        start = datetime.date(START.year + index // 12, index % 12 + 1, 1)
        nxt = datetime.date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1)
        found.append((start, nxt - datetime.timedelta(days=1)))
    return found


def build(*, clusters: int, activities: int) -> tuple[Project, User, list[int]]:
    rng = random.Random(1)
    stamp = int(time.time())
    with transaction.atomic():
        project = Project.objects.create(
            name=f"Bench dashboard {stamp}", country="SN", starts_on=START
        )
        Cluster.objects.bulk_create(
            Cluster(project=project, name=f"Bench {i:04d}", sector="leather", status="selected")
            for i in range(clusters)
        )
        ids = list(Cluster.objects.filter(project=project).values_list("pk", flat=True))
        days = (datetime.date.today() - START).days
        for first in range(0, activities, 20_000):
            FieldActivity.objects.bulk_create(
                FieldActivity(
                    cluster_id=rng.choice(ids),
                    occurred_on=START + datetime.timedelta(days=rng.randrange(days)),
                    kind=rng.choice(["visit", "meeting", "training", "workshop", "b2b"]),
                    summary="bench",
                    women=rng.randint(0, 9),
                    men=rng.randint(0, 9),
                )
                for _ in range(min(20_000, activities - first))
            )
        definitions = [
            IndicatorDefinition.objects.create(
                project=project,
                code=code,
                name=name,
                measure="number",
                level="output",
                disaggregation=split,
                time_aggregation=rule,
                cluster_aggregation="sum",
            )
            for code, name, split, rule in (
                ("PT", "People trained", "sex", "sum"),
                ("FJ", "Firms in joint actions", "none", "last"),
            )
        ]
        indicators = Indicator.objects.bulk_create(
            Indicator(project=project, cluster_id=cid, definition=d, end_target=100)
            for cid in ids
            for d in definitions
        )
        values = IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator,
                period_start=start,
                period_end=end,
                status=ValueStatus.APPROVED,
                value=10,
            )
            for indicator in indicators
            for start, end in quarters()
        )
        split = {i.pk for i in indicators if i.definition_id == definitions[0].pk}
        IndicatorValueBreakdown.objects.bulk_create(
            IndicatorValueBreakdown(indicator_value=v, dimension="sex", category=c, value=n)
            for v in values
            if v.indicator_id in split
            for c, n in (("women", 4), ("men", 6))
        )
        bodies = Body.objects.bulk_create(
            Body(kind="commission", project=project, cluster_id=cid) for cid in ids
        )
        Meeting.objects.bulk_create(
            Meeting(
                body=body, held_on=start + datetime.timedelta(days=9), other_women=3, other_men=4
            )
            for body in bodies
            for start, _end in quarters()
        )
        user = User.objects.create_user(
            f"bench-dashboard-{stamp}", password=None, is_superuser=True, is_staff=True
        )
    started = time.perf_counter()
    rollup_rebuild(project=project)
    activity_rollups_rebuild(project=project)
    print(
        f"data: {clusters} clusters, {activities} field activities, "
        f"{len(values)} approved values; rolled up in {time.perf_counter() - started:.1f} s"
    )
    return project, user, ids


def teardown(project: Project, user: User) -> None:
    """Deleted without signals or audit rows per object (raw deletes of the big tables)."""
    alias = connection.alias
    with transaction.atomic():
        for qs in (
            IndicatorValueBreakdown.objects.filter(indicator_value__indicator__project=project),
            IndicatorValue.objects.filter(indicator__project=project),
            Indicator.objects.filter(project=project),
            Decision.objects.filter(meeting__body__project=project),
            Attendance.objects.filter(meeting__body__project=project),
            Meeting.objects.filter(body__project=project),
            FieldActivity.objects.filter(cluster__project=project),
        ):
            qs._raw_delete(alias)
        project.delete()
        user.delete()
