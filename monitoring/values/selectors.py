"""Reads about indicator values: what is due, the approval queue, an indicator's
periods. Each is scoped by the access policy and runs a fixed number of queries
whatever the number of indicators and values (pinned by the tests)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from governance.access import Action, visible

from ..indicators.schedule import due_on, indicator_periods, project_settings
from ..models import Indicator, IndicatorTarget, IndicatorValue, ValueStatus
from ..models.values import PENDING_STATUSES
from ..periods import Period, period_containing
from .locks import LockBook, LockState

INDICATORS = Indicator.objects.select_related(
    "definition", "project", "project__monitoring_settings", "cluster"
)
VALUE_PARTS = ("breakdown", "evidence")


def _count(part: Any) -> Any:
    """A part as counted by sex: the people themselves (a percentage keeps them as its
    numerator, the share as its value)."""
    if part is None:
        return None
    return part.numerator if part.numerator is not None else part.value


def with_parts(values: Iterable[IndicatorValue]) -> list[IndicatorValue]:
    """Each value with ``women`` and ``men`` read from its prefetched parts."""
    values = list(values)
    for value in values:
        parts = {part.category: part for part in value.breakdown.all()}
        value.women, value.men = _count(parts.get("women")), _count(parts.get("men"))
    return values


@dataclass
class DueItem:
    """One indicator and period that waits for a value."""

    indicator: Indicator
    period: Period
    due_on: datetime.date
    overdue: bool
    lock: LockState
    pending: IndicatorValue | None = None
    previous: IndicatorValue | None = None
    target: IndicatorTarget | None = None
    form: Any = None

    @property
    def returned(self) -> bool:
        return self.pending is not None and self.pending.status == ValueStatus.RETURNED

    @property
    def sort_key(self) -> tuple:
        return (not self.returned, not self.overdue, self.due_on, self.indicator.pk)


@dataclass
class DueList:
    open: list[DueItem] = field(default_factory=list)
    locked: list[DueItem] = field(default_factory=list)


def work_indicators(*, user: Any, project: Any = None, cluster: Any = None) -> QuerySet[Indicator]:
    """The indicators ``user`` may report on (WORK), optionally of one project or cluster."""
    qs = INDICATORS
    if project is not None:
        qs = qs.filter(project=project)
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    return visible(user, qs, Action.WORK).order_by(
        "project_id", "cluster__name", "definition__code"
    )


def _values_by_period(indicator_ids: list[int]) -> dict[tuple[int, datetime.date], list]:
    values = with_parts(
        IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids,
            status__in=[*PENDING_STATUSES, ValueStatus.APPROVED],
        )
        .select_related("entered_by")
        .prefetch_related(*VALUE_PARTS)
        .order_by("pk")
    )
    found: dict[tuple[int, datetime.date], list] = defaultdict(list)
    for value in values:
        found[(value.indicator_id, value.period_start)].append(value)
    return found


def _targets(indicator_ids: list[int]) -> dict[tuple[int, datetime.date], IndicatorTarget]:
    return {
        (t.indicator_id, t.period_start): t
        for t in IndicatorTarget.objects.filter(indicator_id__in=indicator_ids)
    }


def _shown_value(values: list[IndicatorValue]) -> IndicatorValue | None:
    """What a period reports: its approved value, else the one waiting for approval."""
    by_status = {v.status: v for v in values}
    return by_status.get(ValueStatus.APPROVED) or by_status.get(ValueStatus.SUBMITTED)


def due_list(
    *,
    user: Any,
    project: Any = None,
    cluster: Any = None,
    today: datetime.date | None = None,
) -> DueList:
    """The indicator × period pairs that have ended and have neither a submitted nor an
    approved value: returned ones first, then overdue (past their due date), then due.
    Periods locked meanwhile are listed apart (nothing can be entered there)."""
    today = today or timezone.localdate()
    indicators = list(work_indicators(user=user, project=project, cluster=cluster))
    ids = [i.pk for i in indicators]
    values = _values_by_period(ids)
    targets = _targets(ids)
    locks = LockBook(today)
    locks.prefetch(i.project_id for i in indicators)
    result = DueList()
    for indicator in indicators:
        settings = project_settings(indicator.project)
        previous: IndicatorValue | None = None
        for period in indicator_periods(indicator, settings, ended_by=today):
            here = values.get((indicator.pk, period.start), [])
            shown = _shown_value(here)
            if shown is None:
                pending = next((v for v in here if v.status in PENDING_STATUSES), None)
                due = due_on(period, settings)
                item = DueItem(
                    indicator=indicator,
                    period=period,
                    due_on=due,
                    overdue=today > due,
                    lock=locks.state(indicator.project, period, settings),
                    pending=pending,
                    previous=previous,
                    target=targets.get((indicator.pk, period.start)),
                )
                (result.locked if item.lock.locked else result.open).append(item)
            previous = shown or previous
    result.open.sort(key=lambda item: item.sort_key)
    result.locked.sort(key=lambda item: (item.period.start, item.indicator.pk), reverse=True)
    return result


def approval_queue(
    *, user: Any, project: Any, cluster: Any = None, indicator: Any = None
) -> QuerySet[IndicatorValue]:
    """The project's submitted values, oldest submission first (APPROVE)."""
    qs = (
        IndicatorValue.objects.filter(indicator__project=project, status=ValueStatus.SUBMITTED)
        .select_related(
            "indicator__definition",
            "indicator__cluster",
            "indicator__project",
            "entered_by",
            "submitted_by",
            "corrects",
        )
        .prefetch_related(*VALUE_PARTS)
        .order_by("submitted_at", "pk")
    )
    if cluster is not None:
        qs = qs.filter(indicator__cluster=cluster)
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    return visible(user, qs, Action.APPROVE)


@dataclass
class PeriodRow:
    """One period of an indicator's page: its values (approved first), target, lock."""

    period: Period
    values: list[IndicatorValue]
    target: IndicatorTarget | None
    lock: LockState
    due_on: datetime.date
    is_open: bool  # not locked, and started


def indicator_period_rows(
    *, indicator: Indicator, today: datetime.date | None = None
) -> list[PeriodRow]:
    """Every period of the indicator up to the current one, newest first."""
    today = today or timezone.localdate()
    settings = project_settings(indicator.project)
    current = period_containing(today, indicator.frequency, settings.financial_year_start_month)
    values = with_parts(
        indicator.values.select_related("entered_by", "submitted_by", "reviewed_by")
        .prefetch_related(*VALUE_PARTS)
        .order_by("period_start", "-pk")
    )
    by_period: dict[datetime.date, list] = defaultdict(list)
    for value in values:
        by_period[value.period_start].append(value)
    targets = {t.period_start: t for t in indicator.targets.all()}
    locks = LockBook(today)
    rows = []
    for period in indicator_periods(indicator, settings):
        if period.start > current.start:
            break
        lock = locks.state(indicator.project, period, settings)
        rows.append(
            PeriodRow(
                period=period,
                values=by_period.get(period.start, []),
                target=targets.get(period.start),
                lock=lock,
                due_on=due_on(period, settings),
                is_open=not lock.locked,
            )
        )
    return list(reversed(rows))
