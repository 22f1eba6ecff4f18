"""Evaluation pages: the list, recording an evaluation with its five criteria, the
detail page, points and recommendations' follow-up, the report file (type and size
refused), and the M&E page's links."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from governance.models.documents import DOCUMENT_MAX_BYTES
from monitoring.models import Evaluation, EvaluationPoint, PointKind
from tests.conftest import pdf

from .helpers import add_point, stamp

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _text(response) -> str:
    return response.content.decode()


def test_recording_an_evaluation_with_its_ratings(world, login):
    client = login(world.users["coord_a"])
    response = client.post(
        f"/projects/{world.project_a.pk}/evaluations/new/",
        {
            "kind": "mid_term",
            "title": "Mid-term review",
            "cluster": world.a1.pk,
            "completed_on": "2026-06-30",
            "rating_relevance": "6",
            "narrative_relevance": "Firms back it",
            "rating_impact": "3",
        },
    )
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response.url == f"/evaluations/{evaluation.pk}/"
    assert evaluation.cluster == world.a1
    rows = {r.criterion: (r.rating, r.narrative) for r in evaluation.ratings.all()}
    assert rows["relevance"] == (6, "Firms back it") and rows["impact"] == (3, "")
    assert len(rows) == 5
    page = _text(client.get(response.url))
    assert "Firms back it" in page and "Highly satisfactory" in page and "4.5 / 6" in page


def test_the_form_shows_errors_next_to_the_fields_and_saves_nothing(world, login):
    client = login(world.users["coord_a"])
    response = client.post(
        f"/projects/{world.project_a.pk}/evaluations/new/",
        {"kind": "annual", "title": "", "rating_relevance": "9", "cluster": world.b1.pk},
    )
    assert response.status_code == 200
    page = _text(response)
    for field in ("id_kind-errors", "id_title-errors", "id_rating_relevance-errors"):
        assert field in page
    assert "id_cluster-errors" in page  # another project's cluster is not a choice
    assert not Evaluation.objects.exists()


def test_the_create_form_offers_the_five_criteria_and_the_projects_clusters(world, login):
    client = login(world.users["coord_a"])
    page = _text(client.get(f"/projects/{world.project_a.pk}/evaluations/new/"))
    for criterion in ("Relevance", "Efficiency", "Effectiveness", "Impact", "Sustainability"):
        assert f"<legend>{criterion}</legend>" in page
    assert "Cluster A1" in page and "Cluster B1" not in page
    assert "style=" not in page  # the CSP allows no inline style


def test_a_stale_edit_is_refused_on_the_page(world, login, evaluation):
    client = login(world.users["coord_a"])
    url = f"/evaluations/{evaluation.pk}/edit/"
    seen = stamp(evaluation)
    data = {"kind": "mid_term", "title": "First", "updated_at": seen}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "Second"})
    assert response.status_code == 200 and "Someone else changed this record" in _text(response)
    evaluation.refresh_from_db()
    assert evaluation.title == "First"


def test_the_edit_form_shows_the_current_ratings(world, login, evaluation):
    page = _text(login(world.users["coord_a"]).get(f"/evaluations/{evaluation.pk}/edit/"))
    assert '<option value="6" selected>' in page
    assert "Firms back it." in page


def test_the_list_shows_kind_cluster_average_and_open_recommendations(
    world, login, evaluation, a1_evaluation
):
    add_point(world, evaluation)
    add_point(world, evaluation, response="rejected")
    page = _text(login(world.users["steer_a"]).get(f"/projects/{world.project_a.pk}/evaluations/"))
    assert "Mid-term evaluation" in page and "A1 final evaluation" in page
    assert "5.0 / 6" in page and "The whole project" in page and "Cluster A1" in page
    assert '<span class="badge status-failed">1</span>' in page
    assert "Record an evaluation" not in page  # steering reads only


def test_a_cda_lists_their_clusters_evaluation_only(world, login, evaluation, a1_evaluation):
    page = _text(login(world.users["cda_a1"]).get(f"/projects/{world.project_a.pk}/evaluations/"))
    assert "A1 final evaluation" in page and "Mid-term evaluation" not in page


def test_the_detail_groups_points_and_highlights_overdue_recommendations(world, login, evaluation):
    add_point(world, evaluation, kind=PointKind.FINDING, text="Trust grew")
    add_point(world, evaluation, kind=PointKind.LESSON, text="Start small")
    add_point(
        world,
        evaluation,
        text="Hand over",
        response="accepted",
        follow_up="in_progress",
        due_on=TODAY - datetime.timedelta(days=2),
        responsible=world.users["cda_a1"],
    )
    add_point(world, evaluation, text="Later", due_on=TODAY + datetime.timedelta(days=30))
    page = _text(login(world.users["coord_a"]).get(f"/evaluations/{evaluation.pk}/"))
    findings, lessons = page.index('id="findings"'), page.index('id="lessons"')
    recommendations = page.index('id="recommendations"')
    assert findings < page.index("Trust grew") < lessons < page.index("Start small")
    assert recommendations < page.index("Hand over") < page.index("Later")
    assert page.count("recommendation overdue") == 1
    assert "In progress" in page and "Accepted" in page and str(world.users["cda_a1"]) in page


def test_steering_reads_the_detail_without_edit_links(world, login, evaluation):
    point = add_point(world, evaluation)
    page = _text(login(world.users["steer_a"]).get(f"/evaluations/{evaluation.pk}/"))
    assert "Hand the secretariat over" in page
    assert f"/evaluation-points/{point.pk}/response/" not in page
    assert "/edit/" not in page


def test_adding_a_recommendation_with_a_responsible_person(world, login, evaluation):
    client = login(world.users["coord_a"])
    url = f"/evaluations/{evaluation.pk}/points/new/"
    page = _text(client.get(url + "?kind=recommendation"))
    assert '<option value="recommendation" selected>' in page
    assert world.users["cda_a1"].username in page and world.users["cda_b1"].username not in page
    response = client.post(
        url,
        {
            "kind": "recommendation",
            "text": "Train women",
            "responsible": world.users["cda_a1"].pk,
            "due_on": "2027-03-31",
        },
    )
    assert response.status_code == 302
    point = EvaluationPoint.objects.get()
    assert point.responsible == world.users["cda_a1"] and point.due_on.year == 2027


def test_a_responsible_person_out_of_reach_is_a_field_error(world, login, evaluation):
    response = login(world.users["coord_a"]).post(
        f"/evaluations/{evaluation.pk}/points/new/",
        {"kind": "recommendation", "text": "T", "responsible": world.users["cda_b1"].pk},
    )
    assert response.status_code == 200 and "id_responsible-errors" in _text(response)
    assert not EvaluationPoint.objects.exists()


def test_a_finding_with_a_due_date_is_refused_on_the_field(world, login, evaluation):
    response = login(world.users["coord_a"]).post(
        f"/evaluations/{evaluation.pk}/points/new/",
        {"kind": "finding", "text": "Trust grew", "due_on": "2027-01-01"},
    )
    assert response.status_code == 200 and "id_due_on-errors" in _text(response)


def test_recording_the_response_and_follow_up(world, login, evaluation):
    point = add_point(world, evaluation)
    client = login(world.users["coord_a"])
    url = f"/evaluation-points/{point.pk}/response/"
    rejected_but_done = {"response": "rejected", "follow_up": "done", "updated_at": stamp(point)}
    refused = client.post(url, rejected_but_done)
    assert refused.status_code == 200 and "id_follow_up-errors" in _text(refused)
    response = client.post(
        url,
        {
            "response": "partially",
            "response_note": "A target, not a quota",
            "follow_up": "in_progress",
            "updated_at": stamp(point),
        },
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.response, point.follow_up) == ("partially", "in_progress")


def test_a_finding_has_no_response_page(world, login, evaluation):
    point = add_point(world, evaluation, kind=PointKind.FINDING)
    client = login(world.users["coord_a"])
    assert client.get(f"/evaluation-points/{point.pk}/response/").status_code == 404


def test_deleting_a_point_asks_first(world, login, evaluation):
    point = add_point(world, evaluation)
    client = login(world.users["coord_a"])
    url = f"/evaluation-points/{point.pk}/delete/"
    assert "Hand the secretariat over" in _text(client.get(url))
    assert EvaluationPoint.objects.exists()
    response = client.post(url, {"updated_at": stamp(point)})
    assert response.status_code == 302 and not EvaluationPoint.objects.exists()


def test_uploading_and_downloading_the_report(world, login, evaluation):
    client = login(world.users["coord_a"])
    url = f"/evaluations/{evaluation.pk}/report/"
    response = client.post(url, {"report_file": pdf("report.pdf"), "updated_at": stamp(evaluation)})
    assert response.status_code == 302
    download = login(world.users["steer_a"]).get(f"{url}download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert 'filename="evaluation-report-' in download["Content-Disposition"]


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile("report.pdf", b"MZ a program", content_type="application/pdf"),
        lambda: SimpleUploadedFile("report.exe", b"MZ a program"),
        lambda: pdf("report.pdf", size=DOCUMENT_MAX_BYTES + 1),
    ],
    ids=["renamed-program", "wrong-type", "too-large"],
)
def test_a_bad_report_file_is_refused(world, login, evaluation, upload):
    response = login(world.users["coord_a"]).post(
        f"/evaluations/{evaluation.pk}/report/", {"report_file": upload()}
    )
    assert response.status_code == 200 and "id_report_file-errors" in _text(response)
    evaluation.refresh_from_db()
    assert not evaluation.report_file


def test_no_report_answers_not_found(world, login, evaluation):
    client = login(world.users["coord_a"])
    assert client.get(f"/evaluations/{evaluation.pk}/report/download/").status_code == 404


def test_the_me_page_links_evaluations_and_recording_only_for_the_coordinator(world, login):
    url = f"/projects/{world.project_a.pk}/monitoring/"
    create = f"/projects/{world.project_a.pk}/evaluations/new/"
    coord_page = _text(login(world.users["coord_a"]).get(url))
    assert f"/projects/{world.project_a.pk}/evaluations/" in coord_page and create in coord_page
    for persona in ("steer_a", "cda_a1"):
        page = _text(login(world.users[persona]).get(url))
        assert f"/projects/{world.project_a.pk}/evaluations/" in page and create not in page
