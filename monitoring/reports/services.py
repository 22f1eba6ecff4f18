"""Writes of phase 6: report jobs (and, later, indicator values and roll-ups)."""

from __future__ import annotations

import datetime
import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusters.models import Cluster, Project
from governance.access import Action, authorize
from governance.audit import actor_context
from governance.models import User

from ..models import ReportJob, ReportStatus
from ..models.reports import ReportFormat, ReportKind, ReportPeriodKind
from .exports import report_tables, table_to_csv, tables_to_xlsx
from .pdf import html_to_pdf
from .periods import ReportPeriod, report_period
from .selectors import fy_start_month_of, period_of_job, progress_report_data

logger = logging.getLogger(__name__)


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.REPORT_JOB_LEASE_SECONDS)


def _dispatch(job_id: int) -> None:
    """Hand the job to the broker. When the broker is down the job stays queued with no
    ``dispatched_at``, the request still answers, and the sweep sends it once the
    broker is back (it is never lost, and never filed twice)."""
    from ..tasks import render_report_job

    try:
        render_report_job.delay(job_id)
    except Exception:  # kombu's OperationalError, a refused connection, a timeout
        logger.warning("Report job %s: broker unreachable; the sweep will send it", job_id)
        return
    ReportJob.objects.filter(pk=job_id).update(
        dispatched_at=timezone.now(), dispatches=F("dispatches") + 1
    )


def report_job_enqueue(job: ReportJob) -> None:
    transaction.on_commit(lambda: _dispatch(job.pk))


def lease_remaining(job: ReportJob) -> float:
    """Seconds until another worker's hold on a running job lapses (0: it has lapsed)."""
    expires = job.lease_expires_at or (job.started_at and job.started_at + _lease())
    if job.status != ReportStatus.RUNNING or not expires:
        return 0.0
    return max(0.0, (expires - timezone.now()).total_seconds())


@contextmanager
def _lease_kept(job_id: int):
    """Renew the job's lease while the render runs (a thread with its own connection),
    so a render longer than the lease is never taken for a lost one."""
    stop = threading.Event()
    interval = settings.REPORT_JOB_LEASE_SECONDS / 3

    def renew() -> None:
        try:
            while not stop.wait(interval):
                ReportJob.objects.filter(pk=job_id, status=ReportStatus.RUNNING).update(
                    lease_expires_at=timezone.now() + _lease()
                )
        finally:
            db_connection.close()

    thread = threading.Thread(target=renew, name=f"report-job-{job_id}-lease", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 5)


def report_job_request(
    *,
    actor: User,
    project: Project,
    kind: str = ReportKind.PROJECT,
    cluster: Cluster | None = None,
    period_kind: str = ReportPeriodKind.TO_DATE,
    period_start: datetime.date | None = None,
    format: str = ReportFormat.PDF,
    language: str | None = None,
) -> ReportJob:
    """File a report job for the project (or one of its clusters) over a period, in a
    format and language; the worker renders it once the transaction commits."""
    authorize(actor, Action.REPORT, project)
    if cluster is not None and kind == ReportKind.PROJECT:
        kind = ReportKind.CLUSTER
    job = report_job_prepare(
        project=project,
        kind=kind,
        cluster=cluster,
        period_kind=period_kind,
        period_start=period_start,
        format=format,
        # The worker renders in the language the report was asked for, not its own default.
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    job.requested_by = actor
    job.full_clean()
    with transaction.atomic(), actor_context(actor):
        job.save()
        report_job_enqueue(job)
    return job


def report_job_prepare(
    *,
    project: Project,
    kind: str,
    cluster: Cluster | None,
    period_kind: str,
    period_start: datetime.date | None,
    format: str,
    language: str,
    scheduled: bool = False,
) -> ReportJob:
    """An unsaved job with its period checked (a period must start where one starts)."""
    if period_kind not in ReportPeriodKind.values:
        raise ValidationError({"period_kind": _("Pick a period.")})
    if format not in ReportFormat.values:
        raise ValidationError({"format": _("Pick a format.")})
    try:
        period = report_period(
            period_kind,
            period_start,
            project_start=project.starts_on,
            fy_start_month=fy_start_month_of(project),
        )
    except ValueError:
        raise ValidationError(
            {"period_start": _("No period of this kind starts on that day.")}
        ) from None
    to_date = period_kind == ReportPeriodKind.TO_DATE
    if not to_date and period.start > timezone.localdate():
        raise ValidationError({"period_start": _("This period has not started yet.")})
    return ReportJob(
        project=project,
        kind=kind,
        cluster=cluster,
        period_kind=period_kind,
        period_start=None if to_date else period.start,
        period_end=None if to_date else period.end,
        format=format,
        language=language[:10],
        scheduled=scheduled,
        parameters={
            "project_id": project.pk,
            "as_of": timezone.localdate().isoformat(),
            "language": language,
        },
        queued_at=timezone.now(),
    )


def report_job_run(*, job_id: int) -> ReportJob | None:
    """Render a report. Safe to run twice: a finished job is left as it is, and a job
    another worker holds (row locked, or running with a live lease) is left to it; the
    task asks again when the lease would lapse, so a killed worker's job is taken
    over about a lease after it died, not after a fixed guard."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update(skip_locked=True).filter(pk=job_id).first()
        if job is None:
            # Deleted, or being claimed by another worker right now (row locked).
            return ReportJob.objects.filter(pk=job_id).first()
        if job.status == ReportStatus.DONE:
            return job
        if lease_remaining(job) > 0:  # a duplicate delivery while another worker renders it
            return job
        job.status = ReportStatus.RUNNING
        job.started_at = timezone.now()
        job.lease_expires_at = job.started_at + _lease()
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "lease_expires_at", "attempts"])
    try:
        language = job.language or job.parameters.get("language") or settings.LANGUAGE_CODE
        with _lease_kept(job.pk), translation.override(language):
            content = render_report_file(job)
    except Exception as exc:
        logger.exception("Report job %s failed", job.pk)
        with transaction.atomic():
            job = ReportJob.objects.select_for_update().get(pk=job.pk)
            if job.status != ReportStatus.DONE:  # never undo a run that finished meanwhile
                job.status = ReportStatus.FAILED
                job.error = str(exc)[:2000]
                job.finished_at = timezone.now()
                job.save(update_fields=["status", "error", "finished_at"])
        return job
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().get(pk=job.pk)
        if job.status == ReportStatus.DONE:  # another run finished first
            return job
        if job.file:
            job.file.delete(save=False)
        job.file.save(job.filename, ContentFile(content), save=False)
        job.status = ReportStatus.DONE
        job.error = ""
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "status", "error", "finished_at"])
        if job.scheduled:  # the one run that marked it done sends the notice
            transaction.on_commit(lambda: _notify_steering(job.pk))
    return job


def render_report_file(job: ReportJob) -> bytes:
    """The job's file in its format (run under the job's language)."""
    period = period_of_job(job)
    if job.format == ReportFormat.PDF:
        return render_progress_pdf(project=job.project, period=period, cluster=job.cluster)
    data = progress_report_data(
        project=job.project, period=period, cluster=job.cluster, with_charts=False
    )
    tables = report_tables(data)
    if job.format == ReportFormat.CSV:
        return table_to_csv(tables[0])
    return tables_to_xlsx(tables, title=job.filename)


def render_progress_pdf(
    *,
    project: Project,
    period: ReportPeriod | None = None,
    cluster: Cluster | None = None,
) -> bytes:
    context = progress_report_data(project=project, period=period, cluster=cluster)
    html = render_to_string("monitoring/report_progress.html", context)
    return html_to_pdf(html)


def _notify_steering(job_id: int) -> None:
    from .notices import report_ready_notify

    report_ready_notify(job_id=job_id)


def report_job_requeue_stuck(*, now: datetime.datetime | None = None) -> list[int]:
    """The sweep (Celery beat, every minute): send again what may be lost.

    * a running job whose lease lapsed (its worker died): queued again;
    * a queued job never handed to the broker (it was down) and a few seconds old;
    * a queued job whose message may be lost (a broker restart drops its queue): sent
      again after ``REPORT_JOB_RESEND_MINUTES``, then at doubling intervals, so a long
      backlog is not flooded with copies. A copy is harmless: the job is run once.
    """
    now = now or timezone.now()
    resend = datetime.timedelta(minutes=settings.REPORT_JOB_RESEND_MINUTES)
    lost = Q(status=ReportStatus.RUNNING) & (
        Q(lease_expires_at__lt=now)
        | Q(lease_expires_at__isnull=True, started_at__lt=now - _lease())
        | Q(lease_expires_at__isnull=True, started_at__isnull=True)
    )
    never_sent = Q(
        status=ReportStatus.QUEUED,
        dispatched_at__isnull=True,
        queued_at__lt=now - datetime.timedelta(seconds=5),
    )
    with transaction.atomic():
        candidates = list(
            ReportJob.objects.select_for_update(skip_locked=True).filter(
                lost | never_sent | Q(status=ReportStatus.QUEUED, dispatched_at__lt=now - resend)
            )
        )
        jobs = []
        for job in candidates:
            if job.status == ReportStatus.QUEUED and job.dispatched_at is not None:
                wait = resend * 2 ** min(max(job.dispatches - 1, 0), 5)
                if job.dispatched_at > now - wait:
                    continue
            jobs.append(job)
            if job.status == ReportStatus.RUNNING:
                job.status = ReportStatus.QUEUED
                job.queued_at = now
                job.save(update_fields=["status", "queued_at"])
            report_job_enqueue(job)
    return [job.pk for job in jobs]


def report_job_retry(*, actor: User, job: ReportJob) -> ReportJob:
    """Re-queue a failed or stuck job on a user's request."""
    authorize(actor, Action.REPORT, job)
    with transaction.atomic(), actor_context(actor):
        job = ReportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ReportStatus.DONE:
            job.status = ReportStatus.QUEUED
            job.queued_at = timezone.now()
            job.save(update_fields=["status", "queued_at"])
            report_job_enqueue(job)
    return job
