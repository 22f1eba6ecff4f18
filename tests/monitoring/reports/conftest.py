"""Project A with approved, rolled-up figures for the third quarter of 2026: a jobs
indicator split by sex in both clusters (with targets), and a flow counted in the
project itself; and a finished cluster report with Commission meetings to endorse it at."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from governance.models import Body, BodyKind, Meeting
from monitoring.models import (
    Disaggregation,
    IndicatorTarget,
    IndicatorValueBreakdown,
    ReportJob,
    ReportStatus,
    ValueStatus,
)
from monitoring.rollups.services import rollup_rebuild
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory, ValueFactory

Q3 = datetime.date(2026, 7, 1)
Q2 = datetime.date(2026, 4, 1)


def approve(indicator, start, value, *, women=None, men=None):
    end = {1: 31, 4: 30, 7: 30, 10: 31}[start.month]
    row = ValueFactory(
        indicator=indicator,
        period_start=start,
        period_end=datetime.date(start.year, start.month + 2, end),
        status=ValueStatus.APPROVED,
        value=value,
    )
    for category, part in (("women", women), ("men", men)):
        if part is not None:
            IndicatorValueBreakdown.objects.create(
                indicator_value=row, dimension="sex", category=category, value=part
            )
    return row


@dataclass
class ReportFigures:
    world: object
    jobs: object  # the definition
    a1_jobs: object
    a2_jobs: object


@pytest.fixture
def figures(world) -> ReportFigures:
    jobs = DefinitionFactory(
        project=world.project_a,
        code="JOB-1",
        name="Jobs created in cluster firms",
        unit="jobs",
        disaggregation=Disaggregation.SEX,
    )
    a1 = IndicatorFactory(
        cluster=world.a1,
        definition=jobs,
        frequency="quarter",
        baseline_value=Decimal(5),
        end_target=Decimal(400),
    )
    a2 = IndicatorFactory(cluster=world.a2, definition=jobs, frequency="quarter")
    approve(a1, Q2, 20, women=12, men=8)
    approve(a1, Q3, 1234, women=734, men=500)
    approve(a2, Q3, 16, women=6, men=10)
    IndicatorTarget.objects.create(indicator=a1, period_start=Q3, value=1500, women=800, men=700)
    IndicatorTarget.objects.create(indicator=a2, period_start=Q3, value=20, women=10, men=10)
    rollup_rebuild(project=world.project_a)
    return ReportFigures(world, jobs, a1, a2)


@dataclass
class EndorsementWorld:
    """A1's finished report on the third quarter of 2026, A1's Commission with a meeting
    held three weeks ago, and A2's Commission with one of its own."""

    world: object
    report: object  # ReportJob: A1, Q3 2026, done
    meeting: object  # A1's Commission, three weeks ago
    other_meeting: object  # A2's Commission, the day after


def finished_cluster_report(world, cluster, **fields):
    defaults = {
        "project": world.project_a,
        "kind": "cluster",
        "cluster": cluster,
        "period_kind": "quarter",
        "period_start": Q3,
        "period_end": datetime.date(2026, 9, 30),
        "status": ReportStatus.DONE,
        "requested_by": world.users["coord_a"],
        "finished_at": datetime.datetime(2026, 10, 5, 9, 0, tzinfo=datetime.UTC),
    }
    return ReportJob.objects.create(**{**defaults, **fields})


def commission_meeting(cluster, held_on, place=""):
    body, _created = Body.objects.get_or_create(
        kind=BodyKind.COMMISSION, project=cluster.project, cluster=cluster
    )
    return Meeting.objects.create(body=body, held_on=held_on, place=place)


@pytest.fixture
def endorsement_world(world) -> EndorsementWorld:
    held_on = timezone.localdate() - datetime.timedelta(days=21)
    return EndorsementWorld(
        world,
        report=finished_cluster_report(world, world.a1),
        meeting=commission_meeting(world.a1, held_on, place="Thiès"),
        other_meeting=commission_meeting(
            world.a2, held_on + datetime.timedelta(days=1), place="Kaolack"
        ),
    )
