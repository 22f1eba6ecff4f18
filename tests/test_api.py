import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_api_gets_401(client, world):
    response = client.get("/api/clusters/")
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_token_authentication(client, world):
    token = client.post("/api/auth/token/", {"username": "cda_a1", "password": PASSWORD}).json()[
        "token"
    ]
    client.logout()
    response = client.get("/api/clusters/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["results"]] == ["Cluster A1"]
    assert client.get("/api/clusters/", HTTP_AUTHORIZATION="Token wrong").status_code == 401


def test_schema_and_offline_docs(client, world):
    client.force_login(world.users["coord_a"])
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/clusters/", "/api/field-activities/", "/api/report-jobs/", "/api/projects/"):
        assert path in schema["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs


def test_invalid_payload_answers_400_with_field_errors(client, world):
    client.force_login(world.users["coord_a"])
    response = client.post(
        "/api/clusters/",
        {"project": world.project_a.pk, "name": "", "sector": "spaceships", "latitude": 123},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"name", "sector", "latitude"}
    response = client.post(
        "/api/clusters/",
        {"project": world.project_a.pk, "name": "Cluster A1", "sector": "leather"},
        content_type="application/json",
    )
    assert response.status_code == 400, "duplicate name in the project"


def test_list_filters_to_visible_objects(client, world):
    client.force_login(world.users["coord_b"])
    names = [c["name"] for c in client.get("/api/clusters/").json()["results"]]
    assert names == ["Cluster B1"]
    projects = [p["name"] for p in client.get("/api/projects/").json()["results"]]
    assert projects == ["Project B"]
