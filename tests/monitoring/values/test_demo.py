"""The demo's values: every status, some split by sex, nothing added the second time,
nothing at all without indicators."""

from __future__ import annotations

import datetime

import pytest

from monitoring.demo_values import extend_demo
from monitoring.models import Disaggregation, IndicatorValue, IndicatorValueBreakdown, ValueStatus
from tests.factories import ClusterFactory, ProjectFactory, UserFactory
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def test_the_demo_fills_two_years_in_every_status_once():
    project = ProjectFactory(starts_on=datetime.date(2025, 1, 1))
    cluster = ClusterFactory(project=project, name="Thiès Leather Cluster")
    users = {"cda": UserFactory(), "coordinator": UserFactory()}
    extend_demo(project=project, clusters={cluster.name: cluster}, users=users)
    assert not IndicatorValue.objects.exists()  # no indicators yet: nothing to do
    for i in range(3):
        IndicatorFactory(
            cluster=cluster,
            definition=DefinitionFactory(
                project=project, disaggregation=Disaggregation.SEX if i == 0 else "none"
            ),
        )
    extend_demo(project=project, clusters={cluster.name: cluster}, users=users)
    statuses = set(IndicatorValue.objects.values_list("status", flat=True))
    assert statuses == {
        ValueStatus.APPROVED,
        ValueStatus.SUBMITTED,
        ValueStatus.RETURNED,
        ValueStatus.DRAFT,
    }
    assert IndicatorValue.objects.filter(status=ValueStatus.RETURNED).exclude(return_reason="")
    assert IndicatorValueBreakdown.objects.exists()
    count = IndicatorValue.objects.count()
    extend_demo(project=project, clusters={cluster.name: cluster}, users=users)
    assert IndicatorValue.objects.count() == count
