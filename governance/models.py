from __future__ import annotations

import datetime
from typing import Any

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase


class User(AbstractUser):
    """A person using ClusterDev. Roles come from RoleAssignment, not from groups."""

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Project Coordinator")
    STEERING = "steering", _("Steering Committee member")
    CDA = "cda", _("Cluster Development Agent")
    COMMISSION = "commission", _("Cluster Commission member")


PROJECT_ROLES = {Role.COORDINATOR, Role.STEERING}
CLUSTER_ROLES = {Role.CDA, Role.COMMISSION}


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> RoleAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gt=on))


class RoleAssignment(models.Model):
    """Who holds which role on which project or cluster, and when.

    This is the truth about access; guardian object permissions are derived from
    it by governance.services.role_permissions_sync.
    ``ends_on`` is the first day without access (ending a role today removes
    access at once).
    """

    access_scope = ("project", "project")

    user = models.ForeignKey(
        "governance.User", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="role_assignments"
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.CASCADE,
        related_name="role_assignments",
        null=True,
        blank=True,
    )
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

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["project_id", "cluster_id", "role", "-starts_on"]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        target = self.cluster or self.project
        return f"{self.user} — {self.get_role_display()} — {target}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.role in CLUSTER_ROLES and not self.cluster_id:
            errors["cluster"] = _("A CDA or Commission role needs a cluster.")
        if self.role in PROJECT_ROLES and self.cluster_id:
            errors["cluster"] = _("Coordinator and Steering Committee roles are held on a project.")
        if self.cluster_id and self.project_id and self.cluster.project_id != self.project_id:
            errors["cluster"] = _("The cluster belongs to another project.")
        if self.ends_on and self.starts_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The end date must be after the start date.")
        if errors:
            raise ValidationError(errors)

    def is_active(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on > on)


class ProjectUserObjectPermission(UserObjectPermissionBase):
    """Direct-foreign-key guardian permissions on projects (derived from roles)."""

    content_object = models.ForeignKey("clusters.Project", on_delete=models.CASCADE)


class ClusterUserObjectPermission(UserObjectPermissionBase):
    """Direct-foreign-key guardian permissions on clusters (derived from roles)."""

    content_object = models.ForeignKey("clusters.Cluster", on_delete=models.CASCADE)


# --- Phase 2: CDA appointments, governance bodies, meetings, decisions, hand-over ---

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "odt", "jpg", "jpeg", "png"]
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def validate_document_size(file: Any) -> None:
    """Attached documents (minutes, terms of reference) are at most 10 MB."""
    size = getattr(file, "size", None)
    if size is not None and size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too big (%(size)s MB); the limit is %(limit)s MB."),
            params={
                "size": f"{size / (1024 * 1024):.1f}",
                "limit": DOCUMENT_MAX_BYTES // (1024 * 1024),
            },
            code="file_too_big",
        )


document_validators = [
    FileExtensionValidator(allowed_extensions=DOCUMENT_EXTENSIONS),
    validate_document_size,
]


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
    terms_file = models.FileField(
        _("terms of reference (file)"),
        upload_to="governance/tor/%Y/%m/",
        blank=True,
        validators=document_validators,
    )
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


class BodyKind(models.TextChoices):
    COMMISSION = "commission", _("Cluster Commission")
    STEERING = "steering", _("Steering Committee")


class Body(models.Model):
    """A Cluster Commission (one per cluster) or a project's Steering Committee."""

    access_scope = ("mixed", "cluster", "project")

    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="governance_bodies"
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="governance_bodies",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project_id", "kind", "cluster_id"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster"],
                condition=Q(kind="commission"),
                name="body_one_commission_per_cluster",
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(kind="steering"),
                name="body_one_steering_committee_per_project",
            ),
            models.CheckConstraint(
                condition=(Q(kind="commission") & Q(cluster__isnull=False))
                | (Q(kind="steering") & Q(cluster__isnull=True)),
                name="body_commission_has_cluster_steering_has_none",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == BodyKind.COMMISSION and self.cluster_id:
            return _("Cluster Commission — %(cluster)s") % {"cluster": self.cluster}
        return _("Steering Committee — %(project)s") % {"project": self.project}

    def clean(self) -> None:
        if self.kind == BodyKind.COMMISSION and not self.cluster_id:
            raise ValidationError({"cluster": _("A Cluster Commission belongs to a cluster.")})
        if self.kind == BodyKind.STEERING and self.cluster_id:
            raise ValidationError({"cluster": _("The Steering Committee is project-wide.")})
        if self.cluster_id and self.project_id and self.cluster.project_id != self.project_id:
            raise ValidationError({"cluster": _("The cluster belongs to another project.")})


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


class Sex(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or not said")


# The same answer for an unknown username and for someone outside the project, so
# the member form cannot be used to probe who has an account.
NO_USER_IN_PROJECT = _("No user with that name in this project.")


class BodyMember(models.Model):
    """A person sitting on a Commission or the Steering Committee. Its user account,
    if any, is someone holding a role in the body's project."""

    access_scope = ("mixed", "body__cluster", "body__project")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    represents = models.CharField(_("organisation or interest group"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    user = models.ForeignKey(
        "governance.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="body_memberships",
        verbose_name=_("user account"),
    )
    starts_on = models.DateField(_("member since"), default=timezone.localdate)
    ends_on = models.DateField(_("member until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["body_id", "role", "name"]
        verbose_name = _("body member")
        verbose_name_plural = _("body members")

    def __str__(self) -> str:
        return self.name

    def is_active(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on > on)

    def clean(self) -> None:
        if self.name is not None and not self.name.strip():
            raise ValidationError({"name": _("Give the member's name.")})
        if self.ends_on and self.starts_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The end date must be after the start date.")})


class Meeting(models.Model):
    """A meeting of a Commission or the Steering Committee, with attendance and minutes."""

    access_scope = ("mixed", "body__cluster", "body__project")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(
        _("minutes (file)"),
        upload_to="governance/minutes/%Y/%m/",
        blank=True,
        validators=document_validators,
    )
    members_present = models.ManyToManyField(
        BodyMember,
        through="governance.Attendance",
        related_name="meetings_attended",
        blank=True,
        verbose_name=_("members present"),
    )
    other_women = models.PositiveIntegerField(_("other participants: women"), default=0)
    other_men = models.PositiveIntegerField(_("other participants: men"), default=0)
    recorded_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["body", "-held_on"])]

    def __str__(self) -> str:
        return f"{self.body} — {self.held_on}"

    def clean(self) -> None:
        held_on = self.held_on
        if isinstance(held_on, datetime.date) and held_on > timezone.localdate():
            raise ValidationError(
                {"held_on": _("A meeting is recorded once held: its date cannot be in the future.")}
            )


class Attendance(models.Model):
    """A body member present at a meeting."""

    access_scope = ("mixed", "meeting__body__cluster", "meeting__body__project")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(BodyMember, on_delete=models.CASCADE, related_name="attendances")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.meeting}"

    def clean(self) -> None:
        if self.meeting_id and self.member_id and self.member.body_id != self.meeting.body_id:
            raise ValidationError({"member": _("This person is not a member of this body.")})


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Decision(models.Model):
    """A decision taken at a meeting, followed up until done or dropped."""

    access_scope = ("mixed", "meeting__body__cluster", "meeting__body__project")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"), max_length=2000)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting_id", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.text[:80]

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.status == DecisionStatus.OPEN and self.due_on is not None and self.due_on < on

    def clean(self) -> None:
        if self.text is not None and not self.text.strip():
            raise ValidationError({"text": _("Write the decision.")})


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


auditlog.register(RoleAssignment)
auditlog.register(CDAAppointment)
auditlog.register(Body)
auditlog.register(BodyMember)
auditlog.register(Meeting)
auditlog.register(Attendance)
auditlog.register(Decision)
auditlog.register(HandOver)
auditlog.register(
    User, include_fields=["username", "first_name", "last_name", "email", "is_active"]
)


class TokenUse(models.Model):
    """When an API token was last used, so an idle token expires
    (``API_TOKEN_IDLE_DAYS``; see ``governance.tokens``). Written at most once per
    ``API_TOKEN_USE_WRITE_SECONDS``, not on every request."""

    token = models.OneToOneField(
        "authtoken.Token", on_delete=models.CASCADE, primary_key=True, related_name="use"
    )
    last_used_at = models.DateTimeField(_("last used"))

    class Meta:
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")

    def __str__(self) -> str:
        return f"{self.token_id[:8]}… {self.last_used_at:%Y-%m-%d %H:%M}"
