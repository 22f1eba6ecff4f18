"""A service's ValidationError shown on a form: next to its field, or above the form; and
the select written for hundreds of options."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from governance.forms_support import LongSelect, apply_service_errors


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


@pytest.mark.parametrize("value", ["", "3", None])
def test_a_long_select_writes_what_djangos_select_writes_escaped(value):
    choices = [("", "All clusters")] + [(i, f'Tannery <b>{i}</b> & "co"') for i in range(5)]
    attrs = {"id": "id_cluster", "aria-describedby": "id_cluster_helptext"}
    ours = LongSelect(choices=choices).render("cluster", value, attrs)
    django = forms.Select(choices=choices).render("cluster", value, attrs)

    def options(html):
        return re.findall(r"<option[^>]*>[^<]*</option>", html)

    assert options(ours) == options(django)
    assert "<b>" not in ours and "&lt;b&gt;" in ours
    assert ours.startswith('<select name="cluster"') and 'id="id_cluster"' in ours
    assert ("selected>Tannery &lt;b&gt;3" in ours) == (value == "3")
