"""The mapping API: the mapping fields, the candidate export (token, filters, bad
parameters, authentication) and the import (check, then import)."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from clusters.mapping.exporting import EXPORT_COLUMNS
from clusters.models import (
    Cluster,
)
from tests.clusters.helpers import _token

pytestmark = pytest.mark.django_db


def test_export_csv_with_a_token_escapes_formulas_and_is_scoped(client, world):
    Cluster.objects.filter(pk=world.a1.pk).update(main_products="=1+2", latitude="14.5")
    response = client.get(
        "/api/clusters/export/",
        {"project": world.project_a.pk, "format": "csv"},
        **_token(world.users["cda_a1"]),
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == ["Cluster A1"]  # a CDA sees only their cluster
    assert rows[0]["main_products"] == "'=1+2" and rows[0]["latitude"] == "14.5"
    assert list(rows[0]) == list(EXPORT_COLUMNS)


def test_export_xlsx_for_the_coordinator_with_filters(client, world):
    client.force_login(world.users["coord_a"])
    Cluster.objects.filter(pk=world.a2.pk).update(sector="textiles")
    response = client.get(
        "/api/clusters/export/",
        {"project": world.project_a.pk, "format": "xlsx", "sector": "textiles"},
        HTTP_ACCEPT="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == list(EXPORT_COLUMNS)
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["Cluster A2"]


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"format": "csv"}, 400, "project"),
        ({"project": "abc", "format": "csv"}, 400, "project"),
        ({"project": "{a}", "format": "pdf"}, 400, "format"),
        ({"project": "{b}", "format": "csv"}, 404, None),  # another project: not found
        ({"project": "999999", "format": "csv"}, 404, None),
    ],
)
def test_export_bad_parameters(client, world, params, status, field):
    client.force_login(world.users["coord_a"])
    params = {k: v.format(a=world.project_a.pk, b=world.project_b.pk) for k, v in params.items()}
    response = client.get("/api/clusters/export/", params)
    assert response.status_code == status
    if field:
        assert field in response.json()


def test_export_needs_authentication(client, world):
    response = client.get("/api/clusters/export/", {"project": world.project_a.pk})
    assert response.status_code == 401


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


def test_api_import_checks_then_imports(client, world):
    from .helpers import csv_bytes, upload

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
