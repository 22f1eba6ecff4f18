"""The forms of the reports pages: asking for a report, the quarterly schedule, and the
Commission's endorsement of a cluster report."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, Project
from governance.forms_support import DATE
from governance.idempotency import ClientIdForm
from governance.models import Meeting

from ..models.reports import ReportFormat, ReportPeriodKind, ReportSchedule
from .periods import period_choices

TO_DATE = f"{ReportPeriodKind.TO_DATE}:"


class ReportRequestForm(forms.Form):
    """Period, format and (for a cluster report) the cluster. A bare request (the API,
    an old page) asks for the project's report to date, in PDF."""

    period = forms.ChoiceField(label=_("Period"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), choices=ReportFormat.choices, required=False, initial=ReportFormat.PDF
    )
    cluster = forms.ModelChoiceField(
        label=_("Report on"),
        queryset=Cluster.objects.none(),
        required=False,
        empty_label=_("The whole project (every cluster)"),
    )

    def __init__(self, *args: Any, project: Project, fy_start_month: int = 1, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = period_choices(
            project_start=project.starts_on, fy_start_month=fy_start_month
        )
        self.fields["cluster"].queryset = Cluster.objects.filter(project=project).order_by("name")
        self.initial.setdefault("period", TO_DATE)

    def clean_period(self) -> tuple[str, datetime.date | None]:
        kind, _sep, start = (self.cleaned_data.get("period") or TO_DATE).partition(":")
        return kind, datetime.date.fromisoformat(start) if start else None

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or ReportFormat.PDF

    def service_kwargs(self) -> dict[str, Any]:
        kind, start = self.cleaned_data["period"]
        return {
            "period_kind": kind,
            "period_start": start,
            "format": self.cleaned_data["format"],
            "cluster": self.cleaned_data.get("cluster"),
        }


class ReportScheduleForm(forms.ModelForm):
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)
    next_run_on = forms.DateField(
        label=_("Next report on"),
        required=False,
        widget=forms.DateInput(attrs=DATE),
        help_text=_("Leave empty for the end of this quarter plus the days above."),
    )

    class Meta:
        model = ReportSchedule
        fields = ["enabled", "days_after_quarter_end", "next_run_on", "format"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enabled"].label = _("File the progress report every quarter")
        if self.instance.pk:
            self.initial["updated_at"] = self.instance.updated_at.isoformat()
        else:  # the coordinator opts in
            self.initial.setdefault("enabled", False)


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        day = date_format(obj.held_on, "DATE_FORMAT")
        return f"{day} — {obj.place}" if obj.place else day


class ReportEndorsementForm(ClientIdForm):
    """The Commission's meeting the report was endorsed at, and a note. The client id
    makes a double tap one endorsement."""

    meeting = MeetingChoiceField(
        label=_("Endorsed at the Commission's meeting of"),
        queryset=Meeting.objects.none(),
        empty_label=None,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what the Commission said, or asked to follow up."),
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
