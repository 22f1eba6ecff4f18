"""Roles held on a whole country: a Programme Officer reads every project of it."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .dated_roles import DatedRole, DatedRoleQuerySet


class CountryRoleKind(models.TextChoices):
    PROGRAMME_OFFICER = "programme_officer", _("Programme Officer")


class CountryRole(DatedRole):
    """Who holds which role on every project of a country, and when (headquarters staff,
    a donor's officer).

    The access policy reads these rows directly (no guardian rows are derived): a
    project's country is the scope, so a project created later in the country is read
    at once. ``ends_on`` is the first day without access, as for ``RoleAssignment``.
    """

    user = models.ForeignKey(
        "governance.User", on_delete=models.CASCADE, related_name="country_roles"
    )
    country = CountryField(_("country"))
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=CountryRoleKind.choices,
        default=CountryRoleKind.PROGRAMME_OFFICER,
    )

    class Meta:
        ordering = ["country", "role", "-starts_on"]
        indexes = [models.Index(fields=["user", "role"])]
        verbose_name = _("country role")
        verbose_name_plural = _("country roles")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.country.name}"

    def clean(self) -> None:
        if errors := self.date_errors():
            raise ValidationError(errors)
        if self.user_id and self.country and self.starts_on and self._overlapping().exists():
            raise ValidationError(
                _("%(user)s already holds this role on %(country)s for these dates.")
                % {"user": self.user, "country": self.country.name}
            )

    def _overlapping(self) -> DatedRoleQuerySet:
        """The user's other rows of this role on this country whose dates meet these."""
        others = (
            CountryRole.objects.filter(user_id=self.user_id, country=self.country, role=self.role)
            .exclude(pk=self.pk)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=self.starts_on))
        )
        if self.ends_on is not None:
            others = others.filter(starts_on__lt=self.ends_on)
        return others


auditlog.register(CountryRole)
