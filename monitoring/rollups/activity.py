"""Field activity and governance figures by month: ``ActivityRollup`` and
``GovernanceRollup`` cells, computed with one ``INSERT INTO ... SELECT ... GROUP BY``
each (built with the ORM, portable between SQLite and PostgreSQL), never a loop over
rows.

A refresh recomputes the cells of one cluster and month (an entry logged, corrected or
withdrawn), or of one body and month (a meeting, its attendance or its decisions
changed); the nightly rebuild recomputes a whole project. Both run the same SELECT, so a
refresh cannot drift from a rebuild, and each is idempotent: it deletes its cells and
writes them again from the rows as they are when it runs. Refreshes of one cluster (or
of the Steering Committee of one project) are serialized by a row lock on it."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from actionplans.models import FieldActivity
from clusters.models import Cluster, Project
from governance.models import Attendance, Decision, Meeting
from governance.models.bodies import DecisionStatus, Sex

from ..models import ActivityRollup, GovernanceRollup

ACTIVITY_COLUMNS = (
    "project_id",
    "cluster_id",
    "month",
    "kind",
    "count",
    "women",
    "men",
    "last_on",
    "refreshed_at",
)
GOVERNANCE_COLUMNS = (
    "project_id",
    "cluster_id",
    "month",
    "meetings",
    "attendance_women",
    "attendance_men",
    "decisions",
    "decisions_done",
    "refreshed_at",
)


def month_of(day: datetime.date | datetime.datetime | str) -> datetime.date:
    """The first of the month holding ``day``. A model saved with its date given as
    text ("2025-03-01", as a form or fixture may) still holds the text in its signal."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day[:10])
    if isinstance(day, datetime.datetime):
        day = day.date()
    return day.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def _insert(model: type, columns: tuple[str, ...], qs: QuerySet) -> int:
    sql, params = qs.query.sql_with_params()
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) {sql}", params)
        return max(cursor.rowcount, 0)


def _activity_select(activities: QuerySet, now: datetime.datetime) -> QuerySet:
    """The cells of ``activities`` (counted entries only), in ACTIVITY_COLUMNS order."""
    return (
        activities.counted()
        .order_by()
        .annotate(
            r_project=F("cluster__project_id"),
            r_cluster=F("cluster_id"),
            r_month=TruncMonth("occurred_on", output_field=DateField()),
            r_kind=F("kind"),
            r_at=Value(now, output_field=DateTimeField()),
        )
        .values("r_project", "r_cluster", "r_month", "r_kind", "r_at")
        .annotate(n=Count("pk"), w=Sum("women"), m=Sum("men"), last=Max("occurred_on"))
        .values_list("r_project", "r_cluster", "r_month", "r_kind", "n", "w", "m", "last", "r_at")
    )


def _count_of(model: type, **filters: Any) -> Coalesce:
    """A meeting's number of ``model`` rows matching ``filters`` (a correlated subquery,
    so attendance and decisions do not multiply each other's rows)."""
    rows = (
        model.objects.filter(meeting=OuterRef("pk"), **filters)
        .order_by()
        .values("meeting")
        .annotate(c=Count("pk"))
        .values("c")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _governance_select(meetings: QuerySet, now: datetime.datetime) -> QuerySet:
    """The cells of ``meetings``, in GOVERNANCE_COLUMNS order."""
    return (
        meetings.order_by()
        .annotate(
            r_project=F("body__project_id"),
            r_cluster=F("body__cluster_id"),
            r_month=TruncMonth("held_on", output_field=DateField()),
            r_at=Value(now, output_field=DateTimeField()),
            present_w=_count_of(Attendance, member__sex=Sex.WOMAN) + F("other_women"),
            present_m=_count_of(Attendance, member__sex=Sex.MAN) + F("other_men"),
            taken=_count_of(Decision),
            done=_count_of(Decision, status=DecisionStatus.DONE),
        )
        .values("r_project", "r_cluster", "r_month", "r_at")
        .annotate(
            n=Count("pk"),
            w=Sum("present_w"),
            m=Sum("present_m"),
            d=Sum("taken"),
            dd=Sum("done"),
        )
        .values_list("r_project", "r_cluster", "r_month", "n", "w", "m", "d", "dd", "r_at")
    )


def activity_rollup_refresh(cluster_id: int, month: datetime.date) -> int:
    """Recompute one cluster's field-activity cells of one month."""
    month = month_of(month)
    with transaction.atomic():
        if not Cluster.objects.select_for_update().filter(pk=cluster_id).exists():
            return 0  # deleted meanwhile: its cells went with it
        ActivityRollup.objects.filter(cluster_id=cluster_id, month=month).delete()
        activities = FieldActivity.objects.filter(
            cluster_id=cluster_id, occurred_on__gte=month, occurred_on__lte=month_end(month)
        )
        return _insert(
            ActivityRollup, ACTIVITY_COLUMNS, _activity_select(activities, timezone.now())
        )


def _body_filter(project_id: int, cluster_id: int | None) -> Q:
    if cluster_id is None:
        return Q(body__project_id=project_id, body__cluster__isnull=True)
    return Q(body__cluster_id=cluster_id)


def governance_rollup_refresh(
    project_id: int, cluster_id: int | None, month: datetime.date | None = None
) -> int:
    """Recompute the governance cells of one body (a cluster's Commission, or with no
    cluster the project's Steering Committee) for one month, or every month."""
    with transaction.atomic():
        holder = Project if cluster_id is None else Cluster
        if not holder.objects.select_for_update().filter(pk=cluster_id or project_id).exists():
            return 0
        cells = GovernanceRollup.objects.filter(project_id=project_id, cluster_id=cluster_id)
        meetings = Meeting.objects.filter(_body_filter(project_id, cluster_id))
        if month is not None:
            month = month_of(month)
            cells = cells.filter(month=month)
            meetings = meetings.filter(held_on__gte=month, held_on__lte=month_end(month))
        cells.delete()
        return _insert(
            GovernanceRollup, GOVERNANCE_COLUMNS, _governance_select(meetings, timezone.now())
        )


def activity_rollups_rebuild(*, project: Project) -> int:
    """Recompute every field-activity and governance cell of the project."""
    now = timezone.now()
    with transaction.atomic():
        list(Cluster.objects.select_for_update().filter(project=project).values_list("pk"))
        ActivityRollup.objects.filter(project=project).delete()
        GovernanceRollup.objects.filter(project=project).delete()
        activities = FieldActivity.objects.filter(cluster__project=project)
        written = _insert(ActivityRollup, ACTIVITY_COLUMNS, _activity_select(activities, now))
        meetings = Meeting.objects.filter(body__project=project)
        written += _insert(GovernanceRollup, GOVERNANCE_COLUMNS, _governance_select(meetings, now))
    return written


def activity_rollups_rebuild_all() -> dict[int, int]:
    """The nightly rebuild: every project; cells written by project."""
    return {
        project.pk: activity_rollups_rebuild(project=project)
        for project in Project.objects.order_by("pk")
    }
