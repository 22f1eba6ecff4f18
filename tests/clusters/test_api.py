"""The clusters API: a CDA patches their own cluster and creates candidates in their
project only."""

import pytest

from clusters.models import (
    Cluster,
)

pytestmark = pytest.mark.django_db


def test_a_cda_patches_their_own_cluster(client, world):
    client.force_login(world.users["cda_a1"])
    url = f"/api/clusters/{world.a1.pk}/"
    seen = client.get(url).json()["updated_at"]
    response = client.patch(
        url, {"main_products": "Sandals", "updated_at": seen}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    world.a1.refresh_from_db()
    assert world.a1.main_products == "Sandals"
    # The same stale version again: 409, not a silent overwrite.
    response = client.patch(
        url, {"main_products": "Belts", "updated_at": seen}, content_type="application/json"
    )
    assert response.status_code == 409
    # Another cluster's CDA does not see it; Commission and Steering may not edit it.
    for persona, expected in (("cda_a2", 404), ("comm_a1", 403), ("steer_a", 403)):
        client.force_login(world.users[persona])
        response = client.patch(url, {"main_products": "x"}, content_type="application/json")
        assert response.status_code == expected, persona
    # A phased-out cluster is read-only for its CDA.
    Cluster.objects.filter(pk=world.a1.pk).update(status="phased_out")
    client.force_login(world.users["cda_a1"])
    response = client.patch(url, {"main_products": "x"}, content_type="application/json")
    assert response.status_code == 403


def test_a_cda_creates_a_candidate_in_their_project_only(client, world):
    client.force_login(world.users["cda_a1"])
    response = client.post(
        "/api/clusters/",
        {"project": world.project_a.pk, "name": "Kolda Rice", "sector": "agro_food"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    cluster = Cluster.objects.get(name="Kolda Rice")
    assert cluster.project == world.project_a and cluster.created_by == world.users["cda_a1"]
    response = client.post(
        "/api/clusters/",
        {"project": world.project_b.pk, "name": "Elsewhere", "sector": "agro_food"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "project" in response.json()
    client.force_login(world.users["comm_a1"])
    response = client.post(
        "/api/clusters/",
        {"project": world.project_a.pk, "name": "Commission's", "sector": "agro_food"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Cluster.objects.filter(name__in=["Elsewhere", "Commission's"]).exists()
