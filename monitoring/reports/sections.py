"""The report's other sections, each one grouped query for the whole project (so the
number of queries does not grow with its clusters): field activity by kind with
participants by sex, governance (meetings, attendance by sex, decisions), and the
evaluations' open recommendations, and each cluster's endorsed report of the period."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, Sum

from actionplans.models import ActivityKind, FieldActivity
from governance.models import Attendance, BodyKind, Decision, DecisionStatus, Meeting, Sex

from ..models import (
    EvaluationPoint,
    FollowUpStatus,
    ManagementResponse,
    PointKind,
    ReportEndorsement,
)
from ..models.reports import ReportKind, ReportPeriodKind
from .periods import ReportPeriod


@dataclass
class ActivityTable:
    rows: list[dict[str, Any]]
    totals: dict[str, int]


def _activity_table(counts: dict[str, dict[str, int]]) -> ActivityTable:
    rows = [
        {
            "kind": value,
            "label": label,
            "count": counts.get(value, {}).get("count", 0),
            "women": counts.get(value, {}).get("women", 0),
            "men": counts.get(value, {}).get("men", 0),
        }
        for value, label in ActivityKind.choices
    ]
    totals = {k: sum(r[k] for r in rows) for k in ("count", "women", "men")}
    return ActivityTable(rows, totals)


def field_activity(
    *, project: Any, period: ReportPeriod, cluster: Any = None
) -> tuple[ActivityTable, dict[int, ActivityTable]]:
    """The project's table and each cluster's: activities by kind, participants by sex
    (withdrawn entries left out). One query."""
    qs = FieldActivity.objects.counted().filter(
        cluster__project=project, occurred_on__gte=period.start, occurred_on__lte=period.end
    )
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    per_cluster: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)
    whole: dict[str, dict[str, int]] = defaultdict(lambda: {"count": 0, "women": 0, "men": 0})
    rows = (
        qs.order_by()
        .values("cluster_id", "kind")
        .annotate(count=Count("pk"), women=Sum("women"), men=Sum("men"))
    )
    for row in rows:
        figures = {"count": row["count"], "women": row["women"] or 0, "men": row["men"] or 0}
        per_cluster[row["cluster_id"]][row["kind"]] = figures
        for key, value in figures.items():
            whole[row["kind"]][key] += value
    return _activity_table(whole), {pk: _activity_table(c) for pk, c in per_cluster.items()}


@dataclass
class GovernanceFigures:
    meetings: int = 0
    attendance_women: int = 0
    attendance_men: int = 0
    attendance_other: int = 0
    decisions: int = 0
    decisions_done: int = 0
    decisions_open: int = 0
    decisions_dropped: int = 0

    @property
    def attendance(self) -> int:
        return self.attendance_women + self.attendance_men + self.attendance_other

    @property
    def women_share(self) -> int | None:
        return round(100 * self.attendance_women / self.attendance) if self.attendance else None


@dataclass
class Governance:
    steering: GovernanceFigures = field(default_factory=GovernanceFigures)
    commissions: dict[int, GovernanceFigures] = field(default_factory=dict)

    def of(self, cluster_id: int) -> GovernanceFigures:
        return self.commissions.get(cluster_id) or GovernanceFigures()

    @property
    def commissions_total(self) -> GovernanceFigures:
        total = GovernanceFigures()
        for figures in self.commissions.values():
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(figures, name))
        return total


def governance(*, project: Any, period: ReportPeriod, cluster: Any = None) -> Governance:
    """Meetings held in the period by the Steering Committee and each Commission, who
    attended (members by sex, plus other participants), and the decisions taken there
    with where they stand. Three queries."""
    meetings = Meeting.objects.filter(
        body__project=project, held_on__gte=period.start, held_on__lte=period.end
    )
    if cluster is not None:
        meetings = meetings.filter(body__cluster=cluster)
    result = Governance()

    def figures(kind: str, cluster_id: int | None) -> GovernanceFigures:
        if kind == BodyKind.STEERING:
            return result.steering
        return result.commissions.setdefault(cluster_id, GovernanceFigures())

    def add(rows: Iterable[dict[str, Any]], body: str) -> None:
        """Add each row's counts, named after the figures, to its body's figures."""
        for row in rows:
            f = figures(row.pop(f"{body}kind"), row.pop(f"{body}cluster_id"))
            for name, count in row.items():
                setattr(f, name, getattr(f, name) + (count or 0))

    add(
        meetings.order_by()
        .values("body__kind", "body__cluster_id")
        .annotate(
            meetings=Count("pk"),
            attendance_women=Sum("other_women"),
            attendance_men=Sum("other_men"),
        ),
        "body__",
    )
    by_body = ("meeting__body__kind", "meeting__body__cluster_id")
    present = Attendance.objects.filter(meeting__in=meetings).order_by()
    add(
        present.values(*by_body).annotate(
            attendance_women=Count("pk", filter=Q(member__sex=Sex.WOMAN)),
            attendance_men=Count("pk", filter=Q(member__sex=Sex.MAN)),
            attendance_other=Count("pk", filter=Q(member__sex=Sex.OTHER)),
        ),
        "meeting__body__",
    )
    decided = Decision.objects.filter(meeting__in=meetings).order_by()
    add(
        decided.values(*by_body).annotate(
            decisions=Count("pk"),
            decisions_done=Count("pk", filter=Q(status=DecisionStatus.DONE)),
            decisions_open=Count("pk", filter=Q(status=DecisionStatus.OPEN)),
            decisions_dropped=Count("pk", filter=Q(status=DecisionStatus.DROPPED)),
        ),
        "meeting__body__",
    )
    return result


# A long list would swamp the report; the M&E pages hold them all.
MAX_RECOMMENDATIONS = 100


def open_recommendations(*, project: Any, cluster: Any = None) -> list[EvaluationPoint]:
    """Recommendations not done yet (and not rejected by management), oldest due first.
    One query."""
    qs = (
        EvaluationPoint.objects.filter(evaluation__project=project, kind=PointKind.RECOMMENDATION)
        .exclude(follow_up=FollowUpStatus.DONE)
        .exclude(response=ManagementResponse.REJECTED)
        .select_related("evaluation", "evaluation__cluster", "responsible")
        .order_by(F("due_on").asc(nulls_last=True), "evaluation_id", "pk")
    )
    if cluster is not None:
        qs = qs.filter(evaluation__cluster=cluster)
    return list(qs[:MAX_RECOMMENDATIONS])


def cluster_endorsements(
    *, project: Any, period: ReportPeriod, cluster: Any = None
) -> dict[int, ReportEndorsement]:
    """By cluster: the latest endorsement, by its Commission, of the cluster's report on
    the same period (the same kind of period, starting the same day). One query."""
    qs = ReportEndorsement.objects.filter(
        report__project=project,
        report__kind=ReportKind.CLUSTER,
        report__period_kind=period.kind,
        report__period_start=None if period.kind == ReportPeriodKind.TO_DATE else period.start,
    ).select_related("meeting", "report")
    if cluster is not None:
        qs = qs.filter(report__cluster=cluster)
    found: dict[int, ReportEndorsement] = {}
    for endorsement in qs.order_by("meeting__held_on", "recorded_at", "pk"):
        found[endorsement.report.cluster_id] = endorsement  # the latest wins
    return found
