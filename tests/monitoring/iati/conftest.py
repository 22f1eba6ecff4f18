"""Project A's M&E plan for the IATI tests, with values entered by the CDAs (or the
coordinator, for the project-wide milestone), approved by the coordinator through the
real services and rolled up on commit:

* ``jobs``: new jobs in A1, by sex, under the project's outcome; baseline 10 (4 women,
  6 men); targets 20 (10 and 10) for the last two ended quarters; approved 12 (5 + 7)
  and 9 (4 + 5);
* ``linked``: share of A1's firms linked to buyers, a percentage by sex; baseline 20 %;
  approved 3 of 8 firms (2 women-owned, 1 men-owned): 37.5 %, 25 %, 12.5 %;
* ``strategy``: the project's own yes/no milestone "strategy adopted"; approved yes;
* ``trained``: people trained in A2, linked to no statement; approved 5 and 7; the
  latest quarter's 100 returned, and a correction of the 7 (70) still waiting;
* ``story``: A2's qualitative change story; baseline text only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from monitoring.models import (
    Disaggregation,
    IndicatorTarget,
    Measure,
    MonitoringSettings,
    ResultLevel,
    TimeAggregation,
)
from monitoring.values import services
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory, ResultStatementFactory
from tests.monitoring.values.helpers import ended


@dataclass
class IatiPlan:
    world: Any
    jobs: Any
    linked: Any
    strategy: Any
    trained: Any
    story: Any
    outcome: Any

    def start(self, indicator: Any, back: int = 0) -> str:
        """The ISO start of the indicator's last ended period (``back`` earlier)."""
        return ended(indicator, back).start.isoformat()


def _approve(coordinator, author, indicator, back: int, commit, **figures):
    value = services.value_save(
        actor=author,
        indicator=indicator,
        period_start=ended(indicator, back).start,
        submit=True,
        **figures,
    )
    with commit(execute=True):
        return services.value_approve(actor=coordinator, value=value)


@pytest.fixture
def plan(world, eager_celery, django_capture_on_commit_callbacks) -> IatiPlan:
    project = world.project_a
    commit = django_capture_on_commit_callbacks
    MonitoringSettings.objects.create(project=project, due_after_days=15, lock_after_days=366)
    impact = ResultStatementFactory(project=project, statement="Competitive clusters")
    outcome = ResultStatementFactory(
        project=project,
        level=ResultLevel.OUTCOME,
        parent=impact,
        statement="Firms of the clusters grow and hire",
    )
    jobs = IndicatorFactory(
        cluster=world.a1,
        result=outcome,
        definition=DefinitionFactory(
            project=project,
            code="JOBS",
            name="New jobs",
            unit="jobs",
            level=ResultLevel.OUTCOME,
            disaggregation=Disaggregation.SEX,
        ),
        baseline_value=10,
        baseline_women=4,
        baseline_men=6,
        baseline_date=datetime.date(2024, 12, 31),
        baseline_source="Cluster survey",
    )
    linked = IndicatorFactory(
        cluster=world.a1,
        definition=DefinitionFactory(
            project=project,
            code="LINKED",
            name="Firms linked to buyers",
            measure=Measure.PERCENTAGE,
            disaggregation=Disaggregation.SEX,
            time_aggregation=TimeAggregation.RATIO,
            cluster_aggregation="ratio",
        ),
        baseline_value=20,
    )
    strategy = IndicatorFactory(
        cluster=None,
        project=project,
        definition=DefinitionFactory(
            project=project,
            code="STRATEGY",
            name="Strategy adopted",
            measure=Measure.YES_NO,
            level=ResultLevel.IMPACT,
            time_aggregation=TimeAggregation.LAST,
        ),
        baseline_value=0,
    )
    trained = IndicatorFactory(
        cluster=world.a2, definition=DefinitionFactory(project=project, code="TRAINED")
    )
    story = IndicatorFactory(
        cluster=world.a2,
        definition=DefinitionFactory(
            project=project,
            code="STORY",
            name="Change story",
            measure=Measure.QUALITATIVE,
            level=ResultLevel.OUTCOME,
            time_aggregation=TimeAggregation.LAST,
        ),
        baseline_text="Firms do not buy inputs together.",
    )
    for back in (0, 1):
        IndicatorTarget.objects.create(
            indicator=jobs, period_start=ended(jobs, back).start, value=20, women=10, men=10
        )
    coordinator, cda1, cda2 = (world.user(p) for p in ("coord_a", "cda_a1", "cda_a2"))
    _approve(coordinator, cda1, jobs, 1, commit, women=5, men=7)
    _approve(coordinator, cda1, jobs, 0, commit, value=9, women=4, men=5)
    _approve(coordinator, cda1, linked, 0, commit, numerator=3, denominator=8, women=2, men=1)
    _approve(coordinator, coordinator, strategy, 0, commit, yes_no=True)
    _approve(coordinator, cda2, trained, 2, commit, value=5)
    seven = _approve(coordinator, cda2, trained, 1, commit, value=7)
    services.value_correct(actor=cda2, original=seven, value=70)
    returned = services.value_save(
        actor=cda2,
        indicator=trained,
        period_start=ended(trained).start,
        submit=True,
        value=100,
    )
    services.value_return(actor=coordinator, value=returned, reason="Count again")
    _approve(coordinator, cda2, story, 0, commit, text="Ten firms now buy hides together.")
    return IatiPlan(world, jobs, linked, strategy, trained, story, outcome)
