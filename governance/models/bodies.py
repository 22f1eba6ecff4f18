"""Cluster Commissions and Steering Committees: members, meetings, attendance, decisions."""

from __future__ import annotations

import datetime

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .documents import document_file_field


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
    minutes_file = document_file_field(_("minutes (file)"), "governance/minutes/%Y/%m/")
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


auditlog.register(Body)
auditlog.register(BodyMember)
auditlog.register(Meeting)
auditlog.register(Attendance)
auditlog.register(Decision)
