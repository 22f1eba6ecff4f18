from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters.models import Cluster, Project
from governance.access import Action, authorize, can, get_authorized
from governance.forms_support import submit_to_service
from governance.idempotency import form_page_once

from ..models import ReportJob, ReportStatus
from ..models.reports import endorsement_refusal
from . import endorsements, schedules, selectors, services
from .forms import ReportEndorsementForm, ReportRequestForm, ReportScheduleForm

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
        ReportJob.objects.select_related(*selectors.JOB_ROW),
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
    # Whoever reads the report downloads it: a cluster report follows its cluster (its
    # CDA and the Commission that endorses it), a project report its project's roles.
    job = get_authorized(
        request.user, ReportJob.objects.select_related("project", "cluster"), Action.VIEW, pk=pk
    )
    if job.status != ReportStatus.DONE or not job.file:
        raise Http404(_("This report is not ready."))
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type=job.content_type,
    )


def cluster_report_list(request, cluster_pk: int):
    """The cluster's progress reports and whether its Commission endorsed each: for the
    cluster's Commission and CDA, and the project's roles."""
    cluster = get_authorized(
        request.user, Cluster.objects.select_related("project"), Action.VIEW, pk=cluster_pk
    )
    jobs = selectors.cluster_report_list(user=request.user, cluster=cluster)
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "cluster": cluster,
        "jobs": page.object_list,
        "page": page,
        "may_endorse": can(request.user, Action.ENDORSE, cluster),
    }
    return render(request, "monitoring/report_cluster_list.html", context)


REPORT_PAGE = ReportJob.objects.select_related(
    "project", "cluster", "requested_by", "endorsement__meeting", "endorsement__recorded_by"
)


def report_endorsement(request, pk: int):
    """A cluster report's endorsement: everyone who may see the report reads it; the
    Commission (who holds ENDORSE on the cluster) records it at one of its meetings."""
    report = get_authorized(request.user, REPORT_PAGE, Action.VIEW, pk=pk)
    if request.method == "POST":
        authorize(request.user, Action.ENDORSE, report)
    may_endorse = can(request.user, Action.ENDORSE, report)
    endorsement = report.commission_endorsement
    form = None
    if may_endorse and (request.method == "POST" or endorsement is None):
        meetings = selectors.endorsement_meetings(user=request.user, cluster=report.cluster)
        form = ReportEndorsementForm(request.POST or None, meetings=meetings)
    here = reverse("report-endorsement", args=[report.pk])

    def context() -> dict:
        return {
            "report": report,
            "endorsement": endorsement,
            "refusal": endorsement_refusal(report),
            "has_meetings": form is not None and form.fields["meeting"].queryset.exists(),
        }

    return form_page_once(
        request,
        form,
        lambda: endorsements.report_endorse(
            actor=request.user,
            report=report,
            meeting=form.cleaned_data["meeting"],
            note=form.cleaned_data["note"],
        ),
        success=_("The endorsement is recorded, with its decision on the meeting."),
        done=here,
        route=endorsements.ENDORSE_ROUTE,
        payload_extra={"report": report.pk},
        template="monitoring/report_endorsement.html",
        context=context,
    )
