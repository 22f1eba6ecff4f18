"""The dashboards' query counts: pinned, and the same with 2 and with 10 clusters, with
few and with many values, activities and meetings (figures come from the roll-ups)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .helpers import dashboard_project

pytestmark = pytest.mark.django_db

# What one request costs (session and user, the access checks, then the panels' reads).
# Every period reads the targets of its periods, for the lines over periods: "to date"
# too (one more query than when it read only the end targets), a year or a quarter in
# the same query as its own target. The lines' cells come in the period's roll-up query.
PROJECT_DASHBOARD_QUERIES = 18
CLUSTER_DASHBOARD_QUERIES = 15
SIZES = [
    pytest.param(2, 1, 1, id="2-clusters-few-values"),
    pytest.param(10, 4, 5, id="10-clusters-many-values"),
]


def _count(client, url, **query):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("clusters, quarters, activities", SIZES)
def test_the_project_dashboard_runs_a_fixed_number_of_queries(
    client, world, clusters, quarters, activities
):
    project = dashboard_project(
        world, clusters=clusters, quarters=quarters, activities_per_month=activities
    )
    client.force_login(world.users["steer_a"])
    url = reverse("project-dashboard", args=[project.pk])
    assert _count(client, url) == PROJECT_DASHBOARD_QUERIES
    assert _count(client, url, period="2025", cluster=world.a1.pk) == PROJECT_DASHBOARD_QUERIES


@pytest.mark.parametrize("clusters, quarters, activities", SIZES)
def test_the_cluster_dashboard_runs_a_fixed_number_of_queries(
    client, world, clusters, quarters, activities
):
    dashboard_project(world, clusters=clusters, quarters=quarters, activities_per_month=activities)
    client.force_login(world.users["cda_a1"])
    url = reverse("cluster-dashboard", args=[world.a1.pk])
    assert _count(client, url) == CLUSTER_DASHBOARD_QUERIES
    assert _count(client, url, period="2025-Q1") == CLUSTER_DASHBOARD_QUERIES
