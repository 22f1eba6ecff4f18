from celery import shared_task

from .models import ReportStatus
from .reminders.tasks import digest_send_weekly, reminders_send_daily  # noqa: F401 (registers them)
from .reports import services
from .reports.tasks import report_schedules_run  # noqa: F401 (registers it with the worker)
from .rollups.activity_tasks import (  # noqa: F401 (registers them with the worker)
    activity_rollup_refresh_task,
    activity_rollups_rebuild_all_task,
    governance_rollup_refresh_task,
)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=200)
def render_report_job(self, job_id: int) -> str:
    job = services.report_job_run(job_id=job_id)
    if job is not None and job.status == ReportStatus.RUNNING:
        # Another worker holds the job. Ask again when its lease would lapse: if that
        # worker died, this delivery takes the job over then.
        raise self.retry(countdown=services.lease_remaining(job) + 1)
    return job.status if job else "missing"


@shared_task
def requeue_stuck_report_jobs() -> list[int]:
    return services.report_job_requeue_stuck()


@shared_task
def period_locks_apply_system() -> int:
    """Nightly: write the automatic lock rows of periods past their lock date."""
    from .values.locks import period_locks_apply_system as apply

    return apply()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def rollup_refresh_task(indicator_id: int, period_start: str) -> int:
    """Recompute the roll-up cells one approved value touches (queued on commit)."""
    import datetime

    from .rollups.services import rollup_refresh

    return rollup_refresh(
        indicator_id=indicator_id, period_start=datetime.date.fromisoformat(period_start)
    )


@shared_task
def rollup_rebuild_all_task() -> dict[int, int]:
    """Nightly: rebuild every project's roll-ups and log what had drifted."""
    from .rollups.services import rollup_rebuild_all

    return rollup_rebuild_all()
