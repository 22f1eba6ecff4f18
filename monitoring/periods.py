"""Reporting periods: months, quarters and years, aligned on the project's financial year.

A period is named by its first day. Quarters and years start on the first day of the
financial year's month (a July-June year has quarters Jul-Sep, Oct-Dec, Jan-Mar,
Apr-Jun). Nothing here touches the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date  # the last day, inclusive
    frequency: str

    @property
    def key(self) -> str:
        return self.start.isoformat()

    @property
    def label(self) -> str:
        if self.frequency == "month":
            return date_format(self.start, "F Y")
        if self.frequency == "year":
            if self.start.month == 1:
                return str(self.start.year)
            return _("FY %(first)s/%(second)s") % {
                "first": self.start.year,
                "second": str(self.end.year)[-2:],
            }
        return _("%(first)s – %(last)s") % {
            "first": date_format(self.start, "M Y"),
            "last": date_format(self.end, "M Y"),
        }

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_containing(day: datetime.date, frequency: str, fy_start_month: int = 1) -> Period:
    """The period of ``frequency`` that ``day`` falls in."""
    size = MONTHS_IN[frequency]
    # Months since the start of a financial year, then back to the period's first month.
    offset = (day.month - fy_start_month) % 12
    start = _add_months(datetime.date(day.year, day.month, 1), -(offset % size))
    end = _add_months(start, size) - datetime.timedelta(days=1)
    return Period(start, end, frequency)


def periods_between(
    first_day: datetime.date,
    last_day: datetime.date,
    frequency: str,
    fy_start_month: int = 1,
) -> list[Period]:
    """Every period of ``frequency`` that overlaps ``first_day`` .. ``last_day``."""
    if last_day < first_day:
        return []
    result = []
    period = period_containing(first_day, frequency, fy_start_month)
    while period.start <= last_day:
        result.append(period)
        period = period_containing(
            period.end + datetime.timedelta(days=1), frequency, fy_start_month
        )
    return result


def period_from_key(key: str | datetime.date, frequency: str, fy_start_month: int = 1) -> Period:
    """The period that starts on ``key``; ``ValueError`` when no period starts that day."""
    start = key if isinstance(key, datetime.date) else datetime.date.fromisoformat(key)
    period = period_containing(start, frequency, fy_start_month)
    if period.start != start:
        raise ValueError(f"no {frequency} period starts on {start}")
    return period
