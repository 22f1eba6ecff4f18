"""Celery tasks of progress reports (imported by ``monitoring.tasks``, which Celery
autodiscovers)."""

from celery import shared_task


@shared_task
def report_schedules_run() -> list[int]:
    """Daily: file each project's quarterly report once it is due (once per quarter)."""
    from .schedules import report_schedules_run as run

    return run()
