"""Forms of the cluster pages: a move to another phase."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Phase


class PhaseMoveForm(forms.Form):
    to_phase = forms.TypedChoiceField(label=_("Move to"), choices=Phase.choices, coerce=int)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    expected_phase = forms.IntegerField(widget=forms.HiddenInput, required=False)
