"""Forms of the candidate pages: the mapping record, filters and the import upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.uploads import import_content_validator

from ..models import Cluster, ClusterStatus, Sector
from .fields import CANDIDATE_FIELDS, EMPLOYMENT_FIELDS, ENTERPRISE_FIELDS
from .importing import MAX_BYTES

NUMBER = {"min": 0, "inputmode": "numeric"}


class CandidateForm(forms.ModelForm):
    """Create or edit a cluster's mapping record. On edit, ``updated_at`` carries the
    version the user saw so a stale save is refused."""

    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Cluster
        fields = list(CANDIDATE_FIELDS)
        widgets = {
            "latitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "enterprises_micro": forms.NumberInput(attrs=NUMBER),
            "enterprises_small": forms.NumberInput(attrs=NUMBER),
            "enterprises_medium": forms.NumberInput(attrs=NUMBER),
            "enterprises_large": forms.NumberInput(attrs=NUMBER),
            "employment_women": forms.NumberInput(attrs=NUMBER),
            "employment_men": forms.NumberInput(attrs=NUMBER),
            "women_owned_share": forms.NumberInput(
                attrs={"min": 0, "max": 100, "step": "0.01", "inputmode": "decimal"}
            ),
            "support_institutions": forms.Textarea(attrs={"rows": 3}),
            "information_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    # Fields shown side by side on wide screens (two per line).
    PAIRS = (
        ("latitude", "longitude"),
        ("enterprises_micro", "enterprises_small"),
        ("enterprises_medium", "enterprises_large"),
        ("employment_women", "employment_men"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["information_date"].widget.attrs["max"] = timezone.localdate().isoformat()
        if self.instance.pk and not self.is_bound:
            self.initial["updated_at"] = self.instance.updated_at.isoformat()
        if not self.instance.pk:
            del self.fields["updated_at"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        same = Cluster.objects.filter(project_id=self.instance.project_id, name__iexact=name)
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        if name and same.exists():
            raise forms.ValidationError(
                _("A cluster with this name already exists in the project.")
            )
        return name

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k in CANDIDATE_FIELDS}

    def groups(self) -> list[tuple[str, list[list[forms.BoundField]]]]:
        """The fields in titled groups of lines (one or two fields per line)."""
        paired = {name: pair for pair in self.PAIRS for name in pair}
        sections = [
            (_("Cluster"), ["name", "sector", "main_products"]),
            (_("Location"), ["region", "locality", "latitude", "longitude"]),
            (
                _("Enterprises and employment"),
                [*ENTERPRISE_FIELDS, *EMPLOYMENT_FIELDS, "women_owned_share"],
            ),
            (
                _("Potential and institutions"),
                ["export_orientation", "growth_potential", "support_institutions"],
            ),
            (_("Source"), ["information_source", "information_date"]),
        ]
        result = []
        for title, names in sections:
            lines: list[list[forms.BoundField]] = []
            done: set[str] = set()
            for name in names:
                if name in done or name not in self.fields:
                    continue
                pair = paired.get(name)
                if pair:
                    lines.append([self[n] for n in pair])
                    done.update(pair)
                else:
                    lines.append([self[name]])
                    done.add(name)
            result.append((str(title), lines))
        return result


class CandidateFilterForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ClusterStatus.choices],
    )

    def __init__(self, *args: Any, regions: list[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions"))] + [(r, r) for r in regions]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel (.xlsx) file"),
        help_text=_("At most 5 MB and 5,000 rows. Start from the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        validators=[import_content_validator],
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size).1f MB); the limit is 5 MB.")
                % {"size": upload.size / 1024 / 1024}
            )
        return upload
