"""Model fields that several monitoring models declare alike."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


def responsible_person_field() -> models.ForeignKey:
    """The optional person responsible for a record (an indicator, a recommendation's
    follow-up); kept empty when the user is deleted."""
    return models.ForeignKey(
        "governance.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
