from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster

from . import selectors
from .access import Action, visible
from .models import (
    CLUSTER_ROLES,
    DOCUMENT_EXTENSIONS,
    NO_USER_IN_PROJECT,
    PROJECT_ROLES,
    AppointmentKind,
    BodyMember,
    Decision,
    DecisionStatus,
    HandOver,
    Meeting,
    Role,
    User,
)
from .uploads import DOCUMENT_UPLOAD_VALIDATORS, FileContentValidator


class RoleGrantForm(forms.Form):
    """The People page (coordinators and administrators). The CDA role is not granted
    here: CDAs are appointed on the cluster's Appointments page, which records the
    appointment and gives (and ends) the role with it."""

    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(value, label) for value, label in Role.choices if value != Role.CDA],
        help_text=_(
            "CDAs are not granted here: appoint them on the cluster's Appointments page "
            "(selected clusters only)."
        ),
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.none(),
        required=False,
        help_text=_("Needed for CDA and Commission roles."),
    )
    starts_on = forms.DateField(
        label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("First day without access. Leave empty for an open-ended role."),
    )

    def __init__(self, *args, project, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["cluster"].queryset = Cluster.objects.filter(project=project).order_by("name")

    def clean_username(self):
        return _user_by_username(self.cleaned_data["username"], actor=self.actor)

    def clean(self):
        data = super().clean()
        role, cluster = data.get("role"), data.get("cluster")
        if role in CLUSTER_ROLES and not cluster:
            self.add_error("cluster", _("Choose the cluster for a CDA or Commission role."))
        if role in PROJECT_ROLES and cluster:
            self.add_error("cluster", _("Coordinator and Steering roles are held on the project."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The end date must be after the start date."))
        return data


# --- Phase 2 -----------------------------------------------------------------------

DATE = {"type": "date"}
COUNT = {"min": 0, "inputmode": "numeric"}


def _user_by_username(value: str, *, actor) -> User | None:
    """The active account with this username among the people within the actor's reach
    (the access policy decides); anyone else answers exactly as an unknown username."""
    value = (value or "").strip()
    if not value:
        return None
    reachable = visible(actor, User.objects.filter(is_active=True), Action.MANAGE)
    user = reachable.filter(username__iexact=value).first()
    if user is None:
        raise forms.ValidationError(_("No active user has this username."))
    return user


class StampedForm(forms.Form):
    """Carries the record's ``updated_at`` so a stale edit can be refused."""

    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)


class AppointmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Appointed as"), choices=AppointmentKind.choices)
    username = forms.CharField(
        label=_("CDA's username"),
        max_length=150,
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

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.initial.setdefault("starts_on", timezone.localdate())

    def clean_username(self):
        return _user_by_username(self.cleaned_data.get("username", ""), actor=self.actor)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needs_user = kind in (AppointmentKind.LEAD, AppointmentKind.TEAM_MEMBER)
        if needs_user and not data.get("username") and "username" not in self.errors:
            self.add_error("username", _("Give the CDA's username."))
        if kind == AppointmentKind.CMO and not (data.get("organisation_name") or "").strip():
            self.add_error("organisation_name", _("Give the organisation's name."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The end date must be after the start date."))
        return data


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
