"""The dashboards' filters (GET): the period the figures cover and, on the project
dashboard, one cluster. A bad value is a message next to its field, never a 500."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.models import Project

from ..models import PeriodKind
from ..periods import period_containing, periods_between

TO_DATE = "to_date"


@dataclass(frozen=True)
class DashboardPeriod:
    """What the figures cover: the project's life to date, a calendar year or a quarter
    (the kinds of period ``IndicatorRollup`` holds cells for)."""

    key: str  # "to_date", "2025", "2025-Q2"
    kind: str  # a PeriodKind
    start: datetime.date
    end: datetime.date
    label: str

    @property
    def months(self) -> list[datetime.date]:
        return [p.start for p in periods_between(self.start, self.end, "month")]


def period_choices(project: Project, today: datetime.date | None = None) -> list[DashboardPeriod]:
    """To date, then each year and quarter of the project's life so far, newest first."""
    today = today or timezone.localdate()
    last = min(project.ends_on or today, today)
    first = project.starts_on
    found = [DashboardPeriod(TO_DATE, PeriodKind.TO_DATE, first, last, _("To date"))]
    for year in reversed(periods_between(first, last, "year")):
        found.append(
            DashboardPeriod(str(year.start.year), PeriodKind.YEAR, year.start, year.end, year.label)
        )
        for quarter in reversed(periods_between(max(first, year.start), year.end, "quarter")):
            if quarter.start > last:
                continue
            number = (quarter.start.month - 1) // 3 + 1
            label = _("Q%(number)s %(year)s") % {"number": number, "year": quarter.start.year}
            found.append(
                DashboardPeriod(
                    f"{quarter.start.year}-Q{number}",
                    PeriodKind.QUARTER,
                    quarter.start,
                    quarter.end,
                    label,
                )
            )
    return found


def current_quarter(today: datetime.date | None = None) -> datetime.date:
    return period_containing(today or timezone.localdate(), "quarter").start


class DashboardFilterForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False)
    cluster = forms.TypedChoiceField(
        label=gettext_lazy("Cluster"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self, data, *, project: Project, clusters: list[tuple[int, str]] | None = None
    ) -> None:
        """``clusters``: (id, name) pairs for the cluster filter; None shows no filter."""
        super().__init__(data)
        self.periods = {p.key: p for p in period_choices(project)}
        self.fields["period"].choices = [(k, p.label) for k, p in self.periods.items()]
        self.fields["period"].error_messages["invalid_choice"] = gettext_lazy(
            "Pick a period from the list: to date, a year (2025) or a quarter (2025-Q2)."
        )
        if clusters is None:
            del self.fields["cluster"]
        else:
            self.fields["cluster"].choices = [("", _("All clusters")), *clusters]
            self.fields["cluster"].error_messages["invalid_choice"] = gettext_lazy(
                "Pick one of the project's clusters."
            )

    def chosen_period(self) -> DashboardPeriod:
        key = (self.cleaned_data.get("period") if self.is_valid() else None) or TO_DATE
        return self.periods[key]

    def chosen_cluster_id(self) -> int | None:
        return self.cleaned_data.get("cluster") if self.is_valid() else None
