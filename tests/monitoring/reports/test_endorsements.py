"""The Cluster Commission endorses its cluster's progress report at one of its past
meetings: the endorsement, the decision it leaves on the meeting, what each role sees,
and the clear refusals (another cluster's meeting, a future meeting, an unfinished or a
project report, a second endorsement)."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from governance.models import Decision, DecisionStatus
from monitoring.models import ReportEndorsement, ReportJob, ReportStatus
from monitoring.reports.endorsements import report_endorse
from monitoring.reports.periods import report_period
from monitoring.reports.selectors import progress_report_data

from .conftest import commission_meeting, finished_cluster_report

pytestmark = pytest.mark.django_db


def unpack(ew):
    return ew.world, ew.report, ew.meeting


def page_of(report) -> str:
    return f"/reports/{report.pk}/endorsement/"


def endorse_form(meeting, note="", client_id=None) -> dict:
    return {"meeting": meeting.pk, "note": note, "client_id": str(client_id or uuid.uuid4())}


def endorsed_on(meeting) -> str:
    day = date_format(meeting.held_on, "DATE_FORMAT")
    return f"Endorsed by the Cluster Commission at its meeting of {day}"


def test_a_commission_member_endorses_a_finished_cluster_report_at_a_past_meeting(
    client, endorsement_world
):
    w, report, meeting = unpack(endorsement_world)
    client.force_login(w.users["comm_a1"])
    listing = client.get(f"/clusters/{w.a1.pk}/reports/").content.decode()
    assert "Endorse this report" in listing and "Not yet endorsed" in listing
    page = client.get(page_of(report)).content.decode()
    assert 'id="endorse-report"' in page
    # The choices are the cluster's own Commission's meetings, not A2's.
    assert "Thiès" in page and "Kaolack" not in page

    response = client.post(
        page_of(report), endorse_form(meeting, note="Reviewed with the tanners' association")
    )

    assert response.status_code == 302
    endorsement = ReportEndorsement.objects.get()
    assert (endorsement.report, endorsement.meeting) == (report, meeting)
    assert endorsement.recorded_by == w.users["comm_a1"]
    assert endorsement.note == "Reviewed with the tanners' association"
    page = client.get(page_of(report)).content.decode()
    assert endorsed_on(meeting) in page
    assert 'id="endorse-report"' not in page  # nothing left to endorse
    assert "Reviewed with the tanners&#x27; association" in page
    assert endorsed_on(meeting) in client.get(f"/clusters/{w.a1.pk}/reports/").content.decode()


def test_the_endorsement_shows_as_a_done_decision_on_the_meeting(client, endorsement_world):
    w, report, meeting = unpack(endorsement_world)
    endorsement = report_endorse(
        actor=w.users["comm_a1"], report=report, meeting=meeting, note="Print it for members"
    )
    decision = Decision.objects.get(meeting=meeting)
    assert endorsement.decision == decision
    assert decision.status == DecisionStatus.DONE
    prepared = date_format(datetime.date(2026, 10, 5), "DATE_FORMAT")
    assert f"Cluster A1, Quarter 2026-Q3, prepared on {prepared}" in decision.text
    assert "Print it for members" in decision.text
    client.force_login(w.users["cda_a1"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "endorsed the cluster progress report (Cluster A1, Quarter 2026-Q3" in page


def _future_meeting(ew):
    # A meeting dated ahead (the meeting form refuses one; a direct write need not).
    return commission_meeting(ew.world.a1, timezone.localdate() + datetime.timedelta(days=3))


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("another_clusters_meeting", "not a meeting of the Cluster Commission of Cluster A1"),
        ("future_meeting", "This meeting has not taken place yet"),
        ("queued_report", "This report is not ready yet"),
        ("running_report", "This report is not ready yet"),
        ("failed_report", "This report could not be prepared"),
    ],
)
def test_a_wrong_meeting_or_an_unfinished_report_is_refused_and_nothing_saved(
    endorsement_world, case, message
):
    ew = endorsement_world
    report, meeting = ew.report, ew.meeting
    if case == "another_clusters_meeting":
        meeting = ew.other_meeting
    elif case == "future_meeting":
        meeting = _future_meeting(ew)
    else:
        status = {"queued": ReportStatus.QUEUED, "running": ReportStatus.RUNNING}
        status["failed"] = ReportStatus.FAILED
        report = finished_cluster_report(ew.world, ew.world.a1, status=status[case.split("_")[0]])

    with pytest.raises(ValidationError) as refused:
        report_endorse(actor=ew.world.users["comm_a1"], report=report, meeting=meeting)

    assert message in " ".join(refused.value.messages)
    assert not ReportEndorsement.objects.exists()
    assert not Decision.objects.exists()


def test_a_project_report_is_refused_with_a_clear_error(endorsement_world):
    w = endorsement_world.world
    project_report = ReportJob.objects.create(project=w.project_a, status=ReportStatus.DONE)
    # Nobody may endorse a project report: even an administrator gets the reason ...
    with pytest.raises(ValidationError, match="Only a cluster progress report is endorsed"):
        report_endorse(
            actor=w.users["admin"], report=project_report, meeting=endorsement_world.meeting
        )
    # ... and a Commission member does not see the project's reports at all.
    with pytest.raises(Http404):
        report_endorse(
            actor=w.users["comm_a1"], report=project_report, meeting=endorsement_world.meeting
        )
    assert not ReportEndorsement.objects.exists() and not Decision.objects.exists()


def test_a_second_endorsement_is_refused_and_a_double_tap_makes_one(client, endorsement_world):
    w, report, meeting = unpack(endorsement_world)
    later = commission_meeting(w.a1, meeting.held_on + datetime.timedelta(days=7))
    client.force_login(w.users["comm_a1"])
    tap = endorse_form(meeting)
    assert client.post(page_of(report), tap).status_code == 302
    assert client.post(page_of(report), tap).status_code == 302  # the double tap
    assert ReportEndorsement.objects.count() == 1 and Decision.objects.count() == 1

    again = client.post(page_of(report), endorse_form(later, note="Once more"))

    assert again.status_code == 200
    refusal = again.content.decode()
    assert "This report is already endorsed" in refusal
    message = refusal.split("This report is already endorsed")[1].split("</li>")[0]
    assert date_format(meeting.held_on, "DATE_FORMAT") in message
    assert meeting.held_on.isoformat() not in message
    with pytest.raises(ValidationError, match="already endorsed"):
        report_endorse(actor=w.users["comm_a1"], report=report, meeting=later)
    endorsement = ReportEndorsement.objects.get()
    assert endorsement.meeting == meeting and endorsement.note == ""
    assert Decision.objects.count() == 1


def test_the_page_refuses_another_clusters_meeting(client, endorsement_world):
    w, report = endorsement_world.world, endorsement_world.report
    client.force_login(w.users["comm_a1"])
    response = client.post(page_of(report), endorse_form(endorsement_world.other_meeting))
    assert response.status_code == 200
    assert 'id="id_meeting-errors"' in response.content.decode()
    assert not ReportEndorsement.objects.exists()


def test_the_page_explains_why_an_unfinished_report_cannot_be_endorsed(client, endorsement_world):
    w = endorsement_world.world
    queued = finished_cluster_report(w, w.a1, status=ReportStatus.QUEUED)
    client.force_login(w.users["comm_a1"])
    page = client.get(page_of(queued)).content.decode()
    assert "This report is not ready yet" in page and 'id="endorse-report"' not in page
    response = client.post(page_of(queued), endorse_form(endorsement_world.meeting))
    assert response.status_code == 200
    assert "This report is not ready yet" in response.content.decode()
    assert not ReportEndorsement.objects.exists()


def test_the_clusters_cda_cannot_endorse_but_sees_the_endorsement(client, endorsement_world):
    w, report, meeting = unpack(endorsement_world)
    client.force_login(w.users["cda_a1"])
    page = client.get(page_of(report)).content.decode()
    assert "Not yet endorsed" in page and 'id="endorse-report"' not in page
    assert client.post(page_of(report), endorse_form(meeting)).status_code == 403
    assert not ReportEndorsement.objects.exists()
    with pytest.raises(PermissionDenied):
        report_endorse(actor=w.users["cda_a1"], report=report, meeting=meeting)

    report_endorse(actor=w.users["comm_a1"], report=report, meeting=meeting)

    assert endorsed_on(meeting) in client.get(page_of(report)).content.decode()
    listing = client.get(f"/clusters/{w.a1.pk}/reports/").content.decode()
    assert endorsed_on(meeting) in listing and "Endorse this report" not in listing
    # Another cluster's CDA does not see A1's report at all.
    client.force_login(w.users["cda_a2"])
    assert client.get(page_of(report)).status_code == 404


def test_the_coordinator_sees_the_endorsement_on_the_reports_page_and_in_the_api(
    client, endorsement_world
):
    w, report, meeting = unpack(endorsement_world)
    client.force_login(w.users["coord_a"])
    page = client.get(f"/projects/{w.project_a.pk}/reports/").content.decode()
    assert "Not yet endorsed" in page
    assert client.get(f"/api/report-jobs/{report.pk}/").json()["endorsement"] is None
    # The coordinator runs the project, but endorsing is the Commission's.
    assert client.post(page_of(report), endorse_form(meeting)).status_code == 403

    report_endorse(actor=w.users["comm_a1"], report=report, meeting=meeting, note="Good")

    page = client.get(f"/projects/{w.project_a.pk}/reports/").content.decode()
    assert endorsed_on(meeting) in page
    endorsement = client.get(f"/api/report-jobs/{report.pk}/").json()["endorsement"]
    assert endorsement["meeting"] == meeting.pk
    assert endorsement["meeting_held_on"] == meeting.held_on.isoformat()
    assert endorsement["note"] == "Good" and endorsement["recorded_by"] == str(w.users["comm_a1"])


def test_the_project_reports_data_names_each_clusters_endorsed_report(endorsement_world):
    w, report, meeting = unpack(endorsement_world)
    report_endorse(actor=w.users["comm_a1"], report=report, meeting=meeting)
    quarter = report_period(
        "quarter", report.period_start, project_start=w.project_a.starts_on, fy_start_month=1
    )

    data = progress_report_data(project=w.project_a, period=quarter, with_charts=False)

    by_cluster = {s["cluster"].name: s["endorsement"] for s in data["sections"]}
    assert by_cluster["Cluster A1"].meeting == meeting
    assert by_cluster["Cluster A2"] is None
    year = report_period(
        "year", datetime.date(2026, 1, 1), project_start=w.project_a.starts_on, fy_start_month=1
    )
    data = progress_report_data(project=w.project_a, period=year, with_charts=False)
    assert data["sections"][0]["endorsement"] is None  # endorsed was the quarter's report


def test_the_clusters_reports_page_runs_the_same_queries_for_3_or_20_reports(
    client, endorsement_world, django_assert_num_queries
):
    w, report, meeting = unpack(endorsement_world)
    report_endorse(actor=w.users["comm_a1"], report=report, meeting=meeting)
    for _ in range(2):
        finished_cluster_report(w, w.a1)
    client.force_login(w.users["comm_a1"])
    url = f"/clusters/{w.a1.pk}/reports/"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).content.decode().count('class="report-job"') == 3
    for _ in range(17):
        later = finished_cluster_report(w, w.a1)
        ReportEndorsement.objects.create(
            report=later,
            meeting=meeting,
            decision=Decision.objects.create(meeting=meeting, text="Endorsed"),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('class="report-job"') == 20
    assert page.count(endorsed_on(meeting)) == 18
    # The 21st report is on the next page, newest first.
    finished_cluster_report(w, w.a1)
    page = client.get(url).content.decode()
    assert "Page 1 of 2" in page and "?page=2" in page and "Newer" not in page
    older = client.get(url + "?page=2").content.decode()
    assert older.count('class="report-job"') == 1 and "Page 2 of 2" in older


def test_the_commission_and_the_cda_download_the_cluster_report_they_review(
    client, endorsement_world
):
    from django.core.files.base import ContentFile

    w, report, _meeting = unpack(endorsement_world)
    report.file.save("a1-q3.pdf", ContentFile(b"%PDF-1.4 the A1 report"), save=True)
    project_report = ReportJob.objects.create(project=w.project_a, status=ReportStatus.DONE)
    project_report.file.save("project.pdf", ContentFile(b"%PDF-1.4 project"), save=True)
    for persona in ("comm_a1", "cda_a1"):
        client.force_login(w.users[persona])
        page = client.get(page_of(report)).content.decode()
        assert f"/reports/{report.pk}/download/" in page
        response = client.get(f"/reports/{report.pk}/download/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 the A1 report"
        # The project's report stays with the project's roles (out of their scope).
        assert client.get(f"/reports/{project_report.pk}/download/").status_code == 404
    client.force_login(w.users["cda_a2"])
    assert client.get(f"/reports/{report.pk}/download/").status_code == 404


def _next_actions(client) -> str:
    page = client.get("/").content.decode()
    return page.split('aria-labelledby="next-actions-title"')[1].split("</section>")[0]


def test_the_commission_finds_its_reports_waiting_for_endorsement_on_the_home_page(
    client, endorsement_world
):
    w, report, meeting = unpack(endorsement_world)
    finished_cluster_report(w, w.a1, status=ReportStatus.RUNNING)  # not ready
    finished_cluster_report(w, w.a2)  # another cluster's
    waiting = "Cluster A1: progress reports waiting for the Commission&#x27;s endorsement"
    client.force_login(w.users["comm_a1"])
    block = _next_actions(client)
    assert waiting in block and f'href="/clusters/{w.a1.pk}/reports/"' in block
    assert '<span class="badge">1</span>' in block  # the running one is not ready
    assert "Cluster A2" not in block and "overdue" not in block
    for persona in ("cda_a1", "coord_a", "comm_b1"):  # they do not endorse A1's reports
        client.force_login(w.users[persona])
        assert waiting not in _next_actions(client), persona
    report_endorse(actor=w.users["comm_a1"], report=report, meeting=meeting)
    client.force_login(w.users["comm_a1"])
    assert waiting not in _next_actions(client)  # endorsed: nothing waits
