"""The evaluation API: nested ratings, 400 field errors, 409 on a stale edit, lists scoped
by the policy, points with follow-up, and the report file sent as multipart."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from monitoring.models import Evaluation, EvaluationPoint, PointKind
from tests.conftest import pdf

from .helpers import add_point, stamp

pytestmark = pytest.mark.django_db

FINAL = {"kind": "final", "title": "T"}


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_creating_an_evaluation_with_nested_ratings(world):
    response = _api(world.users["coord_a"]).post(
        "/api/evaluations/",
        {
            "project": world.project_a.pk,
            "kind": "final",
            "title": "Final evaluation",
            "ratings": [
                {"criterion": "impact", "rating": 4, "narrative": "Sales up"},
                {"criterion": "relevance", "rating": 6},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [r["criterion"] for r in body["ratings"]] == [
        "relevance",
        "efficiency",
        "effectiveness",
        "impact",
        "sustainability",
    ]
    assert body["ratings"][3] == {"criterion": "impact", "rating": 4, "narrative": "Sales up"}
    assert body["average_rating"] == 5.0 and body["report_file_url"] is None


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"kind": "annual", "title": "T"}, "kind"),
        ({"kind": "final", "title": ""}, "title"),
        (
            {"kind": "final", "title": "T", "ratings": [{"criterion": "impact", "rating": 7}]},
            "ratings",
        ),
        ({"kind": "final", "title": "T", "ratings": [{"criterion": "x"}]}, "ratings"),
    ],
    ids=["kind", "title", "rating", "criterion"],
)
def test_bad_input_answers_400_by_field(world, payload, field):
    response = _api(world.users["coord_a"]).post(
        "/api/evaluations/", {"project": world.project_a.pk, **payload}, format="json"
    )
    assert response.status_code == 400 and field in response.json()
    assert not Evaluation.objects.exists()


def test_another_projects_cluster_does_not_exist(world):
    response = _api(world.users["coord_a"]).post(
        "/api/evaluations/",
        {"project": world.project_a.pk, "cluster": world.b1.pk, "kind": "final", "title": "T"},
        format="json",
    )
    assert response.status_code == 400 and "cluster" in response.json()


def test_a_stale_update_answers_409(world, evaluation):
    client = _api(world.users["coord_a"])
    url = f"/api/evaluations/{evaluation.pk}/"
    seen = stamp(evaluation)
    first = client.patch(url, {"title": "One", "updated_at": seen}, format="json")
    assert first.status_code == 200
    second = client.patch(url, {"title": "Two", "updated_at": seen}, format="json")
    assert second.status_code == 409 and "updated_at" in second.json()


def test_a_patch_changes_the_given_criteria_only(world, evaluation):
    response = _api(world.users["coord_a"]).patch(
        f"/api/evaluations/{evaluation.pk}/",
        {"ratings": [{"criterion": "sustainability", "rating": 2}]},
        format="json",
    )
    ratings = {r["criterion"]: r["rating"] for r in response.json()["ratings"]}
    assert ratings["sustainability"] == 2 and ratings["relevance"] == 6


def test_the_list_is_scoped_by_the_policy(world, evaluation, a1_evaluation):
    def ids(persona):
        return {
            e["id"] for e in _api(world.users[persona]).get("/api/evaluations/").json()["results"]
        }

    assert ids("steer_a") == {evaluation.pk, a1_evaluation.pk}
    assert ids("cda_a1") == {a1_evaluation.pk}
    assert ids("cda_a2") == set() and ids("coord_b") == set()


@pytest.mark.parametrize("persona", ["steer_a", "cda_a1"])
def test_steering_and_cdas_may_not_write(world, a1_evaluation, persona):
    client = _api(world.users[persona])
    patch = client.patch(f"/api/evaluations/{a1_evaluation.pk}/", {"title": "X"}, format="json")
    assert patch.status_code == 403
    point = client.post(
        "/api/evaluation-points/",
        {"evaluation": a1_evaluation.pk, "kind": "finding", "text": "T"},
        format="json",
    )
    assert point.status_code == 403


def test_the_report_file_is_uploaded_as_multipart_and_checked(world, evaluation):
    client = _api(world.users["coord_a"])
    url = f"/api/evaluations/{evaluation.pk}/"
    fake = SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>")
    refused = client.patch(url, {"report_file": fake}, format="multipart")
    assert refused.status_code == 400 and "report_file" in refused.json()
    response = client.patch(url, {"report_file": pdf("report.pdf")}, format="multipart")
    assert response.status_code == 200
    assert response.json()["report_file_url"] == f"{url}report/"
    download = client.get(f"{url}report/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    ratings = Evaluation.objects.get().ratings.filter(rating__isnull=False).count()
    assert ratings == 3  # the upload left the ratings alone


def test_points_with_response_follow_up_and_responsible_by_username(world, evaluation):
    client = _api(world.users["coord_a"])
    created = client.post(
        "/api/evaluation-points/",
        {
            "evaluation": evaluation.pk,
            "kind": "recommendation",
            "text": "Hand over",
            "responsible": "cda_a1",
            "due_on": "2020-01-31",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    url = f"/api/evaluation-points/{created.json()['id']}/"
    assert client.get(url).json()["overdue"] is True
    refused = client.patch(url, {"follow_up": "done"}, format="json")
    assert refused.status_code == 400 and "follow_up" in refused.json()
    done = client.patch(url, {"response": "accepted", "follow_up": "done"}, format="json")
    assert done.status_code == 200 and done.json()["overdue"] is False
    assert client.delete(url).status_code == 204
    assert not EvaluationPoint.objects.exists()


def test_a_responsible_person_out_of_reach_reads_as_unknown(world, evaluation):
    response = _api(world.users["coord_a"]).post(
        "/api/evaluation-points/",
        {
            "evaluation": evaluation.pk,
            "kind": "recommendation",
            "text": "T",
            "responsible": "cda_b1",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["responsible"] == ["No active user has this username."]


def test_a_finding_with_a_responsible_person_is_refused(world, evaluation):
    response = _api(world.users["coord_a"]).post(
        "/api/evaluation-points/",
        {"evaluation": evaluation.pk, "kind": "finding", "text": "T", "responsible": "cda_a1"},
        format="json",
    )
    assert response.status_code == 400 and "responsible" in response.json()


def test_a_stale_point_update_answers_409(world, evaluation):
    point = add_point(world, evaluation, kind=PointKind.LESSON)
    client = _api(world.users["coord_a"])
    url = f"/api/evaluation-points/{point.pk}/"
    seen = stamp(point)
    assert client.patch(url, {"text": "A", "updated_at": seen}, format="json").status_code == 200
    assert client.patch(url, {"text": "B", "updated_at": seen}, format="json").status_code == 409


def test_a_cda_reads_only_their_clusters_points(world, evaluation, a1_evaluation):
    add_point(world, evaluation)
    mine = add_point(world, a1_evaluation)
    rows = _api(world.users["cda_a1"]).get("/api/evaluation-points/").json()["results"]
    assert [r["id"] for r in rows] == [mine.pk]
