"""Reads about Commissions and Steering Committees: bodies, members, meetings,
decisions and the governance-health figures."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..access import Action, visible
from ..models import (
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    DecisionStatus,
    Meeting,
    Sex,
)


def commission_of(*, cluster: Any) -> Body:
    """The cluster's Commission; not created yet, an unsaved one (reading creates
    nothing: the body is created with its first member or meeting)."""
    body = Body.objects.filter(kind=BodyKind.COMMISSION, cluster=cluster).first()
    if body is None:
        body = Body(kind=BodyKind.COMMISSION, project=cluster.project, cluster=cluster)
    body.cluster, body.project = cluster, cluster.project
    return body


def steering_committee_of(*, project: Any) -> Body:
    """The project's Steering Committee; not created yet, an unsaved one."""
    body = Body.objects.filter(kind=BodyKind.STEERING, project=project).first()
    if body is None:
        body = Body(kind=BodyKind.STEERING, project=project)
    body.project = project
    return body


def body_members(*, body: Body) -> QuerySet[BodyMember]:
    if body.pk is None:
        return BodyMember.objects.none()
    return body.members.select_related("user").order_by("ends_on", "role", "name")


def meeting_list(*, user: Any, body: Body) -> QuerySet[Meeting]:
    """A body's meetings with attendance and decision counts, in one query."""
    if body.pk is None:
        return Meeting.objects.none()
    return visible(
        user,
        Meeting.objects.filter(body=body).annotate(
            present=Count("attendances", distinct=True),
            present_women=Count(
                "attendances", filter=Q(attendances__member__sex=Sex.WOMAN), distinct=True
            ),
            decision_count=Count("decisions", distinct=True),
            open_decisions=Count(
                "decisions", filter=Q(decisions__status=DecisionStatus.OPEN), distinct=True
            ),
        ),
        Action.VIEW,
    ).order_by("-held_on", "-pk")


def decisions_overdue_first(qs: QuerySet[Decision]) -> QuerySet[Decision]:
    """Open and overdue first (by due date), then open (by due date, undated last),
    then done and dropped ones. Annotates ``overdue``."""
    today = timezone.localdate()
    late = Q(status=DecisionStatus.OPEN, due_on__lt=today)
    return qs.annotate(
        overdue=Case(
            When(late, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
        follow_up=Case(
            When(late, then=Value(0)),
            When(status=DecisionStatus.OPEN, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    ).order_by("follow_up", F("due_on").asc(nulls_last=True), "meeting__held_on", "pk")


def open_decisions(*, user: Any, cluster: Any = None, project: Any = None) -> QuerySet[Decision]:
    """Open decisions, overdue first (then by due date; undated last)."""
    qs = Decision.objects.filter(status=DecisionStatus.OPEN).select_related(
        "meeting__body__cluster", "meeting__body__project"
    )
    if cluster is not None:
        qs = qs.filter(meeting__body__cluster=cluster)
    if project is not None:
        qs = qs.filter(meeting__body__project=project)
    return decisions_overdue_first(visible(user, qs, Action.VIEW))


def _health(meetings: QuerySet[Meeting]) -> dict[str, Any]:
    """Meetings held (not future dates), average attendance, women's share of
    attendance, and the share of decisions done among those followed up (open or
    done: dropped decisions are left out). Three queries."""
    meetings = meetings.filter(held_on__lte=timezone.localdate())
    m = meetings.aggregate(
        count=Count("pk"),
        other_women=Coalesce(Sum("other_women"), 0),
        other_men=Coalesce(Sum("other_men"), 0),
    )
    a = Attendance.objects.filter(meeting__in=meetings).aggregate(
        total=Count("pk"), women=Count("pk", filter=Q(member__sex=Sex.WOMAN))
    )
    d = Decision.objects.filter(meeting__in=meetings).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=DecisionStatus.DONE)),
        dropped=Count("pk", filter=Q(status=DecisionStatus.DROPPED)),
    )
    attendance = a["total"] + m["other_women"] + m["other_men"]
    women = a["women"] + m["other_women"]
    followed = d["total"] - d["dropped"]  # open + done
    return {
        "meetings": m["count"],
        "average_attendance": round(attendance / m["count"], 1) if m["count"] else None,
        "women_share": round(100 * women / attendance) if attendance else None,
        "decisions": d["total"],
        "decisions_done": d["done"],
        "decisions_dropped": d["dropped"],
        "decisions_done_share": round(100 * d["done"] / followed) if followed else None,
    }


def governance_health(*, cluster: Any) -> dict[str, Any]:
    """The cluster's Commission: meetings, attendance, women's share, decisions done."""
    return _health(Meeting.objects.filter(body__cluster=cluster, body__kind=BodyKind.COMMISSION))


def body_health(*, body: Body) -> dict[str, Any]:
    """The same figures for one body (a Commission or the Steering Committee)."""
    return _health(Meeting.objects.filter(body=body))
