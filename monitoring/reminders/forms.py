"""The reminder preference form: e-mails on or off, the weekly digest, their language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


class ReminderPreferenceForm(forms.Form):
    emails_enabled = forms.BooleanField(
        required=False, label=_("E-mail me what is due or overdue (at most once a day)")
    )
    weekly_digest_enabled = forms.BooleanField(
        required=False, label=_("Send me a weekly digest of my projects")
    )
    language = forms.ChoiceField(required=False, label=_("Language of the e-mails"))

    def __init__(self, *args: Any, digest: bool = True, **kwargs: Any) -> None:
        """``digest``: offer the weekly digest (to those who coordinate a project)."""
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("The site's language")),
            *((code, get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES),
        ]
        if not digest:
            del self.fields["weekly_digest_enabled"]
