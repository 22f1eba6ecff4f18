"""Forms of the evaluation pages: the evaluation with its five criteria on one page, the
report file, a point, and a recommendation's management response and follow-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster
from governance.access import Action, visible
from governance.forms_support import DATE, StampedForm
from governance.models import User
from governance.uploads import DOCUMENT_UPLOAD_VALIDATORS

from ..models import DAC_CRITERIA, Criterion, Evaluation, EvaluationPoint, Rating
from .services import RECOMMENDATION_FIELDS

FILE_HELP = _("PDF, Word, ODT, JPG or PNG; at most 10 MB.")


class _Stamped:
    """Puts the record's ``updated_at`` in the hidden field, so a stale edit is refused."""

    def stamp(self: Any) -> None:
        if self.instance.pk:
            self.initial["updated_at"] = self.instance.updated_at.isoformat()


class EvaluationForm(_Stamped, forms.ModelForm):
    """The evaluation and, for each OECD-DAC criterion, a rating and a narrative
    (fields ``rating_<criterion>`` and ``narrative_<criterion>``)."""

    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Evaluation
        fields = ["kind", "title", "cluster", "evaluator", "completed_on", "summary"]
        widgets = {
            "completed_on": forms.DateInput(attrs=DATE),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, actor: Any, project: Any, **kwargs: Any) -> None:
        kwargs.setdefault("instance", Evaluation(project=project))
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = visible(
            actor, Cluster.objects.filter(project=project).order_by("name"), Action.MANAGE
        )
        self.fields["cluster"].empty_label = _("The whole project")
        current = {r.criterion: r for r in self.instance.ratings.all()} if self.instance.pk else {}
        for criterion in DAC_CRITERIA:
            self.fields[f"rating_{criterion}"] = forms.TypedChoiceField(
                label=_("Rating"),
                choices=[("", _("Not rated yet")), *Rating.choices],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"narrative_{criterion}"] = forms.CharField(
                label=_("Narrative"),
                max_length=8000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            if criterion in current:
                self.initial[f"rating_{criterion}"] = current[criterion].rating
                self.initial[f"narrative_{criterion}"] = current[criterion].narrative
        self.stamp()

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def criteria(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """(criterion's name, rating field, narrative field), in the OECD-DAC order."""
        return [
            (Criterion(c).label, self[f"rating_{c}"], self[f"narrative_{c}"]) for c in DAC_CRITERIA
        ]

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["ratings"] = [
            {
                "criterion": c,
                "rating": self.cleaned_data.get(f"rating_{c}"),
                "narrative": self.cleaned_data.get(f"narrative_{c}") or "",
            }
            for c in DAC_CRITERIA
        ]
        return data


class ReportFileForm(StampedForm):
    report_file = forms.FileField(
        label=_("Evaluation report"), validators=DOCUMENT_UPLOAD_VALIDATORS, help_text=FILE_HELP
    )


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        full = obj.get_full_name()
        return f"{full} ({obj.username})" if full else obj.username


class _PointForm(_Stamped, forms.ModelForm):
    """A point's form; ``responsible`` offers the people the actor may see (and the one
    already named, even if their role has ended)."""

    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "responsible" in self.fields:
            people = visible(actor, User.objects.filter(is_active=True), Action.VIEW)
            current = self.instance.responsible_id
            self.fields["responsible"] = _PersonChoice(
                label=_("Responsible person"),
                help_text=self.fields["responsible"].help_text,
                queryset=User.objects.filter(
                    Q(pk__in=people.values("pk")) | Q(pk=current)
                ).order_by("first_name", "last_name", "username"),
                required=False,
                empty_label=_("Nobody yet"),
            )
        self.stamp()

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class PointForm(_PointForm):
    class Meta:
        model = EvaluationPoint
        fields = ["kind", "text", "responsible", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_on": forms.DateInput(attrs=DATE)}
        help_texts = {
            "responsible": _("For a recommendation only."),
            "due_on": _("For a recommendation only."),
        }


class ResponseForm(_PointForm):
    """Management's response to a recommendation and its follow-up."""

    class Meta:
        model = EvaluationPoint
        fields = list(RECOMMENDATION_FIELDS)
        widgets = {
            "response_note": forms.Textarea(attrs={"rows": 3}),
            "follow_up_note": forms.Textarea(attrs={"rows": 3}),
            "due_on": forms.DateInput(attrs=DATE),
        }
