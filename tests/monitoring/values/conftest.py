"""Indicators of project A for the value tests: A1's people trained (a number), A1's
jobs by sex, A1's share of firms linked (a percentage), A2's people trained, and a
project-wide yes/no. Periods stay open a year after they end (lock_after_days=366), so
the last ended quarters can be written whatever today is."""

from __future__ import annotations

import pytest

from monitoring.models import Disaggregation, Measure, MonitoringSettings, TimeAggregation
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory

from .helpers import Indicators


@pytest.fixture
def ind(world) -> Indicators:
    project = world.project_a
    MonitoringSettings.objects.create(project=project, due_after_days=15, lock_after_days=366)
    return Indicators(
        world=world,
        number=IndicatorFactory(
            cluster=world.a1,
            definition=DefinitionFactory(project=project, code="N1", name="People trained"),
        ),
        by_sex=IndicatorFactory(
            cluster=world.a1,
            definition=DefinitionFactory(
                project=project, code="S1", name="New jobs", disaggregation=Disaggregation.SEX
            ),
        ),
        percentage=IndicatorFactory(
            cluster=world.a1,
            definition=DefinitionFactory(
                project=project,
                code="P1",
                name="Firms linked",
                measure=Measure.PERCENTAGE,
                time_aggregation=TimeAggregation.RATIO,
                cluster_aggregation="ratio",
            ),
        ),
        other_cluster=IndicatorFactory(
            cluster=world.a2, definition=DefinitionFactory(project=project, code="N2")
        ),
        project_wide=IndicatorFactory(
            cluster=None,
            project=project,
            definition=DefinitionFactory(
                project=project,
                code="Y1",
                name="Strategy adopted",
                measure=Measure.YES_NO,
                time_aggregation=TimeAggregation.LAST,
            ),
        ),
    )
