from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters.models import Project
from clusters.panels import PageAccess
from governance.access import Action, can, get_authorized

from . import selectors, services
from .evaluations import links as evaluation_links
from .indicators import links as indicator_links
from .models import ReportJob, ReportStatus
from .results import links as result_links
from .values import links as value_links

# The parts of the M&E page, in the order of the method: the chain, its indicators,
# the values reported against them, then evaluations.
ME_PARTS = (result_links, indicator_links, value_links, evaluation_links)


def me_overview(request, pk: int):
    """The project's monitoring and evaluation: one way in to every M&E page the user
    can use (each part offers only the links its user may follow)."""
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    access = PageAccess(request.user)
    found = [link for part in ME_PARTS for link in part.hub_links(request, project, access)]
    return render(
        request,
        "monitoring/me_overview.html",
        {"project": project, "links": sorted(found, key=lambda link: link.order)},
    )


def project_dashboard(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "project": project,
            "clusters": selectors.project_dashboard(project=project),
            "can_report": can(request.user, Action.REPORT, project),
        },
    )


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
