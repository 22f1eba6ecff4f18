"""Matrix rows for monitoring: the coordinator's dashboard, progress reports and their
jobs (pages and API), and the quarterly report's schedule."""

from django.core.files.base import ContentFile

from monitoring.models import ReportJob, ReportStatus
from tests.security.matrix import (
    API_SIGNED_IN,
    PROJECT_A_MANAGE,
    PROJECT_A_OBJECT_REPORT,
    PROJECT_A_READ,
    PROJECT_A_REPORT,
    Case,
    api,
    expect,
    with_status,
)


def _job(w):
    if "job" not in w.extra:
        job = ReportJob.objects.create(project=w.project_a, status=ReportStatus.DONE)
        job.file.save("r.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        w.extra["job"] = job
    return w.extra["job"]


# A cluster report of a past quarter, in XLSX (the request form and the API).
def _cluster_report(w):
    return {"period": "quarter:2026-07-01", "format": "xlsx", "cluster": w.a1.pk}


def _cluster_report_api(w):
    return {
        "project": w.project_a.pk,
        "cluster": w.a1.pk,
        "period_kind": "quarter",
        "period_start": "2026-07-01",
        "format": "xlsx",
    }


SCHEDULE_FORM = {"enabled": "on", "days_after_quarter_end": "15", "format": "pdf"}


def _failed_job(w):
    return ReportJob.objects.create(project=w.project_a, status=ReportStatus.FAILED)


CASES = [
    # The M&E page: everyone in the project (each sees the parts they can use)
    Case("me-overview", lambda w: f"/projects/{w.project_a.pk}/monitoring/", PROJECT_A_READ),
    # Coordinator pages
    # Reports
    Case("report-list", lambda w: f"/projects/{w.project_a.pk}/reports/", PROJECT_A_REPORT),
    Case(
        "report-list",
        lambda w: f"/projects/{w.project_a.pk}/reports/",
        with_status(PROJECT_A_REPORT, 200, 302),
        method="post",
    ),
    Case(
        "report-list",
        lambda w: f"/projects/{w.project_a.pk}/reports/",
        with_status(PROJECT_A_REPORT, 200, 302),
        method="post",
        data=_cluster_report,
        label="cluster-xlsx",
    ),
    # The quarterly schedule: the coordinator's
    Case(
        "report-schedule-edit",
        lambda w: f"/projects/{w.project_a.pk}/reports/schedule/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: SCHEDULE_FORM,
    ),
    Case("report-job-status", lambda w: f"/reports/{_job(w).pk}/status/", PROJECT_A_OBJECT_REPORT),
    Case(
        "report-job-retry",
        lambda w: f"/reports/{_failed_job(w).pk}/retry/",
        with_status(PROJECT_A_OBJECT_REPORT, 200, 302),
        method="post",
    ),
    Case(
        "report-job-download", lambda w: f"/reports/{_job(w).pk}/download/", PROJECT_A_OBJECT_REPORT
    ),
    Case("api-report-job-list", lambda w: "/api/report-jobs/", API_SIGNED_IN),
    Case(
        "api-report-job-list",
        lambda w: "/api/report-jobs/",
        expect(403, admin=201, coord_a=201, steer_a=201, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {"project": w.project_a.pk},
    ),
    Case(
        "api-report-job-list",
        lambda w: "/api/report-jobs/",
        # another cluster's CDA does not see A1: "does not exist", as for project B
        expect(403, admin=201, coord_a=201, steer_a=201, cda_a2=400, coord_b=400, anon=401),
        method="post",
        json=True,
        data=_cluster_report_api,
        label="cluster-xlsx",
    ),
    Case(
        "api-report-job-detail",
        lambda w: f"/api/report-jobs/{_job(w).pk}/",
        api(PROJECT_A_OBJECT_REPORT),
    ),
    Case(
        "api-report-job-download",
        lambda w: f"/api/report-jobs/{_job(w).pk}/download/",
        api(PROJECT_A_OBJECT_REPORT),
    ),
]
