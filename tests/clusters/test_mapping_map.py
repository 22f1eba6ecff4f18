"""The map: page, scoped JSON points, filters; the API's mapping fields; demo data."""

import json

import pytest

from clusters.demo import EXTRA_CANDIDATES, extend_demo
from clusters.models import Cluster
from tests.factories import ClusterFactory, ProjectFactory, UserFactory

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
    assert config["countriesUrl"].endswith("vendor/world-atlas/countries-110m.json")
    assert config["country"] == "686"  # Senegal, as world-atlas numbers it
    assert config["dataUrl"] == f"/projects/{world.project_a.pk}/map/data/"
    for script in ("vendor/leaflet/leaflet.js", "topojson-client.min.js", "js/cluster-map.js"):
        assert script in page
    assert "https://" not in page and "http://" not in page  # no CDN
    assert 'id="map-config"' in page
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example"
    config = client.get(f"/projects/{world.project_a.pk}/map/").context["map_config"]
    assert config["tileUrl"] == settings.MAP_TILE_URL and config["tileAttribution"] == "© Example"


def test_api_exposes_and_validates_the_mapping_fields(client, world):
    client.force_login(world.users["coord_a"])
    url = f"/api/clusters/{world.a1.pk}/"
    data = client.get(url).json()
    for key in ("enterprises_micro", "women_owned_share", "growth_potential", "updated_at"):
        assert key in data
    assert data["enterprises_total"] is None
    response = client.patch(
        url,
        {"women_owned_share": "150", "information_date": "2999-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"women_owned_share", "information_date"}
    response = client.patch(
        url,
        {"enterprises_micro": 40, "enterprises_small": 2, "updated_at": data["updated_at"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["enterprises_total"] == 42
    # The version seen before that change is now stale: 409 Conflict, nothing saved.
    response = client.patch(
        url,
        {"enterprises_micro": 1, "updated_at": data["updated_at"]},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "Someone else changed" in json.dumps(response.json()["updated_at"])
    assert client.get(url).json()["enterprises_micro"] == 40
    created = client.post(
        "/api/clusters/",
        {"project": world.project_a.pk, "name": "API one", "sector": "ict", "growth_potential": 5},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["created_by"] == world.users["coord_a"].pk


def test_demo_mapping_is_idempotent():
    project = ProjectFactory(name="Demo")
    leather = ClusterFactory(project=project, name="Thiès Leather Cluster", enterprises_micro=5)
    users = {"coordinator": UserFactory(username="coordinator")}
    extend_demo(project=project, clusters={leather.name: leather}, users=users)
    extend_demo(project=project, clusters={leather.name: leather}, users=users)
    leather.refresh_from_db()
    assert leather.enterprises_micro == 5  # filled only when empty
    assert leather.enterprises_small == 42 and leather.information_source
    assert Cluster.objects.filter(project=project).count() == 1 + len(EXTRA_CANDIDATES)


def test_api_import_checks_then_imports(client, world):
    from .mapping_helpers import csv_bytes, upload

    url = f"/api/projects/{world.project_a.pk}/cluster-import/"
    client.force_login(world.users["coord_a"])
    bad = csv_bytes([["name", "sector", "latitude"], ["Api one", "wood", "99"], ["", "x", ""]])
    response = client.post(url, {"file": upload("bad.csv", bad), "confirm": "true"})
    assert response.status_code == 400
    body = response.json()
    assert body["valid"] is False and body["rows"] == 2
    assert {(e["row"], e["column"]) for e in body["errors"]} == {
        (2, "latitude"),
        (3, "name"),
        (3, "sector"),
    }
    assert not Cluster.objects.filter(name="Api one").exists()
    good = csv_bytes([["name", "sector"], ["Api one", "wood"], ["Api two", "ict"]])
    response = client.post(url, {"file": upload("good.csv", good)})
    assert response.status_code == 200 and response.json()["valid"] is True
    assert not Cluster.objects.filter(name="Api one").exists()
    response = client.post(url, {"file": upload("good.csv", good), "confirm": "true"})
    assert response.status_code == 201
    assert len(response.json()["created"]) == 2
    response = client.post(url, {"file": upload("notes.txt", b"x")})
    assert response.status_code == 400 and "file" in response.json()
    client.force_login(world.users["coord_b"])
    assert client.post(url, {"file": upload("good.csv", good)}).status_code == 404
