"""The result statement form (add and edit)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ResultLevel, ResultStatement
from . import selectors

TEXT_FIELDS = ("statement", "assumptions", "risks")
PARENT_LEVELS = (ResultLevel.IMPACT, ResultLevel.OUTCOME)


class ResultStatementForm(forms.ModelForm):
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ResultStatement
        fields = ["level", "parent", "statement", "assumptions", "risks"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2}),
            "assumptions": forms.Textarea(attrs={"rows": 2}),
            "risks": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "parent": _("An outcome contributes to the impact; an output to an outcome."),
            "assumptions": _("What must hold outside the project for this result to follow."),
            "risks": _("What could stop it."),
        }

    def __init__(self, *args, project, cluster=None, level=None, parent=None, **kwargs):
        kwargs.setdefault("instance", ResultStatement(project=project, cluster=cluster))
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        level = self.instance.level if editing else level
        if editing:
            # The level stays: the statements below it depend on it.
            self.fields["level"].disabled = True
            self.fields["level"].required = False
            self.initial["updated_at"] = self.instance.updated_at.isoformat()
        elif level in ResultLevel.values:
            self.initial["level"] = level
        if parent is not None:
            self.initial["parent"] = parent
        if editing:
            choices = selectors.parent_choices(project=project, cluster=cluster, level=level)
        else:  # the model's clean() says when the level and the parent do not match
            choices = ResultStatement.objects.filter(
                project=project, cluster=cluster, level__in=PARENT_LEVELS
            ).order_by("level", "position", "pk")
        self.fields["parent"].queryset = choices
        self.fields["parent"].empty_label = _("— nothing (the impact) —")

    def service_data(self) -> dict:
        data = {key: self.cleaned_data.get(key) for key in (*TEXT_FIELDS, "parent")}
        if self.instance.pk is None:
            data["level"] = self.cleaned_data["level"]
        return data
