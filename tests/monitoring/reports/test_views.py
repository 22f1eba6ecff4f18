"""The reports page: ask for a period, a format and a cluster; clear errors; the list
of reports asked for, paginated, with a constant number of queries."""

import pytest

from monitoring.models.reports import ReportJob, ReportStatus
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


def test_a_steering_member_asks_for_a_clusters_quarter_in_xlsx(
    client, world, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(world.users["steer_a"])
    page = client.get(f"/projects/{world.project_a.pk}/reports/").content.decode()
    assert 'value="quarter:2026-07-01"' in page and 'value="half:2026-07-01"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/projects/{world.project_a.pk}/reports/",
            {"period": "quarter:2026-07-01", "format": "xlsx", "cluster": world.a2.pk},
        )
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.kind, job.cluster, job.format, job.period_kind) == (
        "cluster",
        world.a2,
        "xlsx",
        "quarter",
    )
    assert job.language == "en" and job.status == ReportStatus.DONE
    page = client.get(f"/projects/{world.project_a.pk}/reports/").content.decode()
    assert "Download XLSX" in page and "Cluster A2" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"period": "quarter:2026-07-02"}, "period"),
        ({"period": "quarter:2031-01-01"}, "period"),
        ({"format": "docx"}, "format"),
    ],
)
def test_bad_choices_are_shown_next_to_their_field(client, world, data, field):
    client.force_login(world.users["coord_a"])
    response = client.post(f"/projects/{world.project_a.pk}/reports/", data)
    assert response.status_code == 200
    assert f'id="id_{field}-errors"' in response.content.decode()
    assert not ReportJob.objects.exists()


def test_another_projects_cluster_is_refused(client, world):
    client.force_login(world.users["coord_a"])
    response = client.post(f"/projects/{world.project_a.pk}/reports/", {"cluster": world.b1.pk})
    assert response.status_code == 200
    assert 'id="id_cluster-errors"' in response.content.decode()


def test_the_list_is_paginated_and_its_queries_do_not_grow(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.users["steer_a"])
    url = f"/projects/{world.project_a.pk}/reports/"
    ReportJob.objects.bulk_create(
        ReportJob(project=world.project_a, requested_by=world.users["coord_a"]) for _ in range(5)
    )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    ReportJob.objects.bulk_create(
        ReportJob(project=world.project_a, cluster=world.a1, kind="cluster") for _ in range(40)
    )
    for _ in range(5):
        ClusterFactory(project=world.project_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('class="report-job"') == 20
    assert "Page 1 of 3" in page
    assert client.get(url + "?page=3").content.decode().count('class="report-job"') == 5
