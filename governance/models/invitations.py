"""Invitations: a coordinator brings a person into a project with a role, and the person
sets a password from a link sent by e-mail."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


class InvitationStatus(models.TextChoices):
    WAITING = "waiting", _("waiting for a password")
    EXPIRED = "expired", _("link expired")
    ACCEPTED = "accepted", _("password set")
    NOTIFIED = "notified", _("existing account, told by e-mail")


class Invitation(models.Model):
    """One invitation of a person to a role.

    The link carries a signed (invitation id, ``nonce``) pair (``governance.invitations
    .tokens``): sending it again draws a new nonce, so only the latest link works, and
    ``expires_at`` ends it. A person who already had a password is only told by e-mail
    (``sets_password`` False): there is nothing to accept."""

    access_scope = ("project", "project")

    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="invitations"
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    user = models.ForeignKey(
        "governance.User", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    role_assignment = models.ForeignKey(
        "governance.RoleAssignment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sets_password = models.BooleanField(default=True)
    nonce = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("link valid until"))
    accepted_at = models.DateTimeField(_("password set"), null=True, blank=True)
    invited_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} — {self.get_role_display()}"

    @property
    def status(self) -> str:
        if not self.sets_password:
            return InvitationStatus.NOTIFIED
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.WAITING

    def get_status_display(self) -> str:
        return str(InvitationStatus(self.status).label)

    @property
    def may_resend(self) -> bool:
        return self.sets_password and self.accepted_at is None


# The nonce is what makes a link work: it stays out of the audit trail.
auditlog.register(Invitation, exclude_fields=["nonce"])
