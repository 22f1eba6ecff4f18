"""Writes of phase 6: report jobs (and, later, indicator values and roll-ups)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from clusters.models import Project
from governance.access import Action, authorize
from governance.audit import actor_context
from governance.models import User

from .models import ReportJob, ReportKind, ReportStatus
from .pdf import html_to_pdf
from .selectors import progress_report_data

logger = logging.getLogger(__name__)


def _enqueue(job: ReportJob) -> None:
    from .tasks import render_report_job

    transaction.on_commit(lambda: render_report_job.delay(job.pk))


def report_job_request(
    *, actor: User, project: Project, kind: str = ReportKind.PROGRESS_PDF
) -> ReportJob:
    authorize(actor, Action.REPORT, project)
    # The worker renders in the language the report was asked for, not its own default.
    language = translation.get_language() or settings.LANGUAGE_CODE
    job = ReportJob(
        project=project,
        kind=kind,
        requested_by=actor,
        parameters={
            "project_id": project.pk,
            "as_of": timezone.localdate().isoformat(),
            "language": language,
        },
        queued_at=timezone.now(),
    )
    job.full_clean()
    with transaction.atomic(), actor_context(actor):
        job.save()
        _enqueue(job)
    return job


def report_job_run(*, job_id: int) -> ReportJob | None:
    """Render a report. Safe to run twice: a finished job is left as it is, and a
    job another worker is rendering (row locked, or marked running recently) is
    skipped; a stuck one is picked up again by report_job_requeue_stuck."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update(skip_locked=True).filter(pk=job_id).first()
        if job is None:
            # Deleted, or being claimed by another worker right now (row locked).
            return ReportJob.objects.filter(pk=job_id).first()
        if job.status == ReportStatus.DONE:
            return job
        rendering_elsewhere = (
            job.status == ReportStatus.RUNNING
            and job.started_at is not None
            and job.started_at > _stuck_cutoff()
        )
        if rendering_elsewhere:  # a duplicate delivery while another worker renders it
            return job
        job.status = ReportStatus.RUNNING
        job.started_at = timezone.now()
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "attempts"])
    try:
        with translation.override(job.parameters.get("language") or settings.LANGUAGE_CODE):
            pdf = render_progress_pdf(project=job.project, as_of=job.parameters.get("as_of"))
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
        job.file.save(job.filename, ContentFile(pdf), save=False)
        job.status = ReportStatus.DONE
        job.error = ""
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "status", "error", "finished_at"])
    return job


def _stuck_cutoff() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=settings.REPORT_JOB_STUCK_AFTER_MINUTES)


def render_progress_pdf(*, project: Project, as_of: str | None = None) -> bytes:
    context = progress_report_data(project=project)
    context["as_of"] = as_of or timezone.localdate().isoformat()
    html = render_to_string("monitoring/report_progress.html", context)
    return html_to_pdf(html)


def report_job_requeue_stuck(*, older_than: datetime.timedelta | None = None) -> list[int]:
    """Re-queue jobs left queued or running (a lost worker, a lost message)."""
    older_than = older_than or datetime.timedelta(minutes=settings.REPORT_JOB_STUCK_AFTER_MINUTES)
    cutoff = timezone.now() - older_than
    with transaction.atomic():
        jobs = list(
            ReportJob.objects.select_for_update(skip_locked=True).filter(
                status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING], queued_at__lt=cutoff
            )
        )
        for job in jobs:
            job.status = ReportStatus.QUEUED
            job.queued_at = timezone.now()
            job.save(update_fields=["status", "queued_at"])
            _enqueue(job)
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
            _enqueue(job)
    return job
