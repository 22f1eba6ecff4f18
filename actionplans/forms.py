from django import forms
from django.utils import timezone

from .models import FieldActivity


class FieldActivityForm(forms.ModelForm):
    class Meta:
        model = FieldActivity
        fields = ["occurred_on", "kind", "location", "summary", "women", "men"]
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "women": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "men": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.is_bound:
            self.initial.setdefault("occurred_on", timezone.localdate())
