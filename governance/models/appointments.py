"""CDA appointments and the hand-over of a cluster."""

from __future__ import annotations

import datetime
from typing import Any

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .documents import document_file_field


class AppointmentKind(models.TextChoices):
    LEAD = "lead", _("Lead CDA")
    TEAM_MEMBER = "team_member", _("CDA team member")
    CMO = "cmo", _("Cluster Management Organisation")


class CDAAppointment(models.Model):
    """A CDA (lead or team member) or a Cluster Management Organisation appointed to a
    selected cluster. An appointment with a user account holds the CDA role assignment
    that gives the access; ending the appointment ends the role."""

    access_scope = ("cluster", "cluster")

    cluster = models.ForeignKey(
        "clusters.Cluster", on_delete=models.CASCADE, related_name="cda_appointments"
    )
    kind = models.CharField(_("appointed as"), max_length=20, choices=AppointmentKind.choices)
    user = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cda_appointments",
        verbose_name=_("user account"),
    )
    organisation_name = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Needed for a Cluster Management Organisation."),
    )
    starts_on = models.DateField(_("start date"), default=timezone.localdate)
    ends_on = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("First day without the appointment.")
    )
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    terms_file = document_file_field(_("terms of reference (file)"), "governance/tor/%Y/%m/")
    role_assignment = models.OneToOneField(
        "governance.RoleAssignment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment",
    )
    created_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cluster_id", "ends_on", "kind", "-starts_on"]
        verbose_name = _("CDA appointment")
        verbose_name_plural = _("CDA appointments")

    def __str__(self) -> str:
        who = self.organisation_name or (str(self.user) if self.user_id else "?")
        return f"{who} — {self.get_kind_display()}"

    @property
    def display_name(self) -> str:
        if self.kind == AppointmentKind.CMO:
            return self.organisation_name
        return str(self.user) if self.user_id else self.organisation_name

    def is_active(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on > on)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind == AppointmentKind.CMO and not self.organisation_name.strip():
            errors["organisation_name"] = _("Give the organisation's name.")
        if self.kind in (AppointmentKind.LEAD, AppointmentKind.TEAM_MEMBER) and not self.user_id:
            errors["user"] = _("Choose the CDA's user account.")
        if self.ends_on and self.starts_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The end date must be after the start date.")
        if errors:
            raise ValidationError(errors)


class HandOverRecipientKind(models.TextChoices):
    LOCAL_INSTITUTION = "local_institution", _("Local institution")
    CMO = "cmo", _("Cluster Management Organisation")
    BUSINESS_ASSOCIATION = "business_association", _("Business association")
    PUBLIC_AUTHORITY = "public_authority", _("Public authority")
    OTHER = "other", _("Other")


class HandOver(models.Model):
    """The transfer of facilitation to a local institution; the CDA withdraws."""

    access_scope = ("cluster", "cluster")

    cluster = models.OneToOneField(
        "clusters.Cluster", on_delete=models.CASCADE, related_name="hand_over"
    )
    recipient_name = models.CharField(_("handed over to"), max_length=200)
    recipient_kind = models.CharField(
        _("kind of organisation"), max_length=30, choices=HandOverRecipientKind.choices
    )
    handed_over_on = models.DateField(_("hand-over date"))
    cda_withdrawal_on = models.DateField(
        _("CDA withdrawal date"), help_text=_("First day without the CDA's appointment.")
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")

    def __str__(self) -> str:
        return f"{self.cluster} → {self.recipient_name}"

    def clean(self) -> None:
        if self.recipient_name is not None and not self.recipient_name.strip():
            raise ValidationError({"recipient_name": _("Name the organisation taking over.")})
        if (
            self.cda_withdrawal_on
            and self.handed_over_on
            and self.cda_withdrawal_on < self.handed_over_on
        ):
            raise ValidationError(
                {"cda_withdrawal_on": _("The CDA withdraws on or after the hand-over date.")}
            )


auditlog.register(CDAAppointment)
auditlog.register(HandOver)
