"""API endpoints that the phase 1 pages have: CDA edits and candidate creation, the
candidate export, the UNIDO starter set, withdrawing an expert score."""

import csv
import io

import pytest
from auditlog.models import LogEntry
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token

from clusters import selection_services
from clusters.exporting import EXPORT_COLUMNS
from clusters.models import Cluster, Criterion, CriterionScore

pytestmark = pytest.mark.django_db


def _token(user):
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}


# --- Clusters: a CDA edits their cluster and maps candidates ---------------------------


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


# --- Candidate export --------------------------------------------------------------------


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


# --- Starter set of criteria -------------------------------------------------------------


def test_starter_set_by_api_for_the_coordinator_only(client, world):
    url = "/api/selection-criteria/starter/"
    body = {"project": world.project_a.pk}
    for persona, expected in (("steer_a", 403), ("cda_a1", 403), ("coord_b", 400)):
        client.force_login(world.users[persona])
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == expected, persona
    assert not Criterion.objects.exists()
    headers = _token(world.users["coord_a"])
    client.logout()
    response = client.post(url, body, content_type="application/json", **headers)
    assert response.status_code == 201
    names = [c["name"] for c in response.json()]
    assert len(names) == len(selection_services.STARTER_CRITERIA) and "Employment" in names
    assert Criterion.objects.filter(project=world.project_a).count() == len(names)
    again = client.post(url, body, content_type="application/json", **headers)
    assert again.status_code == 200 and again.json() == []


@pytest.mark.parametrize("body", [{}, {"project": "abc"}, {"project": [1]}, {"project": None}])
def test_starter_set_wrong_input_is_400(client, world, body):
    client.force_login(world.users["coord_a"])
    response = client.post(
        "/api/selection-criteria/starter/", body, content_type="application/json"
    )
    assert response.status_code == 400 and "project" in response.json()


# --- Withdrawing an expert score --------------------------------------------------------


def _scores(world):
    criterion = Criterion.objects.create(
        project=world.project_a, name="Cooperation", kind="expert", weight=1
    )
    steer = CriterionScore.objects.create(
        criterion=criterion, cluster=world.a1, score=4, scored_by=world.users["steer_a"]
    )
    coord = CriterionScore.objects.create(
        criterion=criterion, cluster=world.a1, score=2, scored_by=world.users["coord_a"]
    )
    return steer, coord


def test_the_scorer_withdraws_their_own_score(client, world):
    steer_score, coord_score = _scores(world)
    client.force_login(world.users["steer_a"])
    # Someone else's score: only its scorer or the coordinator withdraws it.
    assert client.delete(f"/api/selection-scores/{coord_score.pk}/").status_code == 403
    assert client.delete(f"/api/selection-scores/{steer_score.pk}/").status_code == 204
    assert not CriterionScore.objects.filter(pk=steer_score.pk).exists()
    assert CriterionScore.objects.filter(pk=coord_score.pk).exists()
    entry = LogEntry.objects.filter(object_pk=str(steer_score.pk)).latest("timestamp")
    assert entry.action == LogEntry.Action.DELETE and entry.actor == world.users["steer_a"]


def test_the_coordinator_withdraws_any_score_of_the_project(client, world):
    steer_score, _ = _scores(world)
    for persona, expected in (("cda_a1", 404), ("comm_a1", 404), ("coord_b", 404)):
        client.force_login(world.users[persona])
        assert client.delete(f"/api/selection-scores/{steer_score.pk}/").status_code == expected
    client.force_login(world.users["coord_a"])
    assert client.delete(f"/api/selection-scores/{steer_score.pk}/").status_code == 204
    assert client.delete(f"/api/selection-scores/{steer_score.pk}/").status_code == 404
    assert client.delete("/api/selection-scores/abc/").status_code == 404
