"""The map: page, JSON points scoped by the access policy, filters, offline tiles."""

import pytest

from clusters.models import (
    Cluster,
)
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


def _points(client, project, **params):
    response = client.get(f"/projects/{project.pk}/map/data/", params)
    assert response.status_code == 200
    return {p["name"]: p for p in response.json()["clusters"]}


def test_map_data_is_scoped_by_the_access_policy(client, world):
    Cluster.objects.filter(pk=world.a1.pk).update(latitude="14.79", longitude="-16.93", phase=3)
    client.force_login(world.users["coord_a"])
    points = _points(client, world.project_a)
    assert set(points) == {"Cluster A1", "Cluster A2"}
    a1 = points["Cluster A1"]
    assert a1["lat"] == 14.79 and a1["lon"] == -16.93 and a1["phase"] == 3
    assert a1["status"] == "selected" and a1["url"] == f"/clusters/{world.a1.pk}/"
    client.force_login(world.users["cda_a1"])
    assert set(_points(client, world.project_a)) == {"Cluster A1"}
    # The coordinator of project B sees none of project A's clusters.
    client.force_login(world.users["coord_b"])
    assert client.get(f"/projects/{world.project_a.pk}/map/data/").status_code == 404
    assert client.get(f"/projects/{world.project_a.pk}/map/").status_code == 404
    assert set(_points(client, world.project_b)) == {"Cluster B1"}


def test_map_data_filters_by_sector_and_region(client, world):
    ClusterFactory(project=world.project_a, name="Wood", sector="wood", region="Kolda")
    client.force_login(world.users["steer_a"])
    assert set(_points(client, world.project_a, sector="wood")) == {"Wood"}
    assert set(_points(client, world.project_a, region="Kolda")) == {"Wood"}
    assert set(_points(client, world.project_a, region="Thiès")) == {"Cluster A1", "Cluster A2"}


def test_map_page_works_offline_and_adds_tiles_only_when_configured(client, world, settings):
    client.force_login(world.users["coord_a"])
    settings.MAP_TILE_URL = ""
    response = client.get(f"/projects/{world.project_a.pk}/map/")
    page = response.content.decode()
    config = response.context["map_config"]
    assert config["tileUrl"] == ""
    assert config["outlineUrl"].endswith("geo/SEN.json")  # only the project's country
    assert config["dataUrl"] == f"/projects/{world.project_a.pk}/map/data/"
    for script in ("vendor/leaflet/leaflet.js", "js/cluster-map.js"):
        assert script in page
    assert "https://" not in page and "http://" not in page  # no CDN
    assert 'id="map-config"' in page
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example"
    config = client.get(f"/projects/{world.project_a.pk}/map/").context["map_config"]
    assert config["tileUrl"] == settings.MAP_TILE_URL and config["tileAttribution"] == "© Example"
