"""The short phone form of one indicator and period, and the review forms (return with
a reason, lock or reopen a period). The checks live in the services
(``monitoring.values.figures``); these forms only parse what was typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms_support import StampedForm

from ..models import Disaggregation, IndicatorDefinition, Measure
from .figures import input_text

AMOUNT_INPUT = {"inputmode": "decimal", "step": "any", "min": 0}


def _amount(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=18,
        decimal_places=4,
        widget=forms.NumberInput(attrs=AMOUNT_INPUT),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input (their type and size are checked by the
    service, with the model's validators)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ValueForm(StampedForm):
    """The fields the definition needs, no more: a number, or a numerator over a
    denominator, or yes/no, or a text; women and men when it is split by sex."""

    def __init__(self, *args: Any, definition: IndicatorDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measure = definition.measure
        unit = f" ({definition.unit})" if definition.unit else ""
        if measure == Measure.NUMBER:
            self.fields["value"] = _amount(
                _("Total") + unit if _by_sex(definition) else _("Value") + unit
            )
        elif measure == Measure.PERCENTAGE:
            self.fields["numerator"] = _amount(_("Numerator (the part)"))
            self.fields["denominator"] = _amount(_("Denominator (the whole)"))
        elif measure == Measure.YES_NO:
            self.fields["yes_no"] = forms.ChoiceField(
                label=_("Answer"), choices=YES_NO, required=False, widget=forms.RadioSelect
            )
        else:
            self.fields["text"] = forms.CharField(
                label=_("Result"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if _by_sex(definition):
            self.fields["women"] = _amount(_("Women"))
            self.fields["men"] = _amount(_("Men"))
            self.fields["split_unknown"] = forms.BooleanField(
                label=_("The split by sex is not known this time (total only)"), required=False
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields["evidence"] = MultipleFileField(
            label=_("Evidence files"),
            required=False,
            help_text=_("PDF, Word, ODT, JPG or PNG; at most 10 MB each. Optional."),
        )

    def _bound(self, names: tuple[str, ...]) -> list:
        return [self[name] for name in names if name in self.fields]

    def figure_fields(self) -> list:
        """The figure itself (total, numerator and denominator, answer or text)."""
        return self._bound(("value", "numerator", "denominator", "yes_no", "text"))

    def split_fields(self) -> list:
        return self._bound(("women", "men"))

    def unknown_split_field(self) -> list:
        return self._bound(("split_unknown",))

    def extra_fields(self) -> list:
        """Comment and evidence: folded away on the phone unless filled or in error."""
        return self._bound(("comment", "evidence"))

    def extras_open(self) -> bool:
        return any(f.errors or f.value() for f in self.extra_fields())

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("updated_at", "evidence")}
        if "yes_no" in data:
            data["yes_no"] = {"yes": True, "no": False}.get(data["yes_no"])
        return data


def _by_sex(definition: IndicatorDefinition) -> bool:
    return definition.disaggregation == Disaggregation.SEX and definition.measure in (
        Measure.NUMBER,
        Measure.PERCENTAGE,
    )


def initial_from(value: Any) -> dict[str, Any]:
    """A pending value's figures as the form's initial data."""
    if value is None:
        return {}
    initial = {
        "value": input_text(value.value),
        "numerator": input_text(value.numerator),
        "denominator": input_text(value.denominator),
        "text": value.text,
        "comment": value.comment,
        "split_unknown": value.split_unknown,
        "women": input_text(getattr(value, "women", None)),
        "men": input_text(getattr(value, "men", None)),
        "updated_at": value.updated_at.isoformat(),
    }
    if value.yes_no is not None:
        initial["yes_no"] = "yes" if value.yes_no else "no"
    return initial


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it goes back"),
        required=False,  # the service says why a reason is needed
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PeriodLockForm(forms.Form):
    period_start = forms.DateField(widget=forms.HiddenInput)
    period_end = forms.DateField(widget=forms.HiddenInput)
    locked = forms.TypedChoiceField(
        choices=[("1", _("Lock")), ("0", _("Reopen"))],
        coerce=lambda v: v == "1",
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
