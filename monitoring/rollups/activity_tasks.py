"""Celery tasks of the field-activity and governance roll-ups (thin: ids in, services
called). ``monitoring.tasks`` imports them so the worker registers them."""

from __future__ import annotations

import datetime

from celery import shared_task

from . import activity


@shared_task(acks_late=True, reject_on_worker_lost=True)
def activity_rollup_refresh_task(cluster_id: int, month: str) -> int:
    """Recompute one cluster's field-activity cells of one month (queued on commit)."""
    return activity.activity_rollup_refresh(cluster_id, datetime.date.fromisoformat(month))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def governance_rollup_refresh_task(
    project_id: int, cluster_id: int | None, month: str | None = None
) -> int:
    """Recompute one body's governance cells of one month, or all (queued on commit)."""
    day = datetime.date.fromisoformat(month) if month else None
    return activity.governance_rollup_refresh(project_id, cluster_id, day)


@shared_task
def activity_rollups_rebuild_all_task() -> dict[int, int]:
    """Nightly: rebuild every project's field-activity and governance cells."""
    return activity.activity_rollups_rebuild_all()
