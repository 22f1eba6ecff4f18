"""The "Invite a person" form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster

from ..forms_support import DATE
from ..models import CLUSTER_ROLES, AppointmentKind, Role
from ..roles.forms import RoleGrantForm

# What the coordinator picks, and the role (and CDA appointment) it gives. A CDA gets the
# role through an appointment to a selected cluster, as on the Appointments page.
INVITED_AS = {
    "coordinator": (Role.COORDINATOR, None),
    "steering": (Role.STEERING, None),
    "commission": (Role.COMMISSION, None),
    "cda_lead": (Role.CDA, AppointmentKind.LEAD),
    "cda_team_member": (Role.CDA, AppointmentKind.TEAM_MEMBER),
}


class InvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_(
            "The link to choose a password goes here. A person who already has an account "
            "with this e-mail keeps it and is given the role."
        ),
    )
    invited_as = forms.ChoiceField(
        label=_("Role"),
        choices=[
            ("coordinator", Role.COORDINATOR.label),
            ("steering", Role.STEERING.label),
            ("commission", Role.COMMISSION.label),
            ("cda_lead", _("Lead CDA (appointed to a selected cluster)")),
            ("cda_team_member", _("CDA team member (appointed to a selected cluster)")),
        ],
    )
    # The People page's cluster field (each form gets its own copy; __init__ scopes it).
    cluster = RoleGrantForm.base_fields["cluster"]
    starts_on = forms.DateField(
        label=_("Starts on"),
        required=False,
        widget=forms.DateInput(attrs=DATE),
        help_text=_("Leave empty to start today."),
    )

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = Cluster.objects.filter(project=project).order_by("name")

    def clean(self) -> dict:
        data = super().clean()
        role, _kind = INVITED_AS.get(data.get("invited_as"), (None, None))
        cluster = data.get("cluster")
        if role in CLUSTER_ROLES and not cluster and "cluster" not in self.errors:
            self.add_error("cluster", _("Choose the cluster for a CDA or Commission role."))
        if role is not None and role not in CLUSTER_ROLES and cluster:
            self.add_error("cluster", _("Coordinator and Steering roles are held on the project."))
        return data

    def service_data(self) -> dict:
        """The cleaned data as ``invitation_create`` names it."""
        data = dict(self.cleaned_data)
        data["role"], data["appointment_kind"] = INVITED_AS[data.pop("invited_as")]
        return data
