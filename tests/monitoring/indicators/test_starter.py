"""UNIDO's starter pool: every indicator's two aggregation rules fit its kind of
quantity, and the model accepts each."""

import pytest

from monitoring.indicators.starter import STARTER_BY_CODE, STARTER_POOL, Kind
from monitoring.models import (
    ClusterAggregation,
    IndicatorDefinition,
    Measure,
    TimeAggregation,
)
from tests.factories import ProjectFactory

# What the rule must be for each kind of quantity, and why.
RULES = {
    # A flow happens during the period: months add up to the quarter, clusters to the
    # project.
    Kind.FLOW: (TimeAggregation.SUM, ClusterAggregation.SUM, False),
    # A stock is a count at a moment: the quarter's value is its last month's.
    Kind.STOCK: (TimeAggregation.LAST, ClusterAggregation.SUM, False),
    # A percentage: sum of numerators over sum of denominators, both ways.
    Kind.PERCENTAGE: (TimeAggregation.RATIO, ClusterAggregation.RATIO, False),
    # Running totals: the year's value is the last one (summing them is Akvo's #5211).
    Kind.CUMULATIVE: (TimeAggregation.LAST, ClusterAggregation.SUM, True),
}


@pytest.mark.parametrize("item", STARTER_POOL, ids=lambda i: i.code)
def test_each_starter_indicator_adds_up_as_its_kind_does(item):
    if item.kind in RULES:
        assert (item.time_aggregation, item.cluster_aggregation, item.cumulative) == RULES[
            item.kind
        ]
    elif item.kind == Kind.LEVEL:
        # A multiple of a baseline or a density cannot be added across clusters.
        assert item.cluster_aggregation == ClusterAggregation.AVERAGE
        assert item.time_aggregation in (TimeAggregation.AVERAGE, TimeAggregation.LAST)
        assert not item.cumulative
    else:
        assert item.kind == Kind.MILESTONE and item.measure == Measure.YES_NO
        assert item.time_aggregation == TimeAggregation.LAST
    assert (item.measure == Measure.PERCENTAGE) == (item.kind == Kind.PERCENTAGE)


@pytest.mark.parametrize("item", STARTER_POOL, ids=lambda i: i.code)
@pytest.mark.django_db
def test_each_starter_indicator_is_a_valid_definition(item):
    definition = IndicatorDefinition(project=ProjectFactory(), **item.definition_fields())
    definition.full_clean()
    assert len(item.code) <= 20 and item.name


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        # The cases the method names: flows, stocks, to-date, percentages, levels.
        ("SALES", Kind.FLOW),
        ("TRAINED", Kind.FLOW),
        ("NEW-JOBS", Kind.FLOW),
        ("JA-FIRMS", Kind.STOCK),
        ("CERT-FIRMS", Kind.STOCK),
        ("CERT-LAND", Kind.STOCK),
        ("EMPLOYMENT", Kind.STOCK),
        ("BA-MEMBERS", Kind.STOCK),
        ("FARM-PRACTICES", Kind.CUMULATIVE),
        ("POSTHARVEST-LOSS", Kind.PERCENTAGE),
        ("LINKED-SHARE", Kind.PERCENTAGE),
        ("PRICE-MULTIPLE", Kind.LEVEL),
        ("COOP-DENSITY", Kind.LEVEL),
    ],
)
def test_the_indicators_the_method_names_are_of_their_kind(code, kind):
    assert STARTER_BY_CODE[code].kind == kind


def test_the_pool_covers_the_method():
    assert 24 <= len(STARTER_POOL) <= 30
    assert len(STARTER_BY_CODE) == len(STARTER_POOL)  # codes are unique
    by_sex = {i.code for i in STARTER_POOL if i.disaggregation == "sex"}
    assert {"TRAINED", "NEW-JOBS", "EMPLOYMENT", "FARM-PRACTICES", "COM-ATTEND"} <= by_sex
    assert STARTER_BY_CODE["PRICE-MULTIPLE"].time_aggregation == TimeAggregation.AVERAGE
    assert STARTER_BY_CODE["POSTHARVEST-LOSS"].direction == "lower"
