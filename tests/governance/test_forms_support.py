"""A service's ValidationError shown on a form: next to its field, or above the form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from governance.forms_support import apply_service_errors


class _Form(forms.Form):
    name = forms.CharField()


def _bound() -> _Form:
    form = _Form({"name": "x"})
    assert form.is_valid()
    return form


def test_a_field_error_goes_next_to_its_field():
    form = _bound()
    apply_service_errors(form, ValidationError({"name": "Taken."}))
    assert form.errors == {"name": ["Taken."]}


def test_an_error_on_an_unknown_field_or_none_goes_above_the_form():
    form = _bound()
    apply_service_errors(
        form, ValidationError({"cluster": "Not selected.", NON_FIELD_ERRORS: "Stale."})
    )
    assert form.non_field_errors() == ["Not selected.", "Stale."]
    form = _bound()
    apply_service_errors(form, ValidationError("Refused."))
    assert form.non_field_errors() == ["Refused."]
