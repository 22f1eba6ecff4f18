"""An indicator's history in named events: entered, submitted, returned, approved,
corrected, replaced, locked, unlocked; each with who and when.

Derived from the audit trail (django-auditlog's entries of the indicator's values:
their status changes) and from the project's lock rows, so nothing is stored twice.
Two queries whatever the number of values."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from ..models import Indicator, IndicatorValue, PeriodLock, ValueStatus
from ..periods import Period


@dataclass(frozen=True)
class Event:
    when: datetime.datetime
    name: str
    period: str
    who: str
    detail: str = ""


STATUS_EVENTS = {
    ValueStatus.SUBMITTED: lambda: _("Submitted"),
    ValueStatus.APPROVED: lambda: _("Approved"),
    ValueStatus.RETURNED: lambda: _("Returned"),
    ValueStatus.SUPERSEDED: lambda: _("Replaced by its correction"),
    ValueStatus.DRAFT: lambda: _("Entered as a draft"),
}


def _who(user: Any) -> str:
    if user is None:
        return _("automatic")
    return user.get_full_name() or user.username


def _value_event(entry: LogEntry, value: IndicatorValue, label: str) -> Event | None:
    changes = entry.changes_dict or {}
    old, new = (list(changes.get("status", [])) + [None, None])[:2]
    created = entry.action == LogEntry.Action.CREATE
    if created and value.corrects_id:
        name = _("Corrected")
        detail = _("A correction of the approved value was entered.")
        if new == ValueStatus.SUBMITTED:
            detail = _("A correction of the approved value was submitted.")
        return Event(entry.timestamp, name, label, _who(entry.actor), detail)
    if new is None or old == new:
        if entry.action == LogEntry.Action.UPDATE and "value" in changes:
            return Event(entry.timestamp, _("Edited"), label, _who(entry.actor))
        return None
    name = STATUS_EVENTS.get(new, lambda: new)()
    detail = ""
    if new == ValueStatus.SUBMITTED and old == ValueStatus.RETURNED:
        name = _("Resubmitted")
    if new == ValueStatus.RETURNED:
        detail = (list(changes.get("return_reason", [])) + ["", ""])[1] or value.return_reason
    self_approved = str((list(changes.get("self_approved", [])) + ["", ""])[1]) == "True"
    if new == ValueStatus.APPROVED and self_approved:
        detail = _("Approved by the person who entered or submitted it.")
    return Event(entry.timestamp, name, label, _who(entry.actor), detail)


def indicator_events(*, indicator: Indicator, periods: list[Period]) -> list[Event]:
    """The indicator's named events, newest first."""
    labels = {p.start: p.label for p in periods}
    values = {v.pk: v for v in IndicatorValue.objects.filter(indicator=indicator)}
    events: list[Event] = []
    if values:
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(IndicatorValue),
            object_id__in=list(values),
        ).select_related("actor")
        for entry in entries:
            value = values[entry.object_id]
            event = _value_event(
                entry, value, labels.get(value.period_start, str(value.period_start))
            )
            if event is not None:
                events.append(event)
    spans = {(p.start, p.end): p.label for p in periods}
    locks = PeriodLock.objects.filter(
        project_id=indicator.project_id,
        period_start__in=[p.start for p in periods],
    ).select_related("decided_by")
    for row in locks:
        label = spans.get((row.period_start, row.period_end))
        if label is None:
            continue
        name = _("Locked") if row.locked else _("Unlocked")
        events.append(Event(row.created_at, name, label, _who(row.decided_by), row.reason))
    events.sort(key=lambda e: e.when, reverse=True)
    return events
