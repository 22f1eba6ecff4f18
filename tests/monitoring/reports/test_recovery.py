"""Report jobs survive a dead worker, a lost message and a broker that is down: each is
rendered exactly once, about a lease after the fault, without anyone clicking."""

import datetime
import os
import signal
import time
from pathlib import Path

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from monitoring.models import ReportJob, ReportStatus
from monitoring.reports.services import lease_remaining, report_job_requeue_stuck, report_job_run
from tests.conftest import build_world
from tests.factories import ClusterFactory, FieldActivityFactory
from tests.monitoring.worker import celery_worker, require_worker_services, worker_children


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("monitoring.tasks.render_report_job.delay", refuse)


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_taken_over_once_its_lease_lapses(world):
    now = timezone.now()
    job = ReportJob.objects.create(
        project=world.project_a,
        status=ReportStatus.RUNNING,
        started_at=now - datetime.timedelta(minutes=1),
        lease_expires_at=now - datetime.timedelta(seconds=1),
        attempts=1,
    )
    result = report_job_run(job_id=job.pk)
    assert (result.status, result.attempts) == (ReportStatus.DONE, 2)
    assert lease_remaining(result) == 0


@pytest.mark.django_db
def test_a_live_lease_keeps_a_duplicate_delivery_away(world, monkeypatch):
    job = ReportJob.objects.create(
        project=world.project_a,
        status=ReportStatus.RUNNING,
        started_at=timezone.now(),
        lease_expires_at=timezone.now() + datetime.timedelta(seconds=20),
        attempts=1,
    )
    monkeypatch.setattr(
        "monitoring.reports.services.render_progress_pdf",
        lambda **kw: pytest.fail("rendered a job another worker holds"),
    )
    again = report_job_run(job_id=job.pk)
    assert (again.status, again.attempts) == (ReportStatus.RUNNING, 1)
    assert 15 < lease_remaining(again) <= 20


@pytest.mark.django_db
def test_a_report_asked_for_while_the_broker_is_down_is_queued_and_sent_later(
    client, world, broker_down, eager_celery, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(world.users["steer_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/projects/{world.project_a.pk}/reports/")
    assert response.status_code == 302  # not a 500: the request is taken
    job = ReportJob.objects.get(project=world.project_a)
    assert (job.status, job.dispatched_at) == (ReportStatus.QUEUED, None)
    assert "being prepared" in client.get(response.url).content.decode()
    # A retry by the user while the broker is down files no second job in the meantime.
    assert ReportJob.objects.filter(project=world.project_a).count() == 1

    monkeypatch.undo()  # the broker is back; the sweep (beat, every minute) sends it
    with django_capture_on_commit_callbacks(execute=True):
        sent = report_job_requeue_stuck(now=timezone.now() + datetime.timedelta(seconds=10))
    assert sent == [job.pk]
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE and job.dispatches == 1


@pytest.mark.django_db
def test_a_queued_job_is_sent_again_at_doubling_intervals(
    world, django_capture_on_commit_callbacks
):
    """A broker restart loses its queue; a copy of a queued job's message is harmless
    (the job runs once), but a backlog must not be flooded with copies."""
    sent_at = timezone.now()
    job = ReportJob.objects.create(
        project=world.project_a,
        status=ReportStatus.QUEUED,
        queued_at=sent_at,
        dispatched_at=sent_at,
        dispatches=3,  # sent twice again already: the next copy waits 2 × 2² minutes
    )
    at = lambda minutes: sent_at + datetime.timedelta(minutes=minutes)  # noqa: E731
    assert report_job_requeue_stuck(now=at(7)) == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert report_job_requeue_stuck(now=at(9)) == [job.pk]
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_running_job_with_a_live_lease_is_not_requeued(world):
    job = ReportJob.objects.create(
        project=world.project_a,
        status=ReportStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(hours=2),  # a long render
        lease_expires_at=timezone.now() + datetime.timedelta(seconds=10),
        queued_at=timezone.now() - datetime.timedelta(hours=2),
    )
    assert report_job_requeue_stuck() == []
    job.refresh_from_db()
    assert job.status == ReportStatus.RUNNING


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_render_finishes_the_job_once_within_seconds(settings):
    require_worker_services()
    lease = 4
    settings.REPORT_JOB_LEASE_SECONDS = lease
    world = build_world()
    # Enough clusters that the render takes a few seconds, so it can be killed midway
    # (each has its section in the report).
    for n in range(60):
        cluster = ClusterFactory(project=world.project_a, name=f"Cluster {n:03d}")
        FieldActivityFactory(cluster=cluster)
    env = {"REPORT_JOB_LEASE_SECONDS": str(lease)}
    with celery_worker(str(settings.MEDIA_ROOT), pool="prefork", env=env) as worker:
        from monitoring.reports.services import report_job_request

        job = report_job_request(actor=world.users["steer_a"], project=world.project_a)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status == ReportStatus.RUNNING or worker.poll() is not None:
                break
            time.sleep(0.1)
        assert job.status == ReportStatus.RUNNING, f"never started: {job.status}"
        children = worker_children(worker)
        assert children, "the worker has no pool process"
        for pid in children:
            os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()
        while time.monotonic() < deadline + 30:
            job.refresh_from_db()
            if job.is_finished or worker.poll() is not None:
                break
            time.sleep(0.25)
        recovered_in = time.monotonic() - killed_at
        assert job.status == ReportStatus.DONE, f"job {job.status}: {job.error}"
        print(f"recovered {recovered_in:.1f} s after the kill")
        assert recovered_in < 45  # the lease and a render, not the old 15-minute guard
        assert job.attempts == 2
        rendered = list(Path(settings.MEDIA_ROOT).rglob(f"{Path(job.filename).stem}*"))
        assert len(rendered) == 1, rendered
