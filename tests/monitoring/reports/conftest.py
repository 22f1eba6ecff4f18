"""Project A with approved, rolled-up figures for the third quarter of 2026: a jobs
indicator split by sex in both clusters (with targets), and a flow counted in the
project itself."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from monitoring.models import (
    Disaggregation,
    IndicatorTarget,
    IndicatorValueBreakdown,
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
