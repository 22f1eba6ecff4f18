from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.forms_support import COUNT, DATE, StampedForm
from governance.idempotency import ClientIdForm

from .models import FieldActivity
from .services import ACTIVITY_FIELDS


class _ActivityFields(forms.ModelForm):
    class Meta:
        model = FieldActivity
        fields = ACTIVITY_FIELDS
        widgets = {
            "occurred_on": forms.DateInput(attrs=DATE),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "women": forms.NumberInput(attrs=COUNT),
            "men": forms.NumberInput(attrs=COUNT),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class FieldActivityForm(ClientIdForm, _ActivityFields):
    """Logging an entry: its client id makes a repeated submission harmless."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("occurred_on", timezone.localdate())


class FieldActivityEditForm(StampedForm, _ActivityFields):
    """Correcting an entry; refused when somebody changed it meanwhile."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["updated_at"] = self.instance.updated_at.isoformat()

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class WithdrawForm(StampedForm):
    withdraw_reason = forms.CharField(
        label=_("Why is this entry withdrawn?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: logged twice, or the activity did not take place."),
    )

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["updated_at"] = activity.updated_at.isoformat()
