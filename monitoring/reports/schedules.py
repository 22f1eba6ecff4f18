"""The quarterly progress report: its schedule (edited by the coordinator) and the beat
job that files each quarter's report once."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import Project
from governance.access import Action, authorize
from governance.audit import actor_context
from governance.concurrency import ensure_not_stale

from ..models.reports import ReportJob, ReportKind, ReportPeriodKind, ReportSchedule
from ..periods import period_containing
from .services import report_job_enqueue, report_job_prepare

logger = logging.getLogger(__name__)

# A beat that was down for a while catches up, but never files years of reports at once.
MAX_CATCH_UP = 4


def run_day_after(quarter_end: datetime.date, days_after: int) -> datetime.date:
    return quarter_end + datetime.timedelta(days=1 + days_after)


def first_run_on(days_after: int, today: datetime.date | None = None) -> datetime.date:
    """The report of the current quarter, ``days_after`` days after it ends."""
    today = today or timezone.localdate()
    return run_day_after(period_containing(today, "quarter", 1).end, days_after)


def quarter_reported_on(run_on: datetime.date, days_after: int):
    """The quarter that a run on ``run_on`` reports (the last one ended before it)."""
    ended = run_on - datetime.timedelta(days=days_after + 1)
    return period_containing(ended, "quarter", 1)


def report_schedule_save(
    *,
    actor: Any,
    project: Project,
    enabled: bool,
    days_after_quarter_end: int,
    next_run_on: datetime.date | None,
    format: str,
    seen_updated_at: str | None = None,
) -> ReportSchedule:
    authorize(actor, Action.MANAGE, project)
    with transaction.atomic(), actor_context(actor):
        schedule = ReportSchedule.objects.select_for_update().filter(project=project).first()
        if schedule is None:
            schedule = ReportSchedule(project=project)
        else:
            ensure_not_stale(schedule, seen_updated_at)
        schedule.enabled = enabled
        schedule.days_after_quarter_end = days_after_quarter_end
        schedule.format = format
        schedule.next_run_on = next_run_on or first_run_on(days_after_quarter_end)
        if not schedule.language:
            schedule.language = settings.LANGUAGE_CODE
        if schedule.next_run_on < timezone.localdate() - datetime.timedelta(days=1):
            raise ValidationError({"next_run_on": _("Pick today or a later day.")})
        schedule.full_clean()
        schedule.save()
    return schedule


def _file_one(schedule: ReportSchedule) -> ReportJob | None:
    """File the report of the quarter the schedule is due for (once), and move the
    schedule on to the next quarter."""
    days = schedule.days_after_quarter_end
    quarter = quarter_reported_on(schedule.next_run_on, days)
    fields = {
        "project": schedule.project,
        "kind": ReportKind.PROJECT,
        "period_kind": ReportPeriodKind.QUARTER,
        "period_start": quarter.start,
        "format": schedule.format,
        "scheduled": True,
    }
    job = None
    if not ReportJob.objects.filter(**fields).exists():
        job = report_job_prepare(
            project=schedule.project,
            kind=ReportKind.PROJECT,
            cluster=None,
            period_kind=ReportPeriodKind.QUARTER,
            period_start=quarter.start,
            format=schedule.format,
            language=schedule.language or settings.LANGUAGE_CODE,
            scheduled=True,
        )
        try:
            with transaction.atomic():  # a savepoint: a run racing this one filed it first
                job.save()
        except IntegrityError:
            job = None
        else:
            report_job_enqueue(job)
    following = period_containing(quarter.end + datetime.timedelta(days=1), "quarter", 1)
    schedule.next_run_on = run_day_after(following.end, days)
    schedule.save(update_fields=["next_run_on", "updated_at"])
    return job


def report_schedules_run(*, today: datetime.date | None = None) -> list[int]:
    """Beat, daily: file the quarterly report of every schedule that is due. Running it
    twice (or on two beats at once) files each report once: the schedules are locked,
    and a unique constraint holds one scheduled job per project, period and format."""
    today = today or timezone.localdate()
    filed: list[int] = []
    for _round in range(MAX_CATCH_UP):
        with transaction.atomic():
            due = list(
                ReportSchedule.objects.select_for_update(skip_locked=True)
                .select_related("project")
                .filter(enabled=True, next_run_on__lte=today)
            )
            if not due:
                break
            for schedule in due:
                job = _file_one(schedule)
                if job is not None:
                    filed.append(job.pk)
    return filed
