"""A report's file name says what it is: project (or cluster), period and date."""

import datetime

import pytest
from django.utils import timezone

from monitoring.models.reports import ReportJob, ReportKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("period_kind", "start", "slug"),
    [
        ("quarter", datetime.date(2026, 7, 1), "2026-Q3"),
        ("half", datetime.date(2026, 7, 1), "2026-H2"),
        ("year", datetime.date(2025, 1, 1), "2025"),
        ("fy", datetime.date(2025, 7, 1), "FY2025-26"),
        ("to_date", None, "to-date"),
    ],
)
def test_a_file_name_names_the_project_period_and_date(world, period_kind, start, slug):
    world.project_a.name = "Agro-food Programme: Sénégal"
    world.project_a.save()
    job = ReportJob.objects.create(
        project=world.project_a, period_kind=period_kind, period_start=start, format="pdf"
    )
    today = timezone.localdate(job.created_at).isoformat()
    assert job.filename == f"progress-report_agro-food-programme-senegal_{slug}_{today}.pdf"


def test_a_cluster_report_is_named_after_its_cluster(world):
    job = ReportJob.objects.create(
        project=world.project_a,
        kind=ReportKind.CLUSTER,
        cluster=world.a1,
        period_kind="quarter",
        period_start=datetime.date(2026, 7, 1),
        format="xlsx",
    )
    assert job.filename.startswith("cluster-report_cluster-a1_2026-Q3_")
    assert job.filename.endswith(".xlsx")


def test_the_download_carries_the_name_and_type(client, world):
    from monitoring.reports.services import report_job_run

    job = ReportJob.objects.create(project=world.project_a, format="csv")
    report_job_run(job_id=job.pk)
    client.force_login(world.users["steer_a"])
    response = client.get(f"/reports/{job.pk}/download/")
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="{job.filename}"' in response["Content-Disposition"]
