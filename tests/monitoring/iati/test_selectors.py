"""The export reads a fixed number of queries: the same with 2 indicators and with 8,
and with one period or twelve."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.iati.builder import iati_file
from monitoring.iati.selectors import iati_activity_figures
from monitoring.models import (
    Disaggregation,
    IndicatorTarget,
    IndicatorValue,
    IndicatorValueBreakdown,
    ValueStatus,
)
from monitoring.periods import periods_between
from monitoring.rollups.services import rollup_rebuild
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory, ResultStatementFactory

from .helpers import assert_valid

pytestmark = pytest.mark.django_db


def _grow(world, indicators: int, periods: int) -> None:
    """Indicators by sex or not, in both clusters and the project, with a target and an
    approved value (rolled up) in each of ``periods`` quarters."""
    project = world.project_a
    quarters = periods_between(datetime.date(2025, 1, 1), datetime.date(2027, 12, 31), "quarter")
    statement = ResultStatementFactory(project=project)
    for n in range(indicators):
        split = Disaggregation.SEX if n % 2 else Disaggregation.NONE
        cluster = (world.a1, world.a2, None)[n % 3]
        indicator = IndicatorFactory(
            cluster=cluster,
            project=project,
            result=statement if n % 2 else None,
            definition=DefinitionFactory(project=project, disaggregation=split),
        )
        for quarter in quarters[:periods]:
            IndicatorTarget.objects.create(
                indicator=indicator, period_start=quarter.start, value=4, women=2, men=2
            )
            value = IndicatorValue.objects.create(
                indicator=indicator,
                period_start=quarter.start,
                period_end=quarter.end,
                status=ValueStatus.APPROVED,
                value=3,
            )
            if split == Disaggregation.SEX:
                for category, part in (("women", 1), ("men", 2)):
                    IndicatorValueBreakdown.objects.create(
                        indicator_value=value, dimension="sex", category=category, value=part
                    )
    rollup_rebuild(project=project)


@pytest.mark.parametrize(("indicators", "periods"), [(2, 1), (8, 1), (8, 12)])
def test_the_figures_are_read_in_four_queries(
    world, django_assert_num_queries, indicators, periods
):
    _grow(world, indicators, periods)
    with django_assert_num_queries(4):
        figures = iati_activity_figures(project=world.project_a)
    exported = [item for group in figures.results for item in group.indicators]
    assert len(exported) == indicators
    with django_assert_num_queries(4):  # building the file reads nothing more
        assert_valid(iati_file(world.project_a))


def _download_queries(world, login) -> int:
    client = login(world.user("coord_a"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("iati-export", args=[world.project_a.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_download_does_not_grow_with_indicators_and_periods(world, login):
    _grow(world, 2, 1)
    small = _download_queries(world, login)
    _grow(world, 9, 12)
    assert _download_queries(world, login) == small
