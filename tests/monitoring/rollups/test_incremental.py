"""Incremental refreshes leave exactly the cells a full rebuild computes, whatever the
sequence of approvals and corrections and whatever order the refresh tasks run in."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring.models import (
    ClusterAggregation,
    Disaggregation,
    IndicatorValue,
    IndicatorValueBreakdown,
    Measure,
    TimeAggregation,
    ValueStatus,
)
from monitoring.periods import periods_between
from monitoring.rollups.services import rollup_rebuild, rollup_refresh
from tests.factories import ClusterFactory, ProjectFactory
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory

RULES = [
    {},  # a flow
    {"time_aggregation": TimeAggregation.LAST},  # a stock
    {"time_aggregation": TimeAggregation.LAST, "cumulative": True},
    {
        "measure": Measure.PERCENTAGE,
        "time_aggregation": TimeAggregation.RATIO,
        "cluster_aggregation": ClusterAggregation.RATIO,
    },
    {"disaggregation": Disaggregation.SEX},
    {
        "time_aggregation": TimeAggregation.AVERAGE,
        "cluster_aggregation": ClusterAggregation.AVERAGE,
    },
]
FREQUENCIES = ["month", "quarter", "year"]

change = st.tuples(
    st.integers(0, 11),  # which indicator (6 definitions × 2 clusters)
    st.integers(0, 23),  # which period (months of two years; wraps for longer periods)
    st.integers(0, 500),  # the value
    st.integers(0, 500),  # the women's part, or the numerator
)


@pytest.fixture
def setup(db):
    project = ProjectFactory(starts_on=datetime.date(2025, 1, 1))
    clusters = [ClusterFactory(project=project) for _ in range(2)]
    indicators = []
    for n, rules in enumerate(RULES):
        definition = DefinitionFactory(project=project, **rules)
        for c, cluster in enumerate(clusters):
            indicators.append(
                IndicatorFactory(
                    cluster=cluster, definition=definition, frequency=FREQUENCIES[(n + c) % 3]
                )
            )
    return project, indicators


def _approve(indicator, index: int, amount: int, part: int) -> datetime.date:
    """Approve a value, or a correction of the approved one (which it supersedes)."""
    periods = periods_between(
        datetime.date(2025, 1, 1), datetime.date(2026, 12, 31), indicator.frequency
    )
    period = periods[index % len(periods)]
    IndicatorValue.objects.filter(
        indicator=indicator, period_start=period.start, status=ValueStatus.APPROVED
    ).update(status=ValueStatus.SUPERSEDED)
    definition = indicator.definition
    fields = {"value": Decimal(amount)}
    if definition.measure == Measure.PERCENTAGE:
        den = max(amount, part, 1)
        fields = {"value": Decimal(part * 100) / den, "numerator": part, "denominator": den}
    row = IndicatorValue.objects.create(
        indicator=indicator,
        period_start=period.start,
        period_end=period.end,
        status=ValueStatus.APPROVED,
        **fields,
    )
    if definition.disaggregation == Disaggregation.SEX and part <= amount:
        for category, value in (("women", part), ("men", amount - part)):
            IndicatorValueBreakdown.objects.create(
                indicator_value=row, dimension="sex", category=category, value=value
            )
    return period.start


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(change, min_size=1, max_size=8), order=st.randoms())
def test_incremental_refreshes_equal_a_full_rebuild(setup, changes, order):
    project, indicators = setup
    try:
        with transaction.atomic():
            rollup_rebuild(project=project)
            pending = []
            for which, index, amount, part in changes:
                indicator = indicators[which]
                start = _approve(indicator, index, amount, part)
                pending.append((indicator.pk, start))
                if order.random() < 0.5:  # some tasks run at once, others later
                    rollup_refresh(indicator_id=indicator.pk, period_start=start)
            order.shuffle(pending)
            for indicator_id, start in pending:
                rollup_refresh(indicator_id=indicator_id, period_start=start)
            assert rollup_rebuild(project=project) == 0
            # Twice more changes nothing (idempotent).
            for indicator_id, start in pending[:3]:
                rollup_refresh(indicator_id=indicator_id, period_start=start)
            assert rollup_rebuild(project=project) == 0
            raise _Undo
    except _Undo:
        pass


class _Undo(Exception):
    """Rolls one example's values back, so every example starts from the same setup."""
