"""The periods a report covers, and which roll-up cells hold their figures.

Quarters, halves and calendar years are calendar periods (the roll-ups' quarter and
year cells are calendar ones); the financial year follows the project's M&E settings.
A half year has no cells of its own: it is read from its two quarters' cells."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import PeriodKind
from ..models.reports import ReportPeriodKind
from ..periods import _add_months, period_containing

# The roll-up cells each kind of report period is read from.
ROLLUP_KIND = {
    ReportPeriodKind.QUARTER: PeriodKind.QUARTER,
    ReportPeriodKind.HALF_YEAR: PeriodKind.QUARTER,
    ReportPeriodKind.YEAR: PeriodKind.YEAR,
    ReportPeriodKind.FINANCIAL_YEAR: PeriodKind.FINANCIAL_YEAR,
    ReportPeriodKind.TO_DATE: PeriodKind.TO_DATE,
}


@dataclass(frozen=True)
class ReportPeriod:
    kind: str
    start: datetime.date
    end: datetime.date  # the last day, inclusive

    @property
    def rollup_kind(self) -> str:
        return ROLLUP_KIND[self.kind]

    @property
    def cell_starts(self) -> list[datetime.date]:
        """The first days of the roll-up cells that make up this period, in order."""
        if self.kind == ReportPeriodKind.HALF_YEAR:
            return [self.start, _add_months(self.start, 3)]
        return [self.start]

    @property
    def label(self) -> str:
        if self.kind == ReportPeriodKind.TO_DATE:
            return _("From %(start)s to %(end)s") % {
                "start": date_format(self.start, "DATE_FORMAT"),
                "end": date_format(self.end, "DATE_FORMAT"),
            }
        if self.kind == ReportPeriodKind.QUARTER:
            quarter = (self.start.month - 1) // 3 + 1
            return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": self.start.year}
        if self.kind == ReportPeriodKind.HALF_YEAR:
            half = 1 if self.start.month <= 6 else 2
            return _("H%(half)s %(year)s") % {"half": half, "year": self.start.year}
        if self.kind == ReportPeriodKind.FINANCIAL_YEAR and self.start.month != 1:
            return _("FY %(first)s/%(second)s") % {
                "first": self.start.year,
                "second": str(self.end.year)[-2:],
            }
        return str(self.start.year)

    @property
    def dates(self) -> str:
        return _("%(first)s – %(last)s") % {
            "first": date_format(self.start, "DATE_FORMAT"),
            "last": date_format(self.end, "DATE_FORMAT"),
        }


def _half_containing(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(day.year, 1 if day.month <= 6 else 7, 1)
    return start, _add_months(start, 6) - datetime.timedelta(days=1)


def report_period(
    kind: str,
    start: datetime.date | None,
    *,
    project_start: datetime.date,
    fy_start_month: int = 1,
    today: datetime.date | None = None,
) -> ReportPeriod:
    """The period of ``kind`` that starts on ``start``; ``ValueError`` when none does.
    "To date" runs from the project's start to ``today``."""
    today = today or timezone.localdate()
    if kind == ReportPeriodKind.TO_DATE:
        return ReportPeriod(kind, project_start, today)
    if start is None:
        raise ValueError("a period needs its first day")
    if kind == ReportPeriodKind.HALF_YEAR:
        first, last = _half_containing(start)
    elif kind == ReportPeriodKind.QUARTER:
        p = period_containing(start, "quarter", 1)
        first, last = p.start, p.end
    elif kind in (ReportPeriodKind.YEAR, ReportPeriodKind.FINANCIAL_YEAR):
        month = fy_start_month if kind == ReportPeriodKind.FINANCIAL_YEAR else 1
        p = period_containing(start, "year", month)
        first, last = p.start, p.end
    else:
        raise ValueError(f"unknown period kind {kind!r}")
    if first != start:
        raise ValueError(f"no {kind} starts on {start}")
    return ReportPeriod(kind, first, last)


def period_choices(
    *, project_start: datetime.date, fy_start_month: int = 1, today: datetime.date | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods a report may be asked for, newest first, grouped by kind; each
    choice is ``"<kind>:<first day>"`` ("to_date:" for to date)."""
    today = today or timezone.localdate()
    first_day = min(project_start, today)
    groups: list[tuple[str, list[tuple[str, str]]]] = [
        (_("To date"), [(f"{ReportPeriodKind.TO_DATE}:", _("To date"))])
    ]
    for kind, label in (
        (ReportPeriodKind.QUARTER, _("Quarters")),
        (ReportPeriodKind.HALF_YEAR, _("Half years")),
        (ReportPeriodKind.YEAR, _("Calendar years")),
        (ReportPeriodKind.FINANCIAL_YEAR, _("Financial years")),
    ):
        if kind == ReportPeriodKind.FINANCIAL_YEAR and fy_start_month == 1:
            continue  # the same as the calendar years
        options = []
        day = first_day
        while day <= today:
            period = _period_at(kind, day, fy_start_month)
            options.append((f"{kind}:{period.start.isoformat()}", period.label))
            day = period.end + datetime.timedelta(days=1)
        groups.append((label, list(reversed(options))))
    return groups


def _period_at(kind: str, day: datetime.date, fy_start_month: int) -> ReportPeriod:
    if kind == ReportPeriodKind.HALF_YEAR:
        return ReportPeriod(kind, *_half_containing(day))
    if kind == ReportPeriodKind.QUARTER:
        p = period_containing(day, "quarter", 1)
    else:
        month = fy_start_month if kind == ReportPeriodKind.FINANCIAL_YEAR else 1
        p = period_containing(day, "year", month)
    return ReportPeriod(kind, p.start, p.end)


def last_complete_quarter(today: datetime.date | None = None) -> ReportPeriod:
    today = today or timezone.localdate()
    current = period_containing(today, "quarter", 1)
    previous = period_containing(current.start - datetime.timedelta(days=1), "quarter", 1)
    return ReportPeriod(ReportPeriodKind.QUARTER, previous.start, previous.end)
