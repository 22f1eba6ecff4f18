"""Forms of the Commission and Steering Committee pages: members, meetings, decisions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..forms_support import COUNT, DATE, StampedForm
from ..models import (
    DOCUMENT_EXTENSIONS,
    NO_USER_IN_PROJECT,
    BodyMember,
    Decision,
    DecisionStatus,
    Meeting,
)
from ..roles import selectors
from ..uploads import FileContentValidator


class BodyMemberForm(forms.ModelForm):
    username = forms.CharField(
        label=_("User account (optional)"),
        max_length=150,
        required=False,
        help_text=_("The username of someone holding a role in this project, if the member is."),
    )
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = BodyMember
        fields = ["name", "represents", "role", "sex", "starts_on", "ends_on"]
        widgets = {"starts_on": forms.DateInput(attrs=DATE), "ends_on": forms.DateInput(attrs=DATE)}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["starts_on"].required = False
        self.fields["starts_on"].help_text = _("Leave empty for today.")
        if self.instance.pk:
            if self.instance.user_id:
                self.initial.setdefault("username", self.instance.user.username)
            self.initial["updated_at"] = self.instance.updated_at.isoformat()

    def clean_username(self):
        value = (self.cleaned_data.get("username") or "").strip()
        if not value:
            return None
        current = self.instance.user if self.instance.pk and self.instance.user_id else None
        if current is not None and current.username.lower() == value.lower():
            return current  # an unchanged link stays, even if their role has ended
        user = selectors.project_user_by_username(project=self.body.project, username=value)
        if user is None:
            raise forms.ValidationError(NO_USER_IN_PROJECT)
        return user

    def service_data(self) -> dict:
        data = {k: self.cleaned_data.get(k) for k in self.Meta.fields}
        data["starts_on"] = data["starts_on"] or self.instance.starts_on or timezone.localdate()
        data["user"] = self.cleaned_data.get("username")
        return data


class MeetingForm(forms.ModelForm):
    members_present = forms.ModelMultipleChoiceField(
        label=_("Members present"),
        queryset=BodyMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = [
            "held_on",
            "place",
            "agenda",
            "minutes",
            "minutes_file",
            "other_women",
            "other_men",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs=DATE),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "other_women": forms.NumberInput(attrs=COUNT),
            "other_men": forms.NumberInput(attrs=COUNT),
        }
        help_texts = {"minutes_file": _("PDF, Word, ODT, JPG or PNG; at most 10 MB.")}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        # The model checks extension and size; the upload's content is checked here.
        self.fields["minutes_file"].validators.append(FileContentValidator(DOCUMENT_EXTENSIONS))
        self.fields["members_present"].queryset = (
            body.members.order_by("name") if body.pk else BodyMember.objects.none()
        )
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if self.instance.pk:
            self.initial["updated_at"] = self.instance.updated_at.isoformat()
            self.initial.setdefault(
                "members_present",
                list(self.instance.attendances.values_list("member_id", flat=True)),
            )
        else:
            self.initial.setdefault("held_on", timezone.localdate())

    def service_data(self) -> dict:
        data = {k: self.cleaned_data.get(k) for k in self.Meta.fields if k != "minutes_file"}
        data["members_present"] = list(self.cleaned_data.get("members_present") or [])
        return data


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "responsible", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due_on": forms.DateInput(attrs=DATE)}


class DecisionStatusForm(StampedForm):
    status = forms.ChoiceField(label=_("Status"), choices=DecisionStatus.choices)
