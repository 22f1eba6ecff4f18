"""Whether a reporting period is locked, and the coordinator's explicit locks.

A period locks by itself ``lock_after_days`` after it ends (as DHIS2's expiry days);
the latest ``PeriodLock`` row of the project for that exact period (start and end)
overrides the rule either way. Rows are only ever added, so locks and unlocks stay in
the history."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.access import Action, authorize
from governance.audit import validated_save

from ..indicators.schedule import indicator_periods, locks_on, project_settings
from ..models import Indicator, MonitoringSettings, PeriodLock
from ..periods import Period


class PeriodLockedError(ValidationError):
    """A write into a locked period (pages: a message by the form; API: 409)."""


@dataclass(frozen=True)
class LockState:
    locked: bool
    reason: str  # why, for the user: the coordinator's reason or the automatic rule
    explicit: PeriodLock | None = None


def _automatic(period: Period, settings: MonitoringSettings, today: datetime.date) -> LockState:
    if today >= locks_on(period, settings):
        return LockState(
            True,
            _("This period locked automatically %(days)s days after it ended.")
            % {"days": settings.lock_after_days},
        )
    return LockState(False, "")


def _explicit(row: PeriodLock) -> LockState:
    if not row.locked:
        return LockState(False, "", row)
    if row.decided_by_id is None:  # written by the nightly job
        return LockState(True, row.reason, row)
    return LockState(True, _("Locked by the coordinator: %(reason)s") % {"reason": row.reason}, row)


def latest_locks(project: Any) -> dict[tuple[datetime.date, datetime.date], PeriodLock]:
    """The latest lock row of each period of ``project`` (one query)."""
    latest: dict[tuple[datetime.date, datetime.date], PeriodLock] = {}
    for row in PeriodLock.objects.filter(project=project).order_by("created_at", "pk"):
        latest[(row.period_start, row.period_end)] = row
    return latest


class LockBook:
    """Lock states of many periods of one or more projects, read with one query per
    project (a page asks for dozens of periods)."""

    def __init__(self, today: datetime.date | None = None) -> None:
        self.today = today or timezone.localdate()
        self._rows: dict[Any, dict] = {}

    def prefetch(self, project_ids: Iterable[int]) -> None:
        wanted = [pk for pk in set(project_ids) if pk not in self._rows]
        for pk in wanted:
            self._rows[pk] = {}
        for row in PeriodLock.objects.filter(project_id__in=wanted).order_by("created_at", "pk"):
            self._rows[row.project_id][(row.period_start, row.period_end)] = row

    def state(self, project: Any, period: Period, settings: MonitoringSettings) -> LockState:
        self.prefetch([project.pk])
        row = self._rows[project.pk].get((period.start, period.end))
        return _explicit(row) if row is not None else _automatic(period, settings, self.today)


def lock_state(project: Any, period: Period, today: datetime.date | None = None) -> LockState:
    row = (
        PeriodLock.objects.filter(project=project, period_start=period.start, period_end=period.end)
        .order_by("-created_at", "-pk")
        .first()
    )
    if row is not None:
        return _explicit(row)
    return _automatic(period, project_settings(project), today or timezone.localdate())


def ensure_open(project: Any, period: Period) -> None:
    """Refuse a write into a locked period, saying why."""
    state = lock_state(project, period)
    if state.locked:
        raise PeriodLockedError(state.reason, code="period_locked")


def period_lock_set(
    *,
    actor: Any,
    project: Any,
    period_start: datetime.date,
    period_end: datetime.date,
    locked: bool,
    reason: str,
) -> PeriodLock:
    """Lock or reopen one period of the project, with a reason (coordinator: APPROVE)."""
    authorize(actor, Action.APPROVE, project)
    row = PeriodLock(
        project=project,
        period_start=period_start,
        period_end=period_end,
        locked=locked,
        reason=(reason or "").strip(),
        decided_by=actor,
    )
    errors = {}
    if not row.reason:
        errors["reason"] = _("Say why the period is locked or reopened.")
    if period_end < period_start:
        errors["period_end"] = _("The period cannot end before it starts.")
    if errors:
        raise ValidationError(errors)
    return validated_save(row, actor=actor)


def period_locks_apply_system(today: datetime.date | None = None) -> int:
    """The nightly job (no actor): write a lock row for every indicator period past its
    lock date that has no row yet, so "locked" shows in the history. A period the
    coordinator reopened keeps its row and stays open. Returns the rows written."""
    today = today or timezone.localdate()
    indicators = Indicator.objects.select_related("project__monitoring_settings", "project")
    written = 0
    seen: set[tuple[int, datetime.date, datetime.date]] = set()
    existing = set(PeriodLock.objects.values_list("project_id", "period_start", "period_end"))
    new_rows = []
    for indicator in indicators:
        settings = project_settings(indicator.project)
        for period in indicator_periods(indicator, settings, ended_by=today):
            key = (indicator.project_id, period.start, period.end)
            if key in existing or key in seen or today < locks_on(period, settings):
                continue
            seen.add(key)
            new_rows.append(
                PeriodLock(
                    project_id=indicator.project_id,
                    period_start=period.start,
                    period_end=period.end,
                    locked=True,
                    reason=_("Locked automatically %(days)s days after the period ended.")
                    % {"days": settings.lock_after_days},
                )
            )
    with transaction.atomic():
        for row in new_rows:  # one by one, so each row is audited
            row.save()
            written += 1
    return written
