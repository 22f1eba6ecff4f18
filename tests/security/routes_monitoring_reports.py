"""Matrix rows for the Cluster Commission's endorsement of its cluster's progress report:
the cluster's reports page and a report's endorsement page (read by everyone who reads
the cluster, posted by the Commission). The other report rows are in routes_monitoring.py.

A cluster report follows its cluster for reading: the cluster's CDA and its Commission
(which endorses it) download it too; asking for reports stays a project-level right."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from governance.models import Body, BodyKind, Meeting
from monitoring.models import ReportJob, ReportStatus
from tests.security.matrix import (
    CLUSTER_A1_READ,
    PROJECT_A_OBJECT_REPORT,
    Case,
    expect,
)


def _cluster_report(w):
    if "cluster_report" not in w.extra:
        job = ReportJob.objects.create(
            project=w.project_a,
            kind="cluster",
            cluster=w.a1,
            period_kind="quarter",
            period_start=datetime.date(2026, 7, 1),
            period_end=datetime.date(2026, 9, 30),
            status=ReportStatus.DONE,
        )
        job.file.save("r.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        w.extra["cluster_report"] = job
    return w.extra["cluster_report"]


def _project_report(w):
    return ReportJob.objects.create(project=w.project_a, status=ReportStatus.DONE)


def _a1_meeting(w):
    body = Body.objects.create(kind=BodyKind.COMMISSION, project=w.project_a, cluster=w.a1)
    held_on = timezone.localdate() - datetime.timedelta(days=10)
    return Meeting.objects.create(body=body, held_on=held_on, place="Thiès")


def _endorse_form(w):
    return {"meeting": _a1_meeting(w).pk, "note": "Reviewed"}


CASES = [
    Case("cluster-report-list", lambda w: f"/clusters/{w.a1.pk}/reports/", CLUSTER_A1_READ),
    Case(
        "report-endorsement",
        lambda w: f"/reports/{_cluster_report(w).pk}/endorsement/",
        CLUSTER_A1_READ,
    ),
    # The Commission endorses (and the administrator); the project's roles and the
    # cluster's CDA read only.
    Case(
        "report-endorsement",
        lambda w: f"/reports/{_cluster_report(w).pk}/endorsement/",
        expect(403, admin=302, comm_a1=302, cda_a2=404, coord_b=404, anon=302),
        method="post",
        data=_endorse_form,
    ),
    # A project report is project-wide: out of scope for the clusters' roles.
    Case(
        "report-endorsement",
        lambda w: f"/reports/{_project_report(w).pk}/endorsement/",
        PROJECT_A_OBJECT_REPORT,
        label="project-report",
    ),
    Case(
        "report-job-download",
        lambda w: f"/reports/{_cluster_report(w).pk}/download/",
        CLUSTER_A1_READ,
        label="cluster-report",
    ),
]
