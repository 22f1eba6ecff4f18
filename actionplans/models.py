from __future__ import annotations

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Firm or institution visit")
    MEETING = "meeting", _("Meeting")
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    EXPOSURE_VISIT = "exposure_visit", _("Exposure visit")
    B2B = "b2b", _("B2B meeting")
    OTHER = "other", _("Other")


MAX_PARTICIPANTS = 10_000


class FieldActivityQuerySet(models.QuerySet):
    def counted(self) -> FieldActivityQuerySet:
        """The entries that count in totals: a withdrawn entry stays in the history only."""
        return self.filter(withdrawn_at__isnull=True)


class FieldActivity(models.Model):
    """One entry of the CDA's field log (phase 5): what happened, where, with whom."""

    access_scope = ("cluster", "cluster")

    cluster = models.ForeignKey(
        "clusters.Cluster", on_delete=models.CASCADE, related_name="field_activities"
    )
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    location = models.CharField(_("location"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=4000)
    # A bound catches typos (an extra zero or two) before they distort every total.
    women = models.PositiveIntegerField(
        _("women participants"), default=0, validators=[MaxValueValidator(MAX_PARTICIPANTS)]
    )
    men = models.PositiveIntegerField(
        _("men participants"), default=0, validators=[MaxValueValidator(MAX_PARTICIPANTS)]
    )
    recorded_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Withdrawn, not deleted: the entry leaves every total but stays in the history.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdraw_reason = models.TextField(_("reason for withdrawing"), max_length=1000, blank=True)

    objects = FieldActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("field activity")
        verbose_name_plural = _("field activities")
        # Both match the lists' order (newest first, id breaking ties): the cluster's
        # page, and the API's cursor pages across the clusters a user may see.
        indexes = [
            models.Index(fields=["cluster", "-occurred_on", "-id"], name="activity_cluster_recent"),
            models.Index(fields=["-occurred_on", "-id"], name="activity_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.occurred_on}"

    @property
    def participants(self) -> int:
        return self.women + self.men

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def clean(self) -> None:
        if self.occurred_on and self.occurred_on > timezone.localdate():
            raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
        project_start = self.cluster.project.starts_on if self.cluster_id else None
        if self.occurred_on and project_start and self.occurred_on < project_start:
            raise ValidationError(
                {
                    "occurred_on": _("The project started on %(date)s; pick a date since then.")
                    % {"date": date_format(project_start)}
                }
            )
        if self.summary is not None and not self.summary.strip():
            raise ValidationError({"summary": _("Say briefly what happened.")})


auditlog.register(FieldActivity)
