"""The project and cluster dashboards: what each role sees, the filters, the charts'
data and their tables."""

import json
import re

import pytest
from django.urls import reverse

from .helpers import dashboard_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return dashboard_project(world, clusters=3, quarters=2, activities_per_month=2)


def _data(page: str) -> dict:
    block = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', page)
    return json.loads(block.group(1))


def test_a_steering_member_reads_the_project_dashboard_with_figures_and_tables(
    client, world, project
):
    client.force_login(world.users["steer_a"])
    page = client.get(reverse("project-dashboard", args=[project.pk])).content.decode()
    # Progress to date: 3 clusters x 2 quarters x 10 people trained, against 3 x 100.
    row = re.search(r'<th scope="row"><span class="code">PT</span>.*?</tr>', page, re.S).group(0)
    assert ">60<" in row and ">300<" in row and ">20%<" in row
    assert 'id="table-progress-sex"' in page and ">24<" in page and ">36<" in page
    assert 'id="table-activity"' in page and "12 activities" in page
    assert 'id="table-governance"' in page and "Steering Committee" in page
    assert "Figures rolled up at" in page and "<time" in page
    charts = {c["id"]: c for c in _data(page)["charts"]}
    # FJ, a stock: the last value of each cluster (10), summed: 30 of 300; PT: 60 of 300.
    assert charts["chart-progress"]["labels"] == ["FJ", "PT"]
    assert charts["chart-progress"]["datasets"][0]["data"] == [10, 20]
    sexes = [d["series"] for d in charts["chart-progress-sex"]["datasets"]]
    assert sexes[:2] == ["women", "men"]
    assert sum(charts["chart-participation"]["datasets"][0]["data"]) == 24  # 12 x 2 women
    # Read-only: nothing to write from here.
    main = page.split("<main")[1].split("</main>")[0]
    assert 'method="post"' not in main


def test_a_cda_reads_their_cluster_dashboard_but_not_the_project_one(client, world, project):
    client.force_login(world.users["cda_a1"])
    assert client.get(reverse("project-dashboard", args=[project.pk])).status_code == 403
    page = client.get(reverse("cluster-dashboard", args=[world.a1.pk])).content.decode()
    row = re.search(r'<span class="code">PT</span>.*?</tr>', page, re.S).group(0)
    assert ">20<" in row and ">100<" in row  # two quarters of 10, against 100
    assert "Phase tracker" in page and "To enter" in page
    assert "Steering Committee" not in page.split('id="panel-governance"')[1].split("</table>")[0]
    assert client.get(reverse("cluster-dashboard", args=[world.a2.pk])).status_code == 404


def test_the_period_and_cluster_filters_narrow_the_figures(client, world, project):
    client.force_login(world.users["coord_a"])
    url = reverse("project-dashboard", args=[project.pk])
    page = client.get(url, {"period": "2025-Q1", "cluster": world.a1.pk}).content.decode()
    row = re.search(r'<span class="code">PT</span>.*?</tr>', page, re.S).group(0)
    assert ">10<" in row and ">20<" in row and ">50%<" in row  # Q1 of A1: 10 against 20
    assert "Q1 2025" in page and "2 activities" in page
    assert page.count('<th scope="row"><a href="/clusters/') == 1  # the cluster table too


@pytest.mark.parametrize(
    "query, message",
    [
        ({"period": "2025-Q9"}, "Pick a period from the list"),
        ({"period": "<script>"}, "Pick a period from the list"),
        ({"cluster": "abc"}, "Pick one of the project"),
    ],
)
def test_a_bad_filter_is_a_message_not_an_error(client, world, project, query, message):
    client.force_login(world.users["coord_a"])
    response = client.get(reverse("project-dashboard", args=[project.pk]), query)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'class="errorlist"' in page
    assert "<script>" not in page.split("<main")[1]
    assert 'id="dashboard-data"' not in page


def test_another_projects_cluster_is_refused_as_a_filter(client, world, project):
    client.force_login(world.users["coord_a"])
    url = reverse("project-dashboard", args=[project.pk])
    assert client.get(url, {"cluster": world.b1.pk}).status_code == 400


def test_the_page_loads_chart_js_from_staticfiles_and_no_inline_script(client, world, project):
    client.force_login(world.users["coord_a"])
    page = client.get(reverse("cluster-dashboard", args=[world.a1.pk])).content.decode()
    assert "/static/vendor/chart.js/chart.umd.min.js" in page
    assert "/static/js/dashboard-charts.js" in page
    bodies = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.+?)</script>", page, re.S
    )
    assert bodies == []
    assert "style=" not in page


def test_large_figures_are_printed_grouped_in_the_readers_language(client, world, project):
    from monitoring.models import Indicator
    from monitoring.rollups.services import rollup_rebuild

    Indicator.objects.filter(project=project, definition__code="PT").update(end_target=1500000)
    rollup_rebuild(project=project)
    client.force_login(world.users["steer_a"])
    url = reverse("project-dashboard", args=[project.pk])
    row = re.search(r'<span class="code">PT</span>.*?</tr>', client.get(url).content.decode(), re.S)
    assert ">4,500,000<" in row.group(0)
    client.cookies["django_language"] = "fr"
    row = re.search(r'<span class="code">PT</span>.*?</tr>', client.get(url).content.decode(), re.S)
    assert re.search(r">4\W500\W000<", row.group(0)) and "4,500,000" not in row.group(0)
