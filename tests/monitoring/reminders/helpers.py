"""Helpers of the reminder tests: a fixed day, values and decisions made directly (the
periods they are about may be locked by the real today)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from governance.models import Body, BodyKind, Decision, Meeting
from monitoring.models import IndicatorValue, MonitoringSettings, ValueStatus
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory

# Q1 2025 ended on 31 March and was due on 15 April: overdue on this day. Q2 has not ended.
TODAY = datetime.date(2025, 5, 1)
Q1 = (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
MORNING = timezone.make_aware(datetime.datetime(2025, 5, 1, 6, 0))


def calendar(project: Any) -> None:
    """Values due 15 days after their period; periods open for a year."""
    MonitoringSettings.objects.update_or_create(
        project=project, defaults={"due_after_days": 15, "lock_after_days": 366}
    )


def indicator(cluster: Any, name: str, **fields: Any) -> Any:
    project = cluster.project
    return IndicatorFactory(
        cluster=cluster, definition=DefinitionFactory(project=project, name=name), **fields
    )


def value(indicator: Any, status: str, by: Any, period=Q1) -> IndicatorValue:
    return IndicatorValue.objects.create(
        indicator=indicator,
        period_start=period[0],
        period_end=period[1],
        status=status,
        value=4,
        entered_by=by,
        submitted_by=by if status != ValueStatus.DRAFT else None,
        submitted_at=MORNING - datetime.timedelta(days=3) if status != ValueStatus.DRAFT else None,
    )


def decision(cluster: Any, text: str, due_on: datetime.date, **fields: Any) -> Decision:
    body, _ = Body.objects.get_or_create(
        kind=BodyKind.COMMISSION, cluster=cluster, defaults={"project": cluster.project}
    )
    meeting = Meeting.objects.create(body=body, held_on=datetime.date(2025, 3, 1))
    return Decision.objects.create(meeting=meeting, text=text, due_on=due_on, **fields)
