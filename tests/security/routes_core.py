"""Matrix rows for the foundation: accounts, home, projects, clusters, field
activity, dashboard, people, history, reports, API and admin."""

from django.core.files.base import ContentFile

from actionplans.models import FieldActivity
from monitoring.models import ReportJob, ReportStatus
from tests.factories import PASSWORD

from .matrix import (
    CLUSTER_A1_READ,
    CLUSTER_A1_WORK,
    PROJECT_A_MANAGE,
    PROJECT_A_OBJECT_REPORT,
    PROJECT_A_READ,
    PROJECT_A_REPORT,
    Case,
    api,
    expect,
    with_status,
)


def _activity(w):
    if "activity" not in w.extra:
        w.extra["activity"] = FieldActivity.objects.create(
            cluster=w.a1, occurred_on="2025-03-01", kind="visit", summary="Visit", women=1, men=1
        )
    return w.extra["activity"]


def _job(w):
    if "job" not in w.extra:
        job = ReportJob.objects.create(project=w.project_a, status=ReportStatus.DONE)
        job.file.save("r.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        w.extra["job"] = job
    return w.extra["job"]


def _failed_job(w):
    return ReportJob.objects.create(project=w.project_a, status=ReportStatus.FAILED)


ACTIVITY_FORM = {
    "occurred_on": "2025-03-01",
    "kind": "meeting",
    "location": "Thiès",
    "summary": "Met the association",
    "women": "3",
    "men": "4",
}

ANYONE = expect(200)
SIGNED_IN = expect(200, anon=302)
API_SIGNED_IN = expect(200, anon=401)

CASES = [
    # Accounts and health
    Case("health", lambda w: "/health/", ANYONE),
    Case("login", lambda w: "/accounts/login/", ANYONE),
    Case("logout", lambda w: "/accounts/logout/", expect(302), method="post"),
    Case("password_change", lambda w: "/accounts/password/", SIGNED_IN),
    Case("password_change_done", lambda w: "/accounts/password/done/", SIGNED_IN),
    # Language switcher: open to everyone, anonymous users included (login page).
    Case(
        "set_language",
        lambda w: "/i18n/setlang/",
        expect(302),
        method="post",
        data=lambda w: {"language": "fr", "next": "/"},
    ),
    # Home, projects, clusters
    Case("home", lambda w: "/", SIGNED_IN),
    Case("project-detail", lambda w: f"/projects/{w.project_a.pk}/", PROJECT_A_READ),
    Case("cluster-detail", lambda w: f"/clusters/{w.a1.pk}/", CLUSTER_A1_READ),
    # Field activity
    Case("activity-list", lambda w: f"/clusters/{w.a1.pk}/activities/", CLUSTER_A1_READ),
    Case("activity-create", lambda w: f"/clusters/{w.a1.pk}/activities/new/", CLUSTER_A1_WORK),
    Case(
        "activity-create",
        lambda w: f"/clusters/{w.a1.pk}/activities/new/",
        with_status(CLUSTER_A1_WORK, 200, 302),
        method="post",
        data=lambda w: ACTIVITY_FORM,
    ),
    # Coordinator pages
    Case("project-dashboard", lambda w: f"/projects/{w.project_a.pk}/dashboard/", PROJECT_A_MANAGE),
    Case("project-people", lambda w: f"/projects/{w.project_a.pk}/people/", PROJECT_A_MANAGE),
    Case(
        "project-people",
        lambda w: f"/projects/{w.project_a.pk}/people/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: {"username": "cda_a2", "role": "commission", "cluster": w.a1.pk},
    ),
    Case(
        "role-assignment-end",
        lambda w: (
            f"/projects/{w.project_a.pk}/people/{w.users['cda_a2'].role_assignments.get().pk}/end/"
        ),
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
    ),
    Case(
        "object-history",
        lambda w: f"/history/clusters/cluster/{w.a1.pk}/",
        expect(403, admin=200, coord_a=200, cda_a2=404, coord_b=404, anon=302),
    ),
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
    # API
    Case(
        "api-token",
        lambda w: "/api/auth/token/",
        expect(200),
        method="post",
        data=lambda w: {"username": "admin", "password": PASSWORD},
    ),
    # The caller revokes their own token (signed in by session here, by token too).
    Case("api-token", lambda w: "/api/auth/token/", expect(204, anon=401), method="delete"),
    Case("api-schema", lambda w: "/api/schema/", API_SIGNED_IN),
    Case("api-docs", lambda w: "/api/docs/", API_SIGNED_IN),
    Case("api-project-list", lambda w: "/api/projects/", API_SIGNED_IN),
    Case(
        "api-project-list",
        lambda w: "/api/projects/",
        expect(403, admin=201, anon=401),
        method="post",
        json=True,
        data=lambda w: {"name": "New", "country": "GH", "starts_on": "2026-01-01"},
    ),
    Case("api-project-detail", lambda w: f"/api/projects/{w.project_a.pk}/", api(PROJECT_A_READ)),
    Case(
        "api-project-detail",
        lambda w: f"/api/projects/{w.project_a.pk}/",
        api(PROJECT_A_MANAGE),
        method="patch",
        json=True,
        data=lambda w: {"donor": "New donor"},
    ),
    Case("api-cluster-list", lambda w: "/api/clusters/", API_SIGNED_IN),
    Case(
        "api-cluster-list",
        lambda w: "/api/clusters/",
        # CDAs of the project map candidates too; project B's coordinator names a
        # project they cannot see (400 on the field).
        expect(403, admin=201, coord_a=201, cda_a1=201, cda_a2=201, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "name": "New cluster", "sector": "textiles"},
    ),
    Case("api-cluster-detail", lambda w: f"/api/clusters/{w.a1.pk}/", api(CLUSTER_A1_READ)),
    Case(
        "api-cluster-detail",
        lambda w: f"/api/clusters/{w.a1.pk}/",
        api(CLUSTER_A1_WORK),
        method="patch",
        json=True,
        data=lambda w: {"main_products": "Sandals"},
    ),
    Case("api-field-activity-list", lambda w: "/api/field-activities/", API_SIGNED_IN),
    Case(
        "api-field-activity-list",
        lambda w: "/api/field-activities/",
        expect(403, admin=201, coord_a=201, cda_a1=201, cda_a2=400, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {**ACTIVITY_FORM, "cluster": w.a1.pk, "women": 3, "men": 4},
    ),
    Case(
        "api-field-activity-detail",
        lambda w: f"/api/field-activities/{_activity(w).pk}/",
        api(CLUSTER_A1_READ),
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
    # Django admin: administrators only (everyone else is sent to the admin login).
    Case("admin:index", lambda w: "/admin/", expect(302, admin=200)),
    Case(
        "admin:governance_roleassignment_changelist",
        lambda w: "/admin/governance/roleassignment/",
        expect(302, admin=200),
    ),
]

# Full updates (PUT) answer like partial ones.
CASES += [
    Case(
        "api-project-detail",
        lambda w: f"/api/projects/{w.project_a.pk}/",
        api(PROJECT_A_MANAGE),
        method="put",
        json=True,
        data=lambda w: {
            "name": "Project A",
            "country": "SN",
            "donor": "EU",
            "starts_on": "2025-01-01",
            "ends_on": None,
            "description": "Renamed donor, full update",
        },
    ),
    Case(
        "api-cluster-detail",
        lambda w: f"/api/clusters/{w.a1.pk}/",
        api(CLUSTER_A1_WORK),
        method="put",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "name": "Cluster A1", "sector": "leather"},
    ),
]
