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
# The project dashboard reads its clusters as (id, name) pairs for the filter, then the
# rows of the table's page (or the chosen cluster) in full: one more query than when it
# read every cluster in full, and 10 ms less at 500 clusters.
PROJECT_DASHBOARD_QUERIES = 19
CLUSTER_DASHBOARD_QUERIES = 15
# Read again with nothing changed, the figures come from the cache: left are the
# session and user, the project (or cluster) and the reader's roles on it, the filter's
# clusters (the cluster dashboard: whether the reader may see the project's), and the
# three roll-up stamps the cache key holds.
PROJECT_DASHBOARD_KEPT_QUERIES = 8
CLUSTER_DASHBOARD_KEPT_QUERIES = 7
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
    assert _count(client, url) == PROJECT_DASHBOARD_KEPT_QUERIES
    # The chosen cluster is read even when its figures are kept.
    filtered = _count(client, url, period="2025", cluster=world.a1.pk)
    assert filtered == PROJECT_DASHBOARD_KEPT_QUERIES + 1


@pytest.mark.parametrize("clusters, quarters, activities", SIZES)
def test_the_cluster_dashboard_runs_a_fixed_number_of_queries(
    client, world, clusters, quarters, activities
):
    dashboard_project(world, clusters=clusters, quarters=quarters, activities_per_month=activities)
    client.force_login(world.users["cda_a1"])
    url = reverse("cluster-dashboard", args=[world.a1.pk])
    assert _count(client, url) == CLUSTER_DASHBOARD_QUERIES
    assert _count(client, url, period="2025-Q1") == CLUSTER_DASHBOARD_QUERIES
    assert _count(client, url) == CLUSTER_DASHBOARD_KEPT_QUERIES
