"""The quarterly report: the coordinator sets the schedule, beat files each quarter's
report once, and the steering members hear when it is ready."""

import datetime

import pytest
from django.core import mail

from monitoring.models.reports import ReportJob, ReportSchedule
from monitoring.reports.schedules import first_run_on, report_schedules_run
from monitoring.reports.services import report_job_run

pytestmark = pytest.mark.django_db

DEC_1 = datetime.date(2026, 12, 1)


def _schedule(world, **fields):
    fields.setdefault("next_run_on", datetime.date(2026, 10, 16))
    return ReportSchedule.objects.create(project=world.project_a, language="en", **fields)


def test_the_coordinator_sets_the_schedule_on_the_reports_page(client, world):
    client.force_login(world.users["coord_a"])
    page = client.get(f"/projects/{world.project_a.pk}/reports/").content.decode()
    assert 'id="save-schedule"' in page
    response = client.post(
        f"/projects/{world.project_a.pk}/reports/schedule/",
        {"enabled": "on", "days_after_quarter_end": "10", "next_run_on": "", "format": "pdf"},
    )
    assert response.status_code == 302
    schedule = ReportSchedule.objects.get(project=world.project_a)
    assert schedule.enabled and schedule.days_after_quarter_end == 10
    assert schedule.next_run_on == first_run_on(10)
    # a steering member sees the reports but not the schedule form
    client.force_login(world.users["steer_a"])
    page = client.get(f"/projects/{world.project_a.pk}/reports/").content.decode()
    assert 'id="request-report"' in page and 'id="save-schedule"' not in page


def test_a_bad_schedule_shows_its_error_next_to_the_field(client, world):
    client.force_login(world.users["coord_a"])
    response = client.post(
        f"/projects/{world.project_a.pk}/reports/schedule/",
        {"enabled": "on", "days_after_quarter_end": "500", "format": "pdf"},
    )
    assert response.status_code == 200
    assert 'id="id_days_after_quarter_end-errors"' in response.content.decode()
    assert not ReportSchedule.objects.exists()


def test_a_due_schedule_files_its_quarter_once_however_often_it_runs(world):
    schedule = _schedule(world)
    filed = report_schedules_run(today=DEC_1)
    assert len(filed) == 1
    job = ReportJob.objects.get(pk=filed[0])
    assert (job.period_kind, job.period_start, job.period_end) == (
        "quarter",
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )
    assert job.scheduled and job.requested_by is None and job.format == "pdf"
    schedule.refresh_from_db()
    assert schedule.next_run_on == datetime.date(2027, 1, 16)  # the next quarter's
    assert report_schedules_run(today=DEC_1) == []
    # even set back to the same day, the quarter is not filed twice
    ReportSchedule.objects.filter(pk=schedule.pk).update(next_run_on=datetime.date(2026, 10, 16))
    assert report_schedules_run(today=DEC_1) == []
    assert ReportJob.objects.filter(scheduled=True).count() == 1


def test_a_disabled_or_future_schedule_files_nothing(world):
    _schedule(world, enabled=False)
    assert report_schedules_run(today=DEC_1) == []
    ReportSchedule.objects.update(enabled=True, next_run_on=datetime.date(2027, 1, 16))
    assert report_schedules_run(today=DEC_1) == []


def test_the_steering_members_get_one_notice_when_the_report_is_ready(
    world, django_capture_on_commit_callbacks
):
    _schedule(world)
    with django_capture_on_commit_callbacks(execute=False):
        (job_id,) = report_schedules_run(today=DEC_1)
    with django_capture_on_commit_callbacks(execute=True):
        report_job_run(job_id=job_id)
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == [world.users["steer_a"].email]
    assert "Project A" in notice.subject and "2026-Q3" in notice.subject
    assert f"/projects/{world.project_a.pk}/reports/" in notice.body
    with django_capture_on_commit_callbacks(execute=True):
        report_job_run(job_id=job_id)  # a duplicate delivery: already done
    assert len(mail.outbox) == 1
