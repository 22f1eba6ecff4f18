import io
import time

import pytest
from pypdf import PdfReader

from actionplans.models import FieldActivity
from monitoring.models import ReportJob, ReportStatus
from monitoring.reports.services import report_job_request, report_job_requeue_stuck, report_job_run
from tests.conftest import build_world
from tests.monitoring.worker import celery_worker, require_worker_services


def pdf_text(data: bytes) -> str:
    """The PDF's text with whitespace folded (table cells wrap their words)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


@pytest.mark.django_db
def test_steering_member_requests_and_downloads_a_report(
    client, world, eager_celery, django_capture_on_commit_callbacks
):
    FieldActivity.objects.create(
        cluster=world.a1,
        occurred_on="2025-02-01",
        kind="training",
        summary="Training",
        women=7,
        men=5,
    )
    client.force_login(world.users["steer_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/projects/{world.project_a.pk}/reports/")
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.status == ReportStatus.DONE
    assert job.requested_by == world.users["steer_a"]
    page = client.get(f"/projects/{world.project_a.pk}/reports/").content.decode()
    assert "Download PDF" in page
    response = client.get(f"/reports/{job.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    assert "Project A" in text
    assert "Cluster A1" in text and "Cluster A2" in text
    assert "Training" in text
    # the coordinator of another project gets 404, not the file
    client.force_login(world.users["coord_b"])
    assert client.get(f"/reports/{job.pk}/download/").status_code == 404
    client.force_login(world.users["cda_a1"])
    assert client.get(f"/reports/{job.pk}/download/").status_code == 404


@pytest.mark.django_db
def test_running_a_job_twice_is_safe(world):
    job = ReportJob.objects.create(project=world.project_a)
    first = report_job_run(job_id=job.pk)
    name = first.file.name
    second = report_job_run(job_id=job.pk)
    assert second.status == ReportStatus.DONE
    assert second.file.name == name
    assert second.attempts == 1
    assert report_job_run(job_id=999999) is None


@pytest.mark.django_db
def test_a_duplicate_delivery_does_not_render_a_job_being_rendered(world, monkeypatch):
    from django.utils import timezone

    job = ReportJob.objects.create(
        project=world.project_a, status=ReportStatus.RUNNING, started_at=timezone.now(), attempts=1
    )
    monkeypatch.setattr(
        "monitoring.reports.services.render_progress_pdf",
        lambda **kw: pytest.fail("rendered a job another worker is rendering"),
    )
    again = report_job_run(job_id=job.pk)
    assert (again.status, again.attempts) == (ReportStatus.RUNNING, 1)


@pytest.mark.django_db
def test_a_failed_duplicate_run_keeps_the_finished_report(world, monkeypatch):
    job = ReportJob.objects.create(project=world.project_a)
    real_render = __import__("monitoring.reports.services", fromlist=["x"]).render_progress_pdf

    def other_run_finishes_then_this_one_fails(**kwargs):
        # While this run renders, a duplicate delivery finishes the job.
        monkeypatch.setattr("monitoring.reports.services.render_progress_pdf", real_render)
        ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.QUEUED)
        report_job_run(job_id=job.pk)
        raise RuntimeError("lost the font cache")

    monkeypatch.setattr(
        "monitoring.reports.services.render_progress_pdf", other_run_finishes_then_this_one_fails
    )
    result = report_job_run(job_id=job.pk)
    assert result.status == ReportStatus.DONE and result.file
    assert pdf_text(result.file.read()).count(world.project_a.name) >= 1


@pytest.mark.django_db
def test_a_failed_run_is_recorded_and_audited(world, monkeypatch):
    from governance.audit import history_for

    job = ReportJob.objects.create(project=world.project_a)

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("monitoring.reports.services.render_progress_pdf", broken)
    result = report_job_run(job_id=job.pk)
    assert result.status == ReportStatus.FAILED and "disk full" in result.error
    assert any("failed" in str(entry.changes) for entry in history_for(job))


@pytest.mark.django_db
def test_report_comes_out_in_the_language_it_was_asked_in(
    client, world, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(world.users["steer_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/projects/{world.project_a.pk}/reports/", HTTP_ACCEPT_LANGUAGE="fr"
        )
    assert response.status_code == 302
    job = ReportJob.objects.get(project=world.project_a)
    assert job.parameters["language"] == "fr"
    job.refresh_from_db()
    text = pdf_text(job.file.read())
    assert "Rapport d'avancement" in text.replace("’", "'")
    assert "Progress report" not in text


@pytest.mark.django_db
def test_status_row_polls_until_done(client, world):
    job = ReportJob.objects.create(project=world.project_a)
    client.force_login(world.users["steer_a"])
    row = client.get(f"/reports/{job.pk}/status/").content.decode()
    assert "hx-get" in row and "Download PDF" not in row
    report_job_run(job_id=job.pk)
    row = client.get(f"/reports/{job.pk}/status/").content.decode()
    assert "hx-get" not in row and "Download PDF" in row


@pytest.mark.django_db
def test_download_before_ready_is_404(client, world):
    job = ReportJob.objects.create(project=world.project_a)
    client.force_login(world.users["coord_a"])
    assert client.get(f"/reports/{job.pk}/download/").status_code == 404


@pytest.mark.django_db
def test_stuck_jobs_are_requeued(world, django_capture_on_commit_callbacks, eager_celery):
    import datetime

    from django.utils import timezone

    old = timezone.now() - datetime.timedelta(hours=1)
    stuck = ReportJob.objects.create(
        project=world.project_a, status=ReportStatus.RUNNING, queued_at=old
    )
    fresh = ReportJob.objects.create(
        project=world.project_a, status=ReportStatus.QUEUED, queued_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        requeued = report_job_requeue_stuck()
    assert requeued == [stuck.pk]
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == ReportStatus.DONE
    assert fresh.status == ReportStatus.QUEUED


@pytest.mark.django_db
def test_report_job_via_api(client, world, eager_celery, django_capture_on_commit_callbacks):
    client.force_login(world.users["coord_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/report-jobs/", {"project": world.project_a.pk}, content_type="application/json"
        )
    assert response.status_code == 201, response.content
    job_id = response.json()["id"]
    detail = client.get(f"/api/report-jobs/{job_id}/").json()
    assert detail["status"] == "done"
    assert client.get(detail["download_url"]).status_code == 200


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_report_job_runs_on_a_real_celery_worker(tmp_path, settings):
    require_worker_services()
    world = build_world()
    with celery_worker(str(settings.MEDIA_ROOT)) as worker:
        job = report_job_request(actor=world.users["steer_a"], project=world.project_a)
        assert ReportJob.objects.get(pk=job.pk).status == ReportStatus.QUEUED
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.is_finished or worker.poll() is not None:
                break
            time.sleep(0.5)
        assert job.status == ReportStatus.DONE, f"job {job.status}: {job.error}"
        text = pdf_text(job.file.read())
        assert "Project A" in text and "Cluster A1" in text


@pytest.mark.django_db
def test_a_withdrawn_activity_leaves_the_report_figures(world):
    from django.utils import timezone

    from monitoring.reports.selectors import progress_report_data

    FieldActivity.objects.create(
        cluster=world.a1, occurred_on=timezone.localdate(), kind="training", summary="x", women=3
    )
    FieldActivity.objects.create(
        cluster=world.a1,
        occurred_on=timezone.localdate(),
        kind="training",
        summary="logged twice",
        women=3,
        withdrawn_at=timezone.now(),
        withdraw_reason="logged twice",
    )
    totals = progress_report_data(project=world.project_a)["totals"]
    assert totals == {"count": 1, "women": 3, "men": 0}
