from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters.models import Project
from governance.access import Action, get_authorized

from ..models import ReportJob, ReportStatus
from . import selectors, services


def report_list(request, pk: int):
    project = get_authorized(request.user, Project, Action.REPORT, pk=pk)
    if request.method == "POST":
        services.report_job_request(actor=request.user, project=project)
        messages.success(request, _("Your report is being prepared."))
        return redirect("report-list", pk=project.pk)
    jobs = selectors.report_job_list(user=request.user, project=project)[:20]
    return render(request, "monitoring/report_list.html", {"project": project, "jobs": jobs})


def report_job_status(request, pk: int):
    """The status row of one job; htmx polls it until the file is ready."""
    job = get_authorized(
        request.user, ReportJob.objects.select_related("project"), Action.REPORT, pk=pk
    )
    return render(request, "monitoring/_report_job_row.html", {"job": job})


@require_POST
def report_job_retry(request, pk: int):
    job = get_authorized(request.user, ReportJob, Action.REPORT, pk=pk)
    services.report_job_retry(actor=request.user, job=job)
    return redirect("report-list", pk=job.project_id)


def report_job_download(request, pk: int):
    job = get_authorized(request.user, ReportJob, Action.REPORT, pk=pk)
    if job.status != ReportStatus.DONE or not job.file:
        raise Http404(_("This report is not ready."))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
