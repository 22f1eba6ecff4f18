from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from governance.models import BodyKind


class ReportKind(models.TextChoices):
    PROJECT = "project", _("Project progress report")
    CLUSTER = "cluster", _("Cluster progress report")


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (XLSX)")
    CSV = "csv", _("CSV (indicator table)")


class ReportPeriodKind(models.TextChoices):
    """The periods a report covers; each is read from the roll-ups (a half year from
    its two quarters' cells)."""

    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half", _("Half year")
    YEAR = "year", _("Calendar year")
    FINANCIAL_YEAR = "fy", _("Financial year")
    TO_DATE = "to_date", _("To date")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.CSV: "text/csv",
}


class ReportJob(models.Model):
    """A report someone asked for (or the schedule filed): its parameters, progress and
    file.

    The job lives in the database so that its status survives worker restarts
    and a stuck job can be re-queued; the file is served only through a
    permission check (never from MEDIA_URL).
    A cluster report follows its cluster for VIEW (its CDA and Commission see it, and
    the Commission endorses it); asking for, polling and downloading reports stay
    REPORT, a project-level right.
    """

    access_scope = ("mixed", "cluster", "project")

    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="report_jobs"
    )
    kind = models.CharField(
        _("report"), max_length=30, choices=ReportKind.choices, default=ReportKind.PROJECT
    )
    # Set for a cluster report only.
    cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_jobs",
        verbose_name=_("cluster"),
    )
    period_kind = models.CharField(
        _("period"),
        max_length=8,
        choices=ReportPeriodKind.choices,
        default=ReportPeriodKind.TO_DATE,
    )
    # Empty for "to date": from the project's start to the day the report is rendered.
    period_start = models.DateField(_("period starts"), null=True, blank=True)
    period_end = models.DateField(_("period ends"), null=True, blank=True)
    format = models.CharField(
        _("format"), max_length=4, choices=ReportFormat.choices, default=ReportFormat.PDF
    )
    # The worker renders in the language the report was asked for, not its own default.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    # Filed by the quarterly schedule (at most once per period), not by a person.
    scheduled = models.BooleanField(_("scheduled"), default=False)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        "governance.User", on_delete=models.SET_NULL, null=True, related_name="report_jobs"
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The worker rendering the job renews this while it works; a job running past it
    # lost its worker and is taken over (a redelivery, or the sweep).
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    # When the job was last handed to the broker (empty: the broker was down).
    dispatched_at = models.DateTimeField(null=True, blank=True)
    dispatches = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "queued_at"]),
            models.Index(fields=["status", "lease_expires_at"]),
        ]
        constraints = [
            # The schedule files a period's report once, however often it runs.
            models.UniqueConstraint(
                fields=["project", "kind", "period_kind", "period_start", "format", "scheduled"],
                condition=Q(scheduled=True),
                name="report_job_scheduled_once_per_period",
            ),
            models.CheckConstraint(
                condition=(Q(kind="cluster") & Q(cluster__isnull=False))
                | (Q(kind="project") & Q(cluster__isnull=True)),
                name="report_job_cluster_report_has_cluster",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.project} — {self.created_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.kind == ReportKind.CLUSTER and not self.cluster_id:
            raise ValidationError({"cluster": _("Pick the cluster to report on.")})
        if self.kind == ReportKind.PROJECT and self.cluster_id:
            raise ValidationError({"cluster": _("A project report covers every cluster.")})
        if self.cluster_id and self.project_id and self.cluster.project_id != self.project_id:
            raise ValidationError({"cluster": _("This cluster belongs to another project.")})

    @property
    def is_finished(self) -> bool:
        return self.status in {ReportStatus.DONE, ReportStatus.FAILED}

    @property
    def commission_endorsement(self) -> ReportEndorsement | None:
        """The Cluster Commission's endorsement of this report, or None (pages read this,
        not the reverse accessor, which raises when there is none)."""
        return getattr(self, "endorsement", None)

    @property
    def period_slug(self) -> str:
        """The period as a file name reads it: 2026-Q3, 2026-H2, 2026, FY2026-27, to-date."""
        start = self.period_start
        if self.period_kind == ReportPeriodKind.TO_DATE or start is None:
            return "to-date"
        if self.period_kind == ReportPeriodKind.QUARTER:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if self.period_kind == ReportPeriodKind.HALF_YEAR:
            return f"{start.year}-H{1 if start.month <= 6 else 2}"
        if self.period_kind == ReportPeriodKind.FINANCIAL_YEAR and start.month != 1:
            return f"FY{start.year}-{str(start.year + 1)[-2:]}"
        return str(start.year)

    @property
    def filename(self) -> str:
        """progress-report_<project>_2026-Q3_2026-12-01.pdf (cluster-report_<cluster>_...)."""
        if self.kind == ReportKind.CLUSTER and self.cluster_id:
            prefix, subject = "cluster-report", self.cluster.name
        else:
            prefix, subject = "progress-report", self.project.name
        day = timezone.localdate(self.created_at) if self.created_at else timezone.localdate()
        slug = slugify(subject)[:60] or str(self.project_id)
        return f"{prefix}_{slug}_{self.period_slug}_{day.isoformat()}.{self.format}"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.format, "application/octet-stream")


class ReportFrequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")


class ReportSchedule(models.Model):
    """The project's quarterly progress report, filed by Celery beat a few days after
    each quarter ends; the steering members get a notice when the file is ready."""

    access_scope = ("project", "project")

    project = models.OneToOneField(
        "clusters.Project", on_delete=models.CASCADE, related_name="report_schedule"
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    frequency = models.CharField(
        _("frequency"),
        max_length=10,
        choices=ReportFrequency.choices,
        default=ReportFrequency.QUARTERLY,
    )
    days_after_quarter_end = models.PositiveSmallIntegerField(
        _("days after the quarter ends"),
        default=15,
        validators=[MaxValueValidator(80)],
        help_text=_("Leaves time for the quarter's values to be submitted and approved."),
    )
    next_run_on = models.DateField(_("next report on"))
    format = models.CharField(
        _("format"), max_length=4, choices=ReportFormat.choices, default=ReportFormat.PDF
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")

    def __str__(self) -> str:
        return f"{self.project}: {self.next_run_on}"


NOT_A_CLUSTER_REPORT = _(
    "Only a cluster progress report is endorsed, by its Cluster Commission; this is the "
    "project's report."
)
REPORT_NOT_READY = _("This report is not ready yet: it can be endorsed once it is prepared.")
REPORT_FAILED = _("This report could not be prepared: ask for it again, then endorse the new one.")


def endorsement_refusal(report: ReportJob) -> str | None:
    """Why the Commission cannot endorse this report (a project report, one not
    prepared), or None."""
    if report.kind != ReportKind.CLUSTER or not report.cluster_id:
        return NOT_A_CLUSTER_REPORT
    if report.status == ReportStatus.FAILED:
        return REPORT_FAILED
    if report.status != ReportStatus.DONE:
        return REPORT_NOT_READY
    return None


class ReportEndorsement(models.Model):
    """The Cluster Commission endorsed its cluster's progress report at one of its
    meetings (the method: the Commission reviews and endorses progress reports).

    The shape later endorsements (diagnostic, vision, action plan) follow: the thing
    endorsed (one endorsement each), the meeting it was endorsed at, the decision that
    says so in the meeting's record, who recorded it, when, and a note.
    """

    access_scope = ("cluster", "report__cluster")

    report = models.OneToOneField(
        ReportJob,
        on_delete=models.CASCADE,
        related_name="endorsement",
        verbose_name=_("report"),
    )
    # RESTRICT: the meeting (and its decision) cannot be deleted on their own while
    # they carry an endorsement; deleting the whole cluster still takes all three.
    meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.RESTRICT,
        related_name="report_endorsements",
        verbose_name=_("meeting"),
    )
    decision = models.OneToOneField(
        "governance.Decision",
        on_delete=models.RESTRICT,
        related_name="report_endorsement",
        verbose_name=_("decision"),
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        "governance.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("report endorsement")
        verbose_name_plural = _("report endorsements")

    def __str__(self) -> str:
        return f"{self.report} — {self.meeting.held_on}"

    def clean(self) -> None:
        report = self.report if self.report_id else None
        if report is not None and (refusal := endorsement_refusal(report)):
            raise ValidationError({"report": refusal})
        if report is None or not self.meeting_id:
            return
        body = self.meeting.body
        if body.kind != BodyKind.COMMISSION or body.cluster_id != report.cluster_id:
            raise ValidationError(
                {
                    "meeting": _(
                        "This is not a meeting of the Cluster Commission of %(cluster)s: pick "
                        "one of that Commission's meetings."
                    )
                    % {"cluster": report.cluster.name}
                }
            )
        today = timezone.localdate(timezone=report.project.zoneinfo)
        if self.meeting.held_on > today:
            raise ValidationError(
                {
                    "meeting": _(
                        "This meeting has not taken place yet: a report is endorsed at a "
                        "meeting held on or before today."
                    )
                }
            )


auditlog.register(ReportJob, exclude_fields=["file"])
auditlog.register(ReportEndorsement)
auditlog.register(ReportSchedule)
