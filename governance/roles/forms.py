"""The People page's form: grant a role on the project or one of its clusters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster

from ..models import CLUSTER_ROLES, PROJECT_ROLES, Role
from .person_search import PersonChoiceField, PersonSearchFormMixin


class RoleGrantForm(PersonSearchFormMixin, forms.Form):
    """The People page (coordinators and administrators). The CDA role is not granted
    here: CDAs are appointed on the cluster's Appointments page, which records the
    appointment and gives (and ends) the role with it."""

    user = PersonChoiceField(label=_("Person"))
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
        super().__init__(*args, project=project, actor=actor, **kwargs)
        self.fields["cluster"].queryset = Cluster.objects.filter(project=project).order_by("name")

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
