"""Query counts of the CDA's due page and the coordinator's approval queue: pinned, and
the same with 3 and with 12 indicators."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import Disaggregation, IndicatorTarget, MonitoringSettings
from monitoring.values import services
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory

from .helpers import ended, submitted

pytestmark = pytest.mark.django_db


def _indicators(world, n):
    MonitoringSettings.objects.get_or_create(
        project=world.project_a, defaults={"lock_after_days": 366}
    )
    cda, coord = world.user("cda_a1"), world.user("coord_a")
    for i in range(n):
        split = Disaggregation.SEX if i % 2 else Disaggregation.NONE
        indicator = IndicatorFactory(
            cluster=world.a1,
            definition=DefinitionFactory(project=world.project_a, disaggregation=split),
        )
        IndicatorTarget.objects.create(
            indicator=indicator, period_start=ended(indicator).start, value=10
        )
        figures = {"women": 1, "men": 2} if i % 2 else {"value": 3}
        services.value_approve(actor=coord, value=submitted(indicator, cda, back=2, **figures))
        submitted(indicator, cda, back=1, **figures)
        if i % 3 == 0:
            services.value_return(
                actor=coord, value=submitted(indicator, cda, **figures), reason="Check"
            )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["due", "queue"])
def test_query_counts_do_not_grow_with_indicators(world, login, page):
    _indicators(world, 3)
    persona = "cda_a1" if page == "due" else "coord_a"
    url = (
        reverse("values-due")
        if page == "due"
        else reverse("values-queue", args=[world.project_a.pk])
    )
    client = login(world.user(persona))
    small = _count(client, url)
    _indicators(world, 9)
    large = _count(client, url)
    assert small == large
    assert small == {"due": 8, "queue": 10}[page]
