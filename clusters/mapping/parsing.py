"""Reading one cell of an import file: each parser returns a typed value or raises
ValidationError with a message for the preview."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import ExportOrientation, GrowthPotential, Sector

# Text a spreadsheet would run as a formula starts with one of these.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_text(value: Any) -> str:
    text = display(value).strip()
    # Undo the quote our exports put before formula-like text.
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValidationError(_("Enter a whole number."))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValidationError(_("Enter a whole number."))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    try:
        return int(text)
    except ValueError:
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is not None and number == number.to_integral_value():
            return int(number)
        raise ValidationError(
            _("Enter a whole number (got “%(value)s”).") % {"value": text[:40]}
        ) from None


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError(_("Enter a number."))
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # decimal comma
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                _("Enter a number (got “%(value)s”).") % {"value": text[:40]}
            ) from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number."))
    return number


def parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("Enter a date as YYYY-MM-DD (got “%(value)s”).") % {"value": text[:40]})


def _choice_parser(choices: type, what: Any) -> Any:
    def parse(value: Any) -> Any:
        text = parse_text(value).casefold()
        for code, label in choices.choices:
            if text in (str(code).casefold(), str(label).casefold()):
                return code
        raise ValidationError(
            _("Unknown %(what)s “%(value)s”. Use one of: %(allowed)s.")
            % {
                "what": what,
                "value": parse_text(value)[:60],
                "allowed": ", ".join(str(c) for c in choices.values),
            }
        )

    return parse


def parse_growth(value: Any) -> int:
    try:
        number = parse_int(value)
    except ValidationError:
        return _choice_parser(GrowthPotential, gettext_lazy("growth potential"))(value)
    if number not in GrowthPotential.values:
        raise ValidationError(_("Growth potential must be a whole number from 1 to 5."))
    return number


PARSERS = {
    "text": parse_text,
    "int": parse_int,
    "decimal": parse_decimal,
    "date": parse_date,
    "sector": _choice_parser(Sector, gettext_lazy("sector")),
    "export": _choice_parser(ExportOrientation, gettext_lazy("export orientation")),
    "growth": parse_growth,
}
