"""Factories for monitoring's result chain, indicators and values (shared by its tests)."""

import datetime

import factory

from monitoring.models import (
    ClusterAggregation,
    Disaggregation,
    Frequency,
    Indicator,
    IndicatorDefinition,
    IndicatorValue,
    Measure,
    ResultLevel,
    ResultStatement,
    TimeAggregation,
    ValueStatus,
)
from tests.factories import ClusterFactory


class DefinitionFactory(factory.django.DjangoModelFactory):
    """A flow counted in people (people trained), summed over time and clusters."""

    class Meta:
        model = IndicatorDefinition

    project = factory.SubFactory("tests.factories.ProjectFactory")
    code = factory.Sequence(lambda n: f"T{n:03d}")
    name = factory.Sequence(lambda n: f"People trained {n}")
    unit = "people"
    measure = Measure.NUMBER
    level = ResultLevel.OUTPUT
    disaggregation = Disaggregation.NONE
    time_aggregation = TimeAggregation.SUM
    cluster_aggregation = ClusterAggregation.SUM


class ResultStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultStatement

    project = factory.SubFactory("tests.factories.ProjectFactory")
    level = ResultLevel.IMPACT
    statement = factory.Sequence(lambda n: f"Result {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A cluster's quarterly indicator (definition of the cluster's project)."""

    class Meta:
        model = Indicator

    cluster = factory.SubFactory(ClusterFactory)
    project = factory.LazyAttribute(lambda o: o.cluster.project if o.cluster else None)
    definition = factory.SubFactory(DefinitionFactory, project=factory.SelfAttribute("..project"))
    frequency = Frequency.QUARTER


class ValueFactory(factory.django.DjangoModelFactory):
    """A draft value for the first quarter of 2025."""

    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = datetime.date(2025, 1, 1)
    period_end = datetime.date(2025, 3, 31)
    status = ValueStatus.DRAFT
    value = 10
