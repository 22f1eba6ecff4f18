"""The indicator API: definitions with field errors, the starter pool, indicators with
their plan, targets per period, settings; 409 on a stale edit, lists scoped."""

import pytest

from monitoring.models import IndicatorDefinition, IndicatorTarget

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_definitions_field_errors_and_the_starter_pool(client, world):
    client.force_login(world.users["coord_a"])
    base = {"project": world.project_a.pk, "code": "PCT", "name": "Share", "level": "outcome"}
    response = client.post(
        "/api/indicator-definitions/",
        {**base, "measure": "percentage", "time_aggregation": "sum", "cluster_aggregation": "sum"},
        content_type=JSON,
    )
    assert response.status_code == 400 and "time_aggregation" in response.json()
    response = client.post(
        "/api/indicator-definitions/starter/", {"project": world.project_a.pk}, content_type=JSON
    )
    assert response.status_code == 201 and len(response.json()) > 20
    again = client.post(
        "/api/indicator-definitions/starter/", {"project": world.project_a.pk}, content_type=JSON
    )
    assert again.status_code == 200 and again.json() == []
    response = client.post(
        "/api/indicator-definitions/",
        {
            **base,
            "code": "sales",
            "measure": "number",
            "time_aggregation": "sum",
            "cluster_aggregation": "sum",
        },
        content_type=JSON,
    )
    assert response.status_code == 400 and "code" in response.json()
    client.force_login(world.users["cda_a1"])
    assert client.get("/api/indicator-definitions/").json()["results"] == []


def test_an_indicator_is_adopted_planned_and_targeted(client, world):
    client.force_login(world.users["coord_a"])
    client.post(
        "/api/indicator-definitions/starter/", {"project": world.project_a.pk}, content_type=JSON
    )
    trained = IndicatorDefinition.objects.get(code="TRAINED")
    body = {"project": world.project_a.pk, "cluster": world.a1.pk, "definition": trained.pk}
    response = client.post(
        "/api/indicators/",
        {**body, "baseline_women": "4", "baseline_men": "6", "responsible": "cda_a1"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    indicator = response.json()
    assert indicator["baseline_value"] == "10.0000" and indicator["code"] == "TRAINED"
    again = client.post("/api/indicators/", body, content_type=JSON)
    assert again.status_code == 400 and "definition" in again.json()
    url = f"/api/indicators/{indicator['id']}/"
    stamp = indicator["updated_at"]
    ok = client.patch(url, {"end_target": "100", "updated_at": stamp}, content_type=JSON)
    assert ok.status_code == 200
    stale = client.patch(url, {"end_target": "90", "updated_at": stamp}, content_type=JSON)
    assert stale.status_code == 409
    outsider = client.patch(url, {"responsible": "cda_b1"}, content_type=JSON)
    assert outsider.status_code == 400 and "responsible" in outsider.json()
    target = {"indicator": indicator["id"], "period_start": "2025-02-01", "value": 5}
    response = client.post("/api/indicator-targets/", target, content_type=JSON)
    assert response.status_code == 400 and "period_start" in response.json()
    response = client.post(
        "/api/indicator-targets/",
        {**target, "period_start": "2025-04-01", "value": None, "women": 3, "men": 4},
        content_type=JSON,
    )
    assert response.status_code == 201 and IndicatorTarget.objects.get().value == 7
    client.force_login(world.users["cda_a2"])
    assert client.get("/api/indicators/").json()["results"] == []
    assert client.get(url).status_code == 404


def test_settings_are_saved_and_guarded(client, world):
    client.force_login(world.users["coord_a"])
    response = client.post(
        "/api/monitoring-settings/",
        {"project": world.project_a.pk, "due_after_days": 50, "lock_after_days": 40},
        content_type=JSON,
    )
    assert response.status_code == 400 and "due_after_days" in response.json()
    response = client.post(
        "/api/monitoring-settings/",
        {"project": world.project_a.pk, "financial_year_start_month": 7},
        content_type=JSON,
    )
    assert response.status_code == 201
    saved = response.json()
    url = f"/api/monitoring-settings/{saved['id']}/"
    assert (
        client.patch(
            url, {"lock_after_days": 60, "updated_at": saved["updated_at"]}, content_type=JSON
        ).status_code
        == 200
    )
    stale = client.patch(
        url, {"lock_after_days": 70, "updated_at": saved["updated_at"]}, content_type=JSON
    )
    assert stale.status_code == 409
