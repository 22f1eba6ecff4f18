"""The notice to the Steering Committee when a scheduled report is ready."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from governance.models import Role, RoleAssignment

from ..models import ReportJob, ReportStatus

logger = logging.getLogger(__name__)


def steering_emails(project_id: int) -> list[str]:
    """The addresses of the project's steering members holding the role today."""
    rows = (
        RoleAssignment.objects.active()
        .filter(role=Role.STEERING, project_id=project_id, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(set(rows))


def report_ready_notify(*, job_id: int) -> int:
    """E-mail the steering members that the report is ready (sent once: called on the
    commit of the one run that marked the job done). Returns how many were told."""
    job = ReportJob.objects.select_related("project").filter(pk=job_id).first()
    if job is None or job.status != ReportStatus.DONE:
        return 0
    recipients = steering_emails(job.project_id)
    if not recipients:
        return 0
    with translation.override(job.language or settings.LANGUAGE_CODE):
        subject = _("Progress report ready: %(project)s, %(period)s") % {
            "project": job.project.name,
            "period": job.period_slug,
        }
        body = _(
            "The quarterly progress report of %(project)s (%(period)s) is ready.\n\n"
            "Download it from the project's Reports page: %(path)s\n"
        ) % {
            "project": job.project.name,
            "period": job.period_slug,
            "path": reverse("report-list", args=[job.project_id]),
        }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # the report is filed; a mail server down must not undo that
        logger.exception("Report job %s: the notice could not be sent", job_id)
        return 0
    return len(recipients)
