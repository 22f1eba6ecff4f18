from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters.models import Project
from governance.access import Action, can, get_authorized
from governance.forms_support import submit_to_service

from ..models import ReportJob, ReportStatus
from . import schedules, selectors, services
from .forms import ReportRequestForm, ReportScheduleForm

JOBS_PER_PAGE = 20


def _page(request, project: Project, *, request_form, schedule_form=None, status: int = 200):
    jobs = selectors.report_job_list(user=request.user, project=project)
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    may_schedule = can(request.user, Action.MANAGE, project)
    if may_schedule and schedule_form is None:
        schedule_form = ReportScheduleForm(instance=selectors.report_schedule_of(project=project))
    context = {
        "project": project,
        "form": request_form,
        "schedule_form": schedule_form if may_schedule else None,
        "jobs": page.object_list,
        "page": page,
    }
    return render(request, "monitoring/report_list.html", context, status=status)


def _request_form(request, project: Project, data=None) -> ReportRequestForm:
    return ReportRequestForm(
        data, project=project, fy_start_month=selectors.fy_start_month_of(project)
    )


def report_list(request, pk: int):
    project = get_authorized(request.user, Project, Action.REPORT, pk=pk)
    if request.method == "POST":
        form = _request_form(request, project, request.POST)
        if form.is_valid():
            job = submit_to_service(
                request,
                form,
                lambda: services.report_job_request(
                    actor=request.user, project=project, **form.service_kwargs()
                ),
                success=_("Your report is being prepared."),
            )
            if job is not None:
                return redirect("report-list", pk=project.pk)
        return _page(request, project, request_form=form)
    return _page(request, project, request_form=_request_form(request, project))


@require_POST
def report_schedule_edit(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    form = ReportScheduleForm(request.POST, instance=selectors.report_schedule_of(project=project))
    if form.is_valid():
        saved = submit_to_service(
            request,
            form,
            lambda: schedules.report_schedule_save(
                actor=request.user,
                project=project,
                enabled=form.cleaned_data["enabled"],
                days_after_quarter_end=form.cleaned_data["days_after_quarter_end"],
                next_run_on=form.cleaned_data.get("next_run_on"),
                format=form.cleaned_data["format"],
                seen_updated_at=form.cleaned_data.get("updated_at"),
            ),
            success=_("The report schedule is saved."),
        )
        if saved is not None:
            return redirect("report-list", pk=project.pk)
    return _page(request, project, request_form=_request_form(request, project), schedule_form=form)


def report_job_status(request, pk: int):
    """The status row of one job; htmx polls it until the file is ready."""
    job = get_authorized(
        request.user,
        ReportJob.objects.select_related("project", "cluster", "requested_by"),
        Action.REPORT,
        pk=pk,
    )
    return render(request, "monitoring/_report_job_row.html", {"job": job})


@require_POST
def report_job_retry(request, pk: int):
    job = get_authorized(request.user, ReportJob, Action.REPORT, pk=pk)
    services.report_job_retry(actor=request.user, job=job)
    return redirect("report-list", pk=job.project_id)


def report_job_download(request, pk: int):
    job = get_authorized(
        request.user, ReportJob.objects.select_related("project", "cluster"), Action.REPORT, pk=pk
    )
    if job.status != ReportStatus.DONE or not job.file:
        raise Http404(_("This report is not ready."))
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type=job.content_type,
    )
