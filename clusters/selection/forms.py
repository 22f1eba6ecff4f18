"""Forms of the selection pages: a criterion and a selection decision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Cluster, ClusterStatus, Criterion, SelectionDecision


class CriterionForm(forms.ModelForm):
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Criterion
        fields = ["name", "kind", "source", "direction", "weight", "order", "description"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "weight": forms.NumberInput(attrs={"min": 0, "step": "0.1", "inputmode": "decimal"}),
            "order": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["updated_at"] = self.instance.updated_at.isoformat()

    def service_data(self) -> dict:
        """The criterion's fields as the services take them (the stamp goes apart)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "updated_at"}


class ClusterCheckboxes(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_status_display()})"


class SelectionDecisionForm(forms.Form):
    decided_on = forms.DateField(
        label=_("Date of the decision"), widget=forms.DateInput(attrs={"type": "date"})
    )
    meeting = forms.ModelChoiceField(
        label=_("Steering Committee meeting"),
        queryset=None,
        required=False,
        help_text=_("The meeting where the decision was taken, if it is on record."),
    )
    selected = ClusterCheckboxes(label=_("Selected clusters"), queryset=None, required=False)
    rejected = ClusterCheckboxes(label=_("Not selected"), queryset=None, required=False)
    rationale = forms.CharField(
        label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
    supersedes = forms.ModelChoiceField(
        label=_("Supersedes"),
        queryset=None,
        required=False,
        help_text=_("The earlier decision this one replaces (it stays on record)."),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        from governance.models import Meeting

        clusters = (
            Cluster.objects.filter(project=project)
            .exclude(status=ClusterStatus.PHASED_OUT)
            .order_by("name")
        )
        self.fields["selected"].queryset = clusters
        self.fields["rejected"].queryset = clusters
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(body__project=project, body__kind="steering")
            .select_related("body__project")
            .order_by("-held_on")
        )
        open_decisions = SelectionDecision.objects.filter(
            project=project, superseded_by__isnull=True
        ).order_by("-decided_on", "-pk")
        self.fields["supersedes"].queryset = open_decisions
        self.fields["decided_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.is_bound:
            self.initial.setdefault("decided_on", timezone.localdate())
            latest = open_decisions.first()
            if latest is not None:
                self.initial.setdefault("supersedes", latest.pk)
