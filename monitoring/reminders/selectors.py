"""What a person should act on now: indicator values due or overdue, submitted values
awaiting their approval, and open decisions past (or near) their date.

Everything is read set-based, scoped by the access policy (WORK for values and decisions,
APPROVE for the approval queue), so the number of queries is the same whatever the number
of items (pinned by the tests). Plan reviews are not here: action plans have no review
date yet."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from governance.access import Action, visible
from governance.models import Decision, DecisionStatus

from ..models import IndicatorValue, ReminderPreference, ValueStatus
from ..periods import Period
from ..values.selectors import due_list

# An open decision shows as due this many days before its date (overdue after it).
DECISION_NOTICE_DAYS = 7


class ReminderKind:
    VALUE = "value"
    APPROVAL = "approval"
    DECISION = "decision"


# The page and the e-mails list the groups in this order.
OVERDUE, DUE, AWAITING_APPROVAL = "overdue", "due", "approval"
GROUPS = (OVERDUE, DUE, AWAITING_APPROVAL)


@dataclass(frozen=True)
class Reminder:
    """One thing to act on. ``title`` and ``note`` may be user text: shown escaped."""

    kind: str
    title: str
    detail: str  # the period, or the meeting's date
    place: str  # the cluster's name, or the project's for project-wide items
    project_id: int
    cluster_id: int | None
    url: str  # where to act (a path)
    due_on: datetime.date | None = None
    overdue: bool = False
    submitted_on: datetime.date | None = None  # awaiting approval since
    note: str = ""  # a return reason

    @property
    def group(self) -> str:
        if self.kind == ReminderKind.APPROVAL:
            return AWAITING_APPROVAL
        return OVERDUE if self.overdue else DUE

    @property
    def kind_label(self) -> str:
        return {
            ReminderKind.VALUE: _("Indicator value"),
            ReminderKind.APPROVAL: _("Value to approve"),
            ReminderKind.DECISION: _("Decision"),
        }[self.kind]

    @property
    def sort_key(self) -> tuple:
        day = self.due_on or self.submitted_on or datetime.date.max
        return (GROUPS.index(self.group), day, self.place, self.title)


def group_label(group: str) -> str:
    return {
        OVERDUE: _("Overdue"),
        DUE: _("Due"),
        AWAITING_APPROVAL: _("Awaiting your approval"),
    }[group]


def _value_reminders(user: Any, today: datetime.date) -> list[Reminder]:
    """Ended periods with neither a submitted nor an approved value, as the values-due
    page reads them; periods locked meanwhile are left out (nothing can be entered)."""
    found = []
    for item in due_list(user=user, today=today).open:
        indicator = item.indicator
        place = indicator.cluster or indicator.project
        found.append(
            Reminder(
                kind=ReminderKind.VALUE,
                title=indicator.definition.name,
                detail=item.period.label,
                place=place.name,
                project_id=indicator.project_id,
                cluster_id=indicator.cluster_id,
                url=reverse("value-enter", args=[indicator.pk, item.period.key]),
                due_on=item.due_on,
                overdue=item.overdue,
                note=item.pending.return_reason if item.returned else "",
            )
        )
    return found


def _approval_reminders(user: Any) -> list[Reminder]:
    """Submitted values the user may approve (APPROVE: the project's coordinator)."""
    values = visible(
        user,
        IndicatorValue.objects.filter(status=ValueStatus.SUBMITTED).select_related(
            "indicator__definition", "indicator__cluster", "indicator__project"
        ),
        Action.APPROVE,
    ).order_by("submitted_at", "pk")
    found = []
    for value in values:
        indicator = value.indicator
        place = indicator.cluster or indicator.project
        period = Period(value.period_start, value.period_end, indicator.frequency)
        queue = reverse("values-queue", args=[indicator.project_id])
        found.append(
            Reminder(
                kind=ReminderKind.APPROVAL,
                title=indicator.definition.name,
                detail=period.label,
                place=place.name,
                project_id=indicator.project_id,
                cluster_id=indicator.cluster_id,
                url=f"{queue}?indicator={indicator.pk}",
                submitted_on=timezone.localdate(value.submitted_at) if value.submitted_at else None,
            )
        )
    return found


def _decision_reminders(user: Any, today: datetime.date) -> list[Reminder]:
    """Open decisions whose date has passed or comes within ``DECISION_NOTICE_DAYS``, of
    the bodies the user works for (WORK: the cluster's CDA, the coordinator)."""
    horizon = today + datetime.timedelta(days=DECISION_NOTICE_DAYS)
    decisions = visible(
        user,
        Decision.objects.filter(status=DecisionStatus.OPEN, due_on__lte=horizon).select_related(
            "meeting__body__cluster", "meeting__body__project"
        ),
        Action.WORK,
    ).order_by("due_on", "pk")
    found = []
    for decision in decisions:
        body = decision.meeting.body
        place = body.cluster or body.project
        found.append(
            Reminder(
                kind=ReminderKind.DECISION,
                title=Truncator(decision.text).chars(120),
                detail=_("Meeting of %(day)s") % {"day": date_format(decision.meeting.held_on)},
                place=place.name,
                project_id=body.project_id,
                cluster_id=body.cluster_id,
                url=reverse("meeting-detail", args=[decision.meeting_id]),
                due_on=decision.due_on,
                overdue=decision.due_on < today,
                note=decision.responsible,
            )
        )
    return found


def reminders_for(user: Any, today: datetime.date | None = None) -> list[Reminder]:
    """Everything ``user`` may act on that is due, overdue or awaiting their approval,
    overdue first (oldest date first), then due, then awaiting approval."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    items = [
        *_value_reminders(user, today),
        *_approval_reminders(user),
        *_decision_reminders(user, today),
    ]
    return sorted(items, key=lambda item: item.sort_key)


def reminders_in(
    items: Iterable[Reminder], *, project_id: int | None = None, cluster_id: int | None = None
) -> list[Reminder]:
    """The items of one project or one cluster (the links from the home page's cards)."""
    return [
        item
        for item in items
        if (project_id is None or item.project_id == project_id)
        and (cluster_id is None or item.cluster_id == cluster_id)
    ]


def grouped(items: Iterable[Reminder]) -> list[tuple[str, str, list[Reminder]]]:
    """(group, its label, its items) for the groups that have items, in GROUPS order."""
    by_group: dict[str, list[Reminder]] = {group: [] for group in GROUPS}
    for item in items:
        by_group[item.group].append(item)
    return [(g, group_label(g), by_group[g]) for g in GROUPS if by_group[g]]


def preference_of(user: Any) -> ReminderPreference:
    """The user's preference, or the defaults (unsaved) when they never chose."""
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)
