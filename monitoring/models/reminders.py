"""A person's reminder e-mails: whether they want them, in which language, and when the
last ones went out (so a job that runs twice sends nothing twice)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderPreference(models.Model):
    """One row per person, created the first time they save their choice or a reminder
    job looks at them. No row means the defaults: e-mails on, in the site's language.

    Only its owner reads or changes it (the views take ``request.user``), so it has no
    ``access_scope``: it belongs to no project or cluster."""

    user = models.OneToOneField(
        "governance.User", on_delete=models.CASCADE, related_name="reminder_preference"
    )
    emails_enabled = models.BooleanField(_("e-mail me what is due or overdue"), default=True)
    weekly_digest_enabled = models.BooleanField(_("send me the weekly digest"), default=True)
    # Blank: the site's default language.
    language = models.CharField(
        _("language of the e-mails"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    last_sent_at = models.DateTimeField(_("last reminder e-mail"), null=True, blank=True)
    digest_sent_at = models.DateTimeField(_("last weekly digest"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return str(self.user)


auditlog.register(ReminderPreference, include_fields=["emails_enabled", "weekly_digest_enabled"])
