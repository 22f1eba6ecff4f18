"""Matrix rows for monitoring: the coordinator's dashboard, progress reports and their
jobs (pages and API)."""

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


def _failed_job(w):
    return ReportJob.objects.create(project=w.project_a, status=ReportStatus.FAILED)


CASES = [
    # The M&E page: everyone in the project (each sees the parts they can use)
    Case("me-overview", lambda w: f"/projects/{w.project_a.pk}/monitoring/", PROJECT_A_READ),
    # Coordinator pages
    Case("project-dashboard", lambda w: f"/projects/{w.project_a.pk}/dashboard/", PROJECT_A_MANAGE),
    # Reports
    Case("report-list", lambda w: f"/projects/{w.project_a.pk}/reports/", PROJECT_A_REPORT),
    Case(
        "report-list",
        lambda w: f"/projects/{w.project_a.pk}/reports/",
        with_status(PROJECT_A_REPORT, 200, 302),
        method="post",
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
