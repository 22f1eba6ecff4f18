from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.uploads import DOCUMENT_UPLOAD_VALIDATORS

from .indicators import AMOUNT, Disaggregation, Indicator


class ValueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")
    # An approved value replaced by the approval of its correction.
    SUPERSEDED = "superseded", _("Replaced by a correction")


# A value still being worked on: at most one per indicator and period.
PENDING_STATUSES = (ValueStatus.DRAFT, ValueStatus.SUBMITTED, ValueStatus.RETURNED)


class IndicatorValue(models.Model):
    """What a cluster reports for one indicator and one period.

    An approved value counts until its correction (a new row, ``corrects`` pointing
    at it) is approved; then the old one becomes superseded. So an indicator and
    period hold at most one approved value and at most one pending one.
    Disaggregated parts are ``IndicatorValueBreakdown`` rows whose sum is the total."""

    access_scope = ("mixed", "indicator__cluster", "indicator__project")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=ValueStatus.choices, default=ValueStatus.DRAFT
    )
    # The total: the number, or for a percentage numerator / denominator × 100.
    value = models.DecimalField(_("value"), null=True, blank=True, **AMOUNT)
    numerator = models.DecimalField(_("numerator"), null=True, blank=True, **AMOUNT)
    denominator = models.DecimalField(_("denominator"), null=True, blank=True, **AMOUNT)
    yes_no = models.BooleanField(_("yes or no"), null=True, blank=True)
    text = models.TextField(_("qualitative value"), max_length=4000, blank=True)
    # The split is not known this time: the total stands alone, and says so.
    split_unknown = models.BooleanField(_("split not known"), default=False)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    return_reason = models.TextField(_("reason for returning"), max_length=2000, blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    entered_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The coordinator approved a value they entered or submitted themselves.
    self_approved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator_id", "period_start", "pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                condition=Q(status="approved"),
                name="indicator_value_one_approved_per_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="indicator_value_one_pending_per_period",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "indicator"]),
            models.Index(fields=["indicator", "period_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_start}: {self.value} ({self.get_status_display()})"


class IndicatorValueBreakdown(models.Model):
    """One part of a disaggregated value (women, men; later age groups, firm sizes)."""

    access_scope = (
        "mixed",
        "indicator_value__indicator__cluster",
        "indicator_value__indicator__project",
    )

    indicator_value = models.ForeignKey(
        IndicatorValue, on_delete=models.CASCADE, related_name="breakdown"
    )
    dimension = models.CharField(_("dimension"), max_length=12, choices=Disaggregation.choices)
    category = models.CharField(_("category"), max_length=20)
    value = models.DecimalField(_("value"), null=True, blank=True, **AMOUNT)
    numerator = models.DecimalField(_("numerator"), null=True, blank=True, **AMOUNT)
    denominator = models.DecimalField(_("denominator"), null=True, blank=True, **AMOUNT)

    class Meta:
        ordering = ["indicator_value_id", "dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_value", "dimension", "category"],
                name="indicator_value_breakdown_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.value}"


class IndicatorValueEvidence(models.Model):
    """A file that backs a value (attendance sheet, invoice, certificate)."""

    access_scope = (
        "mixed",
        "indicator_value__indicator__cluster",
        "indicator_value__indicator__project",
    )

    indicator_value = models.ForeignKey(
        IndicatorValue, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(
        _("evidence"), upload_to="monitoring/evidence/%Y/%m/", validators=DOCUMENT_UPLOAD_VALIDATORS
    )
    uploaded_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_value_id", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class PeriodLock(models.Model):
    """A coordinator's explicit word on a period of a project: locked, or reopened.

    Without one, a period locks by itself ``lock_after_days`` after it ends
    (``MonitoringSettings``). The latest row for a period wins; rows are never
    edited, so the history of locks and unlocks stays."""

    access_scope = ("project", "project")

    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="period_locks"
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    locked = models.BooleanField(_("locked"))
    reason = models.TextField(_("reason"), max_length=1000)
    decided_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project_id", "period_start", "period_end", "-created_at", "-pk"]
        verbose_name = _("period lock")
        verbose_name_plural = _("period locks")
        indexes = [models.Index(fields=["project", "period_start", "period_end"])]

    def __str__(self) -> str:
        return f"{self.project} {self.period_start}–{self.period_end}: {self.locked}"


auditlog.register(IndicatorValue)
auditlog.register(IndicatorValueBreakdown)
auditlog.register(IndicatorValueEvidence, exclude_fields=["file"])
auditlog.register(PeriodLock)
