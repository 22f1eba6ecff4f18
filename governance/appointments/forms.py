"""Forms of the appointments and hand-over pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..forms_support import DATE
from ..models import AppointmentKind, HandOver
from ..roles.person_search import PersonChoiceField, PersonSearchFormMixin
from ..uploads import DOCUMENT_UPLOAD_VALIDATORS


class AppointmentForm(PersonSearchFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Appointed as"), choices=AppointmentKind.choices)
    user = PersonChoiceField(
        label=_("CDA"),
        required=False,
        help_text=_("Needed for a CDA; optional for an organisation (a person acting for it)."),
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Needed for a Cluster Management Organisation."),
    )
    starts_on = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs=DATE))
    ends_on = forms.DateField(
        label=_("End date"),
        required=False,
        widget=forms.DateInput(attrs=DATE),
        help_text=_("First day without the appointment. Leave empty if open-ended."),
    )
    terms_of_reference = forms.CharField(
        label=_("Terms of reference"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    terms_file = forms.FileField(
        label=_("Terms of reference (file)"),
        required=False,
        validators=DOCUMENT_UPLOAD_VALIDATORS,
        help_text=_("PDF, Word, ODT, JPG or PNG; at most 10 MB."),
    )

    def __init__(self, *args, actor, project, **kwargs):
        super().__init__(*args, actor=actor, project=project, **kwargs)
        self.initial.setdefault("starts_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needs_user = kind in (AppointmentKind.LEAD, AppointmentKind.TEAM_MEMBER)
        if needs_user and not data.get("user") and "user" not in self.errors:
            self.add_error("user", _("Search for the CDA and choose them in the results."))
        if kind == AppointmentKind.CMO and not (data.get("organisation_name") or "").strip():
            self.add_error("organisation_name", _("Give the organisation's name."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The end date must be after the start date."))
        return data


class HandOverForm(forms.ModelForm):
    class Meta:
        model = HandOver
        fields = [
            "recipient_name",
            "recipient_kind",
            "handed_over_on",
            "cda_withdrawal_on",
            "notes",
        ]
        widgets = {
            "handed_over_on": forms.DateInput(attrs=DATE),
            "cda_withdrawal_on": forms.DateInput(attrs=DATE),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
