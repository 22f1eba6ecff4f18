"""Rows for the dashboards' tests: field activities, meetings with attendance and
decisions, written directly (the tests about signals go through the services)."""

from __future__ import annotations

import datetime

from governance.models import Attendance, Body, BodyMember, Decision, Meeting
from governance.models.bodies import BodyKind, DecisionStatus
from tests.factories import FieldActivityFactory


def activities(cluster, *, month: datetime.date, n: int, kind: str = "visit", women=2, men=3):
    return [
        FieldActivityFactory(
            cluster=cluster,
            occurred_on=month.replace(day=1 + i % 27),
            kind=kind,
            women=women,
            men=men,
        )
        for i in range(n)
    ]


def body_of(project, cluster=None) -> Body:
    kind = BodyKind.COMMISSION if cluster else BodyKind.STEERING
    body, _ = Body.objects.get_or_create(kind=kind, project=project, cluster=cluster)
    return body


def meeting(body, *, held_on, women=1, men=1, other_women=0, other_men=0, done=0, open_=0):
    held = Meeting.objects.create(
        body=body, held_on=held_on, other_women=other_women, other_men=other_men
    )
    for sex, count in (("woman", women), ("man", men)):
        for i in range(count):
            member = BodyMember.objects.create(body=body, name=f"{sex} {i} {held.pk}", sex=sex)
            Attendance.objects.create(meeting=held, member=member)
    for status, count in ((DecisionStatus.DONE, done), (DecisionStatus.OPEN, open_)):
        for i in range(count):
            Decision.objects.create(meeting=held, text=f"Decision {i}", status=status)
    return held


def dashboard_project(world, *, clusters: int, quarters: int, activities_per_month: int):
    """Project A with ``clusters`` clusters (A1 and A2 among them), each with a summed
    indicator split by sex and a stock, approved values for ``quarters`` quarters of
    2025, field activities, a Commission meeting a month, and everything rolled up."""
    from clusters.models import Cluster
    from monitoring.models import (
        Disaggregation,
        IndicatorTarget,
        IndicatorValue,
        IndicatorValueBreakdown,
        TimeAggregation,
        ValueStatus,
    )
    from monitoring.rollups.activity import activity_rollups_rebuild
    from monitoring.rollups.services import rollup_rebuild
    from tests.factories import ClusterFactory
    from tests.monitoring.factories import DefinitionFactory, IndicatorFactory, ValueFactory

    project = world.project_a
    for i in range(clusters - 2):
        ClusterFactory(project=project, name=f"Cluster extra {i:03d}", status="selected")
    trained = DefinitionFactory(
        project=project, code="PT", name="People trained", disaggregation=Disaggregation.SEX
    )
    firms = DefinitionFactory(
        project=project,
        code="FJ",
        name="Firms in joint actions",
        time_aggregation=TimeAggregation.LAST,
    )
    starts = [datetime.date(2025, 1 + 3 * q, 1) for q in range(quarters)]
    for cluster in Cluster.objects.filter(project=project):
        for definition in (trained, firms):
            indicator = IndicatorFactory(
                cluster=cluster,
                definition=definition,
                end_target=100,
                end_target_women=50,
                end_target_men=50,
            )
            for start in starts:
                IndicatorTarget.objects.create(indicator=indicator, period_start=start, value=20)
                end = (start.replace(day=28) + datetime.timedelta(days=70)).replace(day=1)
                value = ValueFactory(
                    indicator=indicator,
                    period_start=start,
                    period_end=end - datetime.timedelta(days=1),
                    status=ValueStatus.APPROVED,
                    value=10,
                )
                if definition is trained:
                    IndicatorValueBreakdown.objects.bulk_create(
                        IndicatorValueBreakdown(
                            indicator_value=value, dimension="sex", category=c, value=v
                        )
                        for c, v in (("women", 4), ("men", 6))
                    )
        commission = body_of(project, cluster)
        for start in starts:
            activities(cluster, month=start, n=activities_per_month)
            meeting(commission, held_on=start.replace(day=10), done=1)
    assert IndicatorValue.objects.filter(indicator__project=project).exists()
    rollup_rebuild(project=project)
    activity_rollups_rebuild(project=project)
    return project
