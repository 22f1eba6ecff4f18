import pytest

from actionplans.models import FieldActivity
from clusters.models import Cluster
from governance.models import Role
from governance.roles.services import role_grant
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_lists_my_clusters_with_log_link(client, world):
    client.force_login(world.users["cda_a1"])
    page = client.get("/").content.decode()
    assert "Cluster A1" in page and "Cluster A2" not in page and "Cluster B1" not in page
    assert f"/clusters/{world.a1.pk}/activities/new/" in page


def test_commission_member_has_no_log_link(client, world):
    client.force_login(world.users["comm_a1"])
    page = client.get("/").content.decode()
    assert "Cluster A1" in page
    assert "/activities/new/" not in page


def test_cluster_page_shows_cda_and_latest_activity(client, world):
    FieldActivity.objects.create(
        cluster=world.a1,
        occurred_on="2025-06-01",
        kind="workshop",
        summary="Design workshop",
        women=4,
        men=2,
    )
    client.force_login(world.users["coord_a"])
    page = client.get(f"/clusters/{world.a1.pk}/").content.decode()
    assert "Design workshop" in page
    assert str(world.users["cda_a1"]) in page


def _populate(project, n, *, actor):
    for i in range(n):
        # Selected: only a selected cluster gets a CDA.
        cluster = ClusterFactory(project=project, status="selected", phase=2)
        role_grant(actor=actor, user=UserFactory(), role=Role.CDA, cluster=cluster)
        FieldActivity.objects.create(
            cluster=cluster, occurred_on="2025-06-01", kind="visit", summary=f"visit {i}"
        )


def _count_queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda w: f"/projects/{w.project_a.pk}/dashboard/",
        lambda w: f"/projects/{w.project_a.pk}/",
        lambda w: "/",
    ],
    ids=["dashboard", "project-cluster-list", "home"],
)
def test_query_count_does_not_grow_with_clusters(
    client, world, url_of, django_assert_max_num_queries
):
    client.force_login(world.users["coord_a"])
    url = url_of(world)
    _populate(world.project_a, 3, actor=world.users["admin"])  # 5 clusters in project A
    assert Cluster.objects.filter(project=world.project_a).count() == 5
    small = _count_queries(client, url, django_assert_max_num_queries)
    _populate(world.project_a, 45, actor=world.users["admin"])  # 50 clusters
    large = _count_queries(client, url, django_assert_max_num_queries)
    assert small == large, f"{small} queries with 5 clusters, {large} with 50"
