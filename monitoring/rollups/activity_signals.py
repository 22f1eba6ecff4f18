"""What keeps the field-activity and governance roll-ups current: receivers of the
model signals of ``actionplans`` and ``governance`` that queue a refresh once the change
is committed. Monitoring listens; the earlier phases never import it (dependencies run
one way). ``connect_activity_rollups()`` is called from ``MonitoringConfig.ready()``.

The receivers add no query to the write they follow: a correction can move an entry to
another month (or a meeting to another date), so the month an instance was loaded with
is kept in ``post_init`` and refreshed too; what a decision or an attendance belongs to
is looked up once the transaction has committed. A broker that is down does not turn a
saved write into an error (``robust``): the nightly rebuild catches up."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save

from actionplans.models import FieldActivity
from governance.models import Attendance, Body, BodyMember, Decision, Meeting

from .activity import month_of

UID = "monitoring.activity_rollups"


def queue_activity_refresh(cluster_id: int, day: datetime.date) -> None:
    from .activity_tasks import activity_rollup_refresh_task

    month = month_of(day).isoformat()
    transaction.on_commit(
        lambda: activity_rollup_refresh_task.delay(cluster_id, month), robust=True
    )


def queue_governance_refresh(
    project_id: int, cluster_id: int | None, day: datetime.date | None
) -> None:
    from .activity_tasks import governance_rollup_refresh_task

    month = month_of(day).isoformat() if day else None
    transaction.on_commit(
        lambda: governance_rollup_refresh_task.delay(project_id, cluster_id, month), robust=True
    )


def _remember_loaded(sender: Any, instance: Any, **kwargs: Any) -> None:
    """The cluster (or body) and date an instance had when read from the database
    (read from ``__dict__``: a deferred field must not cost a query)."""
    if instance.pk is not None:
        fields = instance.__dict__
        instance._rollup_loaded = (
            fields.get("cluster_id", fields.get("body_id")),
            fields.get("occurred_on", fields.get("held_on")),
        )


# Field activities ---------------------------------------------------------------


def _activity_saved(sender: Any, instance: FieldActivity, **kwargs: Any) -> None:
    cells = {(instance.cluster_id, month_of(instance.occurred_on))}
    loaded = getattr(instance, "_rollup_loaded", None)
    if loaded is not None and None not in loaded:
        cells.add((loaded[0], month_of(loaded[1])))
    for cluster_id, month in cells:
        queue_activity_refresh(cluster_id, month)
    instance._rollup_loaded = (instance.cluster_id, instance.occurred_on)


def _activity_deleted(sender: Any, instance: FieldActivity, **kwargs: Any) -> None:
    queue_activity_refresh(instance.cluster_id, instance.occurred_on)


# Meetings, attendance, decisions, members ---------------------------------------------


def _body_key(body: Body) -> tuple[int, int | None]:
    return body.project_id, body.cluster_id


def _meeting_saved(sender: Any, instance: Meeting, **kwargs: Any) -> None:
    project_id, cluster_id = _body_key(instance.body)  # the services load it with the meeting
    days = {month_of(instance.held_on)}
    loaded = getattr(instance, "_rollup_loaded", None)
    if loaded is not None and loaded[1] is not None:
        days.add(month_of(loaded[1]))
    for day in days:
        queue_governance_refresh(project_id, cluster_id, day)
    instance._rollup_loaded = (instance.body_id, instance.held_on)


def _meeting_deleted(sender: Any, instance: Meeting, **kwargs: Any) -> None:
    key = Body.objects.filter(pk=instance.body_id).values_list("project_id", "cluster_id").first()
    if key is not None:  # else the body went too, and its cells with its cluster
        queue_governance_refresh(*key, instance.held_on)


def _meeting_part_changed(sender: Any, instance: Attendance | Decision, **kwargs: Any) -> None:
    meeting_id = instance.meeting_id

    def refresh() -> None:
        # After the commit: a meeting deleted with its parts is refreshed by its own signal.
        key = (
            Meeting.objects.filter(pk=meeting_id)
            .values_list("body__project_id", "body__cluster_id", "held_on")
            .first()
        )
        if key is not None:
            queue_governance_refresh(*key)

    transaction.on_commit(refresh, robust=True)


def _member_saved(sender: Any, instance: BodyMember, created: bool, **kwargs: Any) -> None:
    """A member's sex counts in the attendance of every meeting they attended."""
    if not created:
        queue_governance_refresh(*_body_key(instance.body), None)


def connect_activity_rollups() -> None:
    """Connect the receivers (once, however often ``ready()`` runs)."""
    for model in (FieldActivity, Meeting):
        post_init.connect(_remember_loaded, sender=model, dispatch_uid=f"{UID}.{model}.init")
    post_save.connect(_activity_saved, sender=FieldActivity, dispatch_uid=f"{UID}.activity.save")
    post_delete.connect(
        _activity_deleted, sender=FieldActivity, dispatch_uid=f"{UID}.activity.delete"
    )
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid=f"{UID}.meeting.save")
    post_delete.connect(_meeting_deleted, sender=Meeting, dispatch_uid=f"{UID}.meeting.delete")
    for model in (Attendance, Decision):
        for signal, kind in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                _meeting_part_changed, sender=model, dispatch_uid=f"{UID}.{model}.{kind}"
            )
    post_save.connect(_member_saved, sender=BodyMember, dispatch_uid=f"{UID}.member.save")
