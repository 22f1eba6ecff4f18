"""Forms of the indicator pages: a pool definition, adopting from the pool, an
indicator's M&E plan, its targets per period, and the project's M&E calendar."""

from __future__ import annotations

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from governance.forms_support import DATE

from ..models import (
    SDG_GOALS,
    Disaggregation,
    Frequency,
    Indicator,
    IndicatorDefinition,
    Measure,
    MonitoringSettings,
)
from . import selectors
from .plan_services import PLAN_FIELDS
from .services import DEFINITION_FIELDS

AMOUNT_INPUT = {"inputmode": "decimal", "step": "any"}


class _Stamped:
    """Puts the record's ``updated_at`` in the hidden field (stale edits are refused)."""

    def stamp(self) -> None:
        if self.instance.pk:
            self.initial["updated_at"] = self.instance.updated_at.isoformat()


class DefinitionForm(_Stamped, forms.ModelForm):
    sdg_goals = forms.TypedMultipleChoiceField(
        label=_("SDG goals"),
        choices=[(g, _("SDG %(goal)s") % {"goal": g}) for g in SDG_GOALS],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = IndicatorDefinition
        fields = [f for f in DEFINITION_FIELDS if f != "sdg_goals"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "time_aggregation": _(
                "Flows (sales, people trained) add up; stocks (firms in joint actions, "
                "certified land) take the last value of the period; percentages are a ratio."
            ),
            "cluster_aggregation": _(
                "Counts add up across clusters; levels (a price multiple, a density) are "
                "averaged; percentages are a ratio."
            ),
        }

    def __init__(self, *args, project, **kwargs):
        kwargs.setdefault("instance", IndicatorDefinition(project=project))
        super().__init__(*args, **kwargs)
        self.fields["sdg_goals"].initial = list(self.instance.sdg_goals or [])
        self.stamp()

    def service_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in DEFINITION_FIELDS}


class AdoptForm(forms.Form):
    definitions = forms.ModelMultipleChoiceField(
        label=_("Indicators of the pool"),
        queryset=IndicatorDefinition.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(
        label=_("Reporting frequency"), choices=Frequency.choices, initial=Frequency.QUARTER
    )

    def __init__(self, *args, project, cluster=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definitions"].queryset = selectors.adoptable_definitions(
            project=project, cluster=cluster
        ).order_by("level", "code")


class ResponsibleField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


SEX_FIELDS = ("baseline_women", "baseline_men", "end_target_women", "end_target_men")
NUMBER_FIELDS = ("baseline_value", *SEX_FIELDS, "end_target")


class IndicatorPlanForm(_Stamped, forms.ModelForm):
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = PLAN_FIELDS
        field_classes = {"responsible": ResponsibleField}
        widgets = {
            "baseline_date": forms.DateInput(attrs=DATE),
            "baseline_text": forms.Textarea(attrs={"rows": 2}),
            "means_of_verification": forms.Textarea(attrs={"rows": 2}),
            "collection_method": forms.Textarea(attrs={"rows": 2}),
            **{name: forms.NumberInput(attrs=AMOUNT_INPUT) for name in NUMBER_FIELDS},
        }
        help_texts = {
            "baseline_value": _("Leave empty with women and men given: the total is their sum."),
            "end_target": _("For a cumulative indicator, the total to date at the end."),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = self.instance
        definition = indicator.definition
        self.fields["result"].queryset = selectors.result_choices(
            project=indicator.project, cluster=indicator.cluster
        )
        self.fields["responsible"].queryset = selectors.responsible_choices(user=actor)
        if definition.disaggregation != Disaggregation.SEX:
            for name in SEX_FIELDS:
                del self.fields[name]
        if definition.measure == Measure.QUALITATIVE:
            for name in NUMBER_FIELDS:
                self.fields.pop(name, None)
        else:
            del self.fields["baseline_text"]
        self.stamp()

    def service_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in self.fields if key != "updated_at"}


class TargetsForm(forms.Form):
    """One row per period: a target, and women and men where the indicator is by sex."""

    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, indicator, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_sex = indicator.definition.disaggregation == Disaggregation.SEX
        self.rows = rows
        self.initial["updated_at"] = indicator.updated_at.isoformat()
        parts = [("value", _("Target"))]
        if self.by_sex:
            parts += [("women", _("Women")), ("men", _("Men"))]
        for row in rows:
            row.fields = []
            for part, label in parts:
                name = f"{row.period.key}-{part}"
                self.fields[name] = forms.DecimalField(
                    label=f"{row.period.label}: {label}",
                    required=False,
                    max_digits=18,
                    decimal_places=4,
                    widget=forms.NumberInput(attrs=AMOUNT_INPUT),
                )
                if row.target is not None:
                    self.initial[name] = getattr(row.target, part)
                row.fields.append(name)

    def bound_rows(self):
        """(row, [bound fields]) for the template."""
        return [(row, [self[name] for name in row.fields]) for row in self.rows]

    def targets(self) -> dict:
        parts = ("value", "women", "men") if self.by_sex else ("value",)
        data = self.cleaned_data
        return {
            row.period.start: {part: data.get(f"{row.period.key}-{part}") for part in parts}
            for row in self.rows
        }


class SettingsForm(_Stamped, forms.ModelForm):
    financial_year_start_month = forms.TypedChoiceField(
        label=_("Financial year starts in"), choices=list(MONTHS.items()), coerce=int
    )
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = MonitoringSettings
        fields = ["financial_year_start_month", "due_after_days", "lock_after_days"]
        widgets = {
            "due_after_days": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "lock_after_days": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stamp()

    def service_data(self) -> dict:
        return {key: self.cleaned_data[key] for key in self.Meta.fields}
