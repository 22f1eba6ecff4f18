from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    PROGRESS_PDF = "progress_pdf", _("Project progress report (PDF)")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJob(models.Model):
    """A report someone asked for: its parameters, progress and file.

    The job lives in the database so that its status survives worker restarts
    and a stuck job can be re-queued; the file is served only through a
    permission check (never from MEDIA_URL).
    """

    access_scope = ("project", "project")

    project = models.ForeignKey(
        "clusters.Project", on_delete=models.CASCADE, related_name="report_jobs"
    )
    kind = models.CharField(
        _("report"), max_length=30, choices=ReportKind.choices, default=ReportKind.PROGRESS_PDF
    )
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

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.project} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.status in {ReportStatus.DONE, ReportStatus.FAILED}

    @property
    def filename(self) -> str:
        return f"clusterdev-progress-{self.project_id}-{self.pk}.pdf"


auditlog.register(ReportJob, exclude_fields=["file"])
