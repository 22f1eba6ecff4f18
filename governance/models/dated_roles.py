"""What every role held for a span of days shares: its dates, who granted it and when."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DatedRoleQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> DatedRoleQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gt=on))


class DatedRole(models.Model):
    """A role held from ``starts_on`` until ``ends_on``, the first day without access
    (ending a role today removes access at once); open-ended without ``ends_on``.

    Abstract: each role keeps its own table (project and cluster roles, country roles)."""

    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("First day without access. Leave empty for an open-ended role."),
    )
    created_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DatedRoleQuerySet.as_manager()

    class Meta:
        abstract = True

    def date_errors(self) -> dict[str, str]:
        """The form errors of the dates alone (for ``clean``)."""
        if self.ends_on and self.starts_on and self.ends_on <= self.starts_on:
            return {"ends_on": _("The end date must be after the start date.")}
        return {}

    def is_active(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on > on)
