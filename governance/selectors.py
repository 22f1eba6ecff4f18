from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from .access import Action, visible
from .models import (
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    CDAAppointment,
    Decision,
    DecisionStatus,
    Meeting,
    RoleAssignment,
    Sex,
)


def project_people(*, project) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(project=project)
        .select_related("user", "cluster")
        .order_by("ends_on", "role", "user__username")
    )


# --- Phase 2 -----------------------------------------------------------------------


def appointment_list(*, user: Any, cluster: Any = None) -> QuerySet[CDAAppointment]:
    qs = CDAAppointment.objects.select_related("cluster", "user", "role_assignment")
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    return visible(user, qs, Action.VIEW).order_by("ends_on", "kind", "-starts_on", "pk")


def body_members(*, body: Body) -> QuerySet[BodyMember]:
    return body.members.select_related("user").order_by("ends_on", "role", "name")


def meeting_list(*, user: Any, body: Body) -> QuerySet[Meeting]:
    """A body's meetings with attendance and decision counts, in one query."""
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


def open_decisions(*, user: Any, cluster: Any = None, project: Any = None) -> QuerySet[Decision]:
    """Open decisions, overdue first (then by due date; undated last)."""
    today = timezone.localdate()
    qs = Decision.objects.filter(status=DecisionStatus.OPEN).select_related(
        "meeting__body__cluster", "meeting__body__project"
    )
    if cluster is not None:
        qs = qs.filter(meeting__body__cluster=cluster)
    if project is not None:
        qs = qs.filter(meeting__body__project=project)
    return (
        visible(user, qs, Action.VIEW)
        .annotate(
            overdue=Case(
                When(due_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-overdue", F("due_on").asc(nulls_last=True), "meeting__held_on", "pk")
    )


def governance_health(*, cluster: Any) -> dict[str, Any]:
    """Commission meetings, average attendance, women's share, decisions done: 3 queries."""
    meetings = Meeting.objects.filter(body__cluster=cluster, body__kind=BodyKind.COMMISSION)
    m = meetings.aggregate(
        count=Count("pk"),
        other_women=Coalesce(Sum("other_women"), 0),
        other_men=Coalesce(Sum("other_men"), 0),
    )
    a = Attendance.objects.filter(meeting__in=meetings).aggregate(
        total=Count("pk"), women=Count("pk", filter=Q(member__sex=Sex.WOMAN))
    )
    d = Decision.objects.filter(meeting__in=meetings).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=DecisionStatus.DONE))
    )
    attendance = a["total"] + m["other_women"] + m["other_men"]
    women = a["women"] + m["other_women"]
    return {
        "meetings": m["count"],
        "average_attendance": round(attendance / m["count"], 1) if m["count"] else None,
        "women_share": round(100 * women / attendance) if attendance else None,
        "decisions": d["total"],
        "decisions_done_share": round(100 * d["done"] / d["total"]) if d["total"] else None,
    }
