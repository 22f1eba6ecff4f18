"""When an indicator expects values: its periods, their due dates and lock dates.

Derived, never stored: from the indicator's frequency, the project's dates and the
project's M&E calendar (``MonitoringSettings``, defaults when the project has none)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ..models import Indicator, MonitoringSettings
from ..periods import Period, periods_between


def project_settings(project) -> MonitoringSettings:
    """The project's M&E calendar, or the defaults (unsaved) when it has none yet."""
    try:
        return project.monitoring_settings
    except MonitoringSettings.DoesNotExist:
        return MonitoringSettings(project=project)


def due_on(period: Period, settings: MonitoringSettings) -> datetime.date:
    return period.end + datetime.timedelta(days=settings.due_after_days)


def locks_on(period: Period, settings: MonitoringSettings) -> datetime.date:
    """The first day the period is locked unless a coordinator reopened it."""
    return period.end + datetime.timedelta(days=settings.lock_after_days + 1)


def indicator_periods(
    indicator: Indicator,
    settings: MonitoringSettings,
    *,
    ended_by: datetime.date | None = None,
) -> list[Period]:
    """The indicator's periods over the project's life. With ``ended_by``, only those
    that have ended by that day (the ones a value is expected for)."""
    project = indicator.project
    last_day = project.ends_on or (ended_by or timezone.localdate())
    periods = periods_between(
        project.starts_on, last_day, indicator.frequency, settings.financial_year_start_month
    )
    if ended_by is not None:
        periods = [p for p in periods if p.end <= ended_by]
    return periods


def target_periods(indicator: Indicator, settings: MonitoringSettings) -> list[Period]:
    """The periods an indicator's targets are set for: the project's whole life, or for
    a project with no end date yet, through the end of next year."""
    project = indicator.project
    if project.ends_on:
        return indicator_periods(indicator, settings)
    last_day = datetime.date(timezone.localdate().year + 1, 12, 31)
    return periods_between(
        project.starts_on, last_day, indicator.frequency, settings.financial_year_start_month
    )
