"""What a reported value must hold, by the definition's measure and disaggregation.

Pure checks (no database): the services call ``clean_figures`` before anything is
saved, so a bad figure is refused field by field and nothing is half-saved.

* number: ``value`` (not negative);
* percentage: ``numerator`` and ``denominator`` (denominator above 0, numerator at
  most the denominator: a percentage here is a share of a whole); the value is
  numerator / denominator × 100;
* yes/no: ``yes_no``; qualitative: ``text``;
* by sex (numbers and percentages): ``women`` and ``men`` adding up to the total (for a
  percentage, to the numerator: the parts of the share counted by sex), or the total
  alone with ``split_unknown`` ticked, which says the split is not known this time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from ..models import Disaggregation, IndicatorDefinition, Measure

FIGURE_FIELDS = ("value", "numerator", "denominator", "yes_no", "text", "split_unknown")
PART_FIELDS = ("women", "men")
HUNDRED = Decimal(100)
FOUR_PLACES = Decimal("0.0001")


@dataclass
class Figures:
    """The checked figures: the value's own fields and its parts (category -> amount)."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    yes_no: bool | None = None
    text: str = ""
    split_unknown: bool = False
    parts: dict[str, Decimal] = field(default_factory=dict)

    def model_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


def _amount(raw: Any, name: str, errors: dict[str, str]) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        number = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except ArithmeticError:
        errors[name] = _("Enter a number.")
        return None
    if not number.is_finite():
        errors[name] = _("Enter a number.")
        return None
    if number < 0:
        errors[name] = _("A figure cannot be negative.")
        return None
    return number


def clean_figures(definition: IndicatorDefinition, data: dict[str, Any]) -> Figures:
    """The figures of ``data`` checked against ``definition``; ValidationError by field."""
    errors: dict[str, str] = {}
    amounts = {
        name: _amount(data.get(name), name, errors)
        for name in ("value", "numerator", "denominator", *PART_FIELDS)
    }
    figures = Figures(split_unknown=bool(data.get("split_unknown")))
    measure = definition.measure
    if measure == Measure.NUMBER:
        figures.value = amounts["value"]
    elif measure == Measure.PERCENTAGE:
        _percentage(figures, amounts, errors)
    elif measure == Measure.YES_NO:
        figures.yes_no = data.get("yes_no")
        if figures.yes_no not in (True, False):
            errors["yes_no"] = _("Answer yes or no.")
    else:
        figures.text = (data.get("text") or "").strip()
        if not figures.text:
            errors["text"] = _("Describe the result.")
    if definition.disaggregation == Disaggregation.SEX and measure in (
        Measure.NUMBER,
        Measure.PERCENTAGE,
    ):
        _by_sex(figures, amounts, measure, errors)
    else:
        figures.split_unknown = False
    if measure == Measure.NUMBER and figures.value is None and "value" not in errors:
        errors["value"] = _("Enter the value.")
    if errors:
        raise ValidationError(errors)
    return figures


def _percentage(figures: Figures, amounts: dict, errors: dict[str, str]) -> None:
    numerator, denominator = amounts["numerator"], amounts["denominator"]
    if numerator is None and "numerator" not in errors:
        errors["numerator"] = _("Enter the numerator (the part).")
    if denominator is None and "denominator" not in errors:
        errors["denominator"] = _("Enter the denominator (the whole).")
    if numerator is None or denominator is None:
        return
    if denominator == 0:
        errors["denominator"] = _("The denominator must be more than 0.")
        return
    if numerator > denominator:
        errors["numerator"] = _("The numerator cannot be more than the denominator.")
        return
    figures.numerator, figures.denominator = numerator, denominator
    figures.value = (numerator / denominator * HUNDRED).quantize(FOUR_PLACES, ROUND_HALF_UP)


def _by_sex(figures: Figures, amounts: dict, measure: str, errors: dict[str, str]) -> None:
    women, men = amounts["women"], amounts["men"]
    if "women" in errors or "men" in errors:
        return
    total_name = "numerator" if measure == Measure.PERCENTAGE else "value"
    total = figures.numerator if measure == Measure.PERCENTAGE else figures.value
    if figures.split_unknown:
        if women is not None or men is not None:
            errors["split_unknown"] = _(
                "You ticked that the split is not known: leave women and men empty."
            )
        return
    if women is None or men is None:
        missing = _(
            "Enter women and men, or tick that the split is not known this time and "
            "give the total alone."
        )
        for name, amount in (("women", women), ("men", men)):
            if amount is None:
                errors[name] = missing
        return
    if measure == Measure.NUMBER and total is None and total_name not in errors:
        figures.value = total = women + men  # the total follows from its parts
    if total is not None and women + men != total:
        errors[total_name] = _(
            "Women (%(women)s) and men (%(men)s) add up to %(sum)s, not %(total)s."
        ) % {
            "women": input_text(women),
            "men": input_text(men),
            "sum": input_text(women + men),
            "total": input_text(total),
        }
        return
    figures.parts = {"women": women, "men": men}


def input_text(number: Decimal | None) -> str:
    """A figure as a form field takes it back: 12.0000 as 12, 2.5000 as 2.5, no grouping."""
    return "" if number is None else format(number.normalize(), "f")


def figure_text(number: Decimal | None, *, empty: str = "—") -> str:
    """A figure as pages and reports print it, in the reader's language: grouped, with
    two decimals only when it has a fraction (1,200,000 and 12.50 in English); ``empty``
    when there is none. Templates write the same with ``floatformat:"-2g"``."""
    return empty if number is None else str(floatformat(number, "-2g"))
