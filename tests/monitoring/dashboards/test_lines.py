"""The dashboards' lines over periods: each indicator's actual, target and women and men
period by period, from the roll-up cells, drawn from the page's JSON and printed in a
table of the same numbers."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import Disaggregation, IndicatorRollup, IndicatorTarget, ValueStatus
from monitoring.rollups.services import rollup_rebuild
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory, ValueFactory

pytestmark = pytest.mark.django_db

Q1, Q2 = datetime.date(2025, 1, 1), datetime.date(2025, 4, 1)


def _approve(indicator, start, end, value, women=None, men=None):
    from monitoring.models import IndicatorValueBreakdown

    row = ValueFactory(
        indicator=indicator,
        period_start=start,
        period_end=end,
        status=ValueStatus.APPROVED,
        value=value,
    )
    for category, part in (("women", women), ("men", men)):
        if part is not None:
            IndicatorValueBreakdown.objects.create(
                indicator_value=row, dimension="sex", category=category, value=part
            )


@pytest.fixture
def trained(world):
    """People trained, split by sex, quarterly in A1 and A2: A1 has 10 (4 women, 6 men)
    in Q1 2025 and 15 (5, 10) in Q2, against a target of 20 set for Q1 only; A2 has 3
    (1, 2) in Q1 against 5. Cars sold, monthly in A1: 2 in January, 3 in February.
    Hired, in A1: one quarter only."""
    project = world.project_a
    definition = DefinitionFactory(
        project=project, code="PT", name="People trained", disaggregation=Disaggregation.SEX
    )
    a1 = IndicatorFactory(cluster=world.a1, definition=definition)
    a2 = IndicatorFactory(cluster=world.a2, definition=definition)
    _approve(a1, Q1, datetime.date(2025, 3, 31), 10, women=4, men=6)
    _approve(a1, Q2, datetime.date(2025, 6, 30), 15, women=5, men=10)
    _approve(a2, Q1, datetime.date(2025, 3, 31), 3, women=1, men=2)
    IndicatorTarget.objects.create(indicator=a1, period_start=Q1, value=20)
    IndicatorTarget.objects.create(indicator=a2, period_start=Q1, value=5)
    cars = IndicatorFactory(
        cluster=world.a1,
        definition=DefinitionFactory(project=project, code="CS", name="Cars sold"),
        frequency="month",
    )
    _approve(cars, Q1, datetime.date(2025, 1, 31), 2)
    _approve(cars, datetime.date(2025, 2, 1), datetime.date(2025, 2, 28), 3)
    hired = IndicatorFactory(
        cluster=world.a1, definition=DefinitionFactory(project=project, code="HI", name="Hired")
    )
    _approve(hired, Q1, datetime.date(2025, 3, 31), 7)
    rollup_rebuild(project=project)
    return definition


def _page(client, user, url, **query) -> str:
    client.force_login(user)
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def _charts(page: str) -> dict:
    block = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', page)
    return {c["id"]: c for c in json.loads(block.group(1))["charts"]}


def _series(chart: dict) -> dict[str, list]:
    return {d["series"]: d["data"] for d in chart["datasets"]}


def _table(page: str, table_id: str) -> tuple[list[str], list[list[str]]]:
    """The table's column headings and its rows (the row heading first)."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S).group(0)
    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table)
    body = table.split("<tbody>")[1]
    rows = [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]
    return heads, rows


def _number(text: str) -> float | None:
    return None if text == "—" else float(text.rstrip("%").replace(",", ""))


def test_a_year_runs_over_its_quarters_with_the_cells_target_and_women_and_men(
    client, world, trained
):
    page = _page(
        client,
        world.users["cda_a1"],
        reverse("cluster-dashboard", args=[world.a1.pk]),
        period="2025",
    )
    chart = _charts(page)[f"chart-line-{trained.pk}"]
    assert chart["type"] == "line"
    assert chart["labels"] == ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
    series = _series(chart)
    assert series == {
        "total": [10, 15, None, None],
        "target": [20, None, None, None],  # a target for Q1 only: a point, not a line
        "women": [4, 5, None, None],
        "men": [6, 10, None, None],
    }
    # The same numbers as the cluster's quarter cells in the roll-up table.
    cells = {
        (c.period_start, c.category): float(c.value)
        for c in IndicatorRollup.objects.filter(
            cluster=world.a1, definition=trained, period_kind="quarter", shadow=False
        )
    }
    for i, start in enumerate([Q1, Q2]):
        for category, name in (("", "total"), ("women", "women"), ("men", "men")):
            assert series[name][i] == cells[(start, category)]


def test_the_table_beside_the_line_has_the_charts_numbers(client, world, trained):
    page = _page(
        client,
        world.users["cda_a1"],
        reverse("cluster-dashboard", args=[world.a1.pk]),
        period="2025",
    )
    chart = _charts(page)[f"chart-line-{trained.pk}"]
    heads, rows = _table(page, f"table-line-{trained.pk}")
    assert heads == ["Period", "Actual", "Target", "Women", "Men"]
    assert [row[0] for row in rows] == chart["labels"]
    columns = zip(*[row[1:] for row in rows], strict=True)
    by_column = dict(zip(["total", "target", "women", "men"], columns, strict=True))
    for series, data in _series(chart).items():
        assert [_number(text) for text in by_column[series]] == data
    assert f'<canvas id="chart-line-{trained.pk}" role="img"' in page


def test_the_project_to_date_runs_over_its_quarters_across_clusters(client, world, trained):
    page = _page(
        client, world.users["steer_a"], reverse("project-dashboard", args=[world.project_a.pk])
    )
    chart = _charts(page)[f"chart-line-{trained.pk}"]
    # The project started in January 2025; today is in the last quarter of 2026.
    assert chart["labels"][:3] == ["Q1 2025", "Q2 2025", "Q3 2025"]
    assert len(chart["labels"]) == 8
    series = _series(chart)
    assert series["total"][:2] == [13, 15]  # A1 and A2 summed, as the project cells
    assert series["target"][:2] == [25, None]
    assert series["women"][:2] == [5, 5] and series["men"][:2] == [8, 10]
    project_cells = IndicatorRollup.objects.filter(
        cluster=None, definition=trained, period_kind="quarter", period_start=Q1, category=""
    )
    assert project_cells.get().value == Decimal(13)


def test_a_quarter_runs_over_its_reporting_periods(client, world, trained):
    page = _page(
        client,
        world.users["cda_a1"],
        reverse("cluster-dashboard", args=[world.a1.pk]),
        period="2025-Q1",
    )
    charts = _charts(page)
    cars = next(c for c in charts.values() if c["type"] == "line")
    assert cars["labels"] == ["Jan 2025", "Feb 2025"]
    assert _series(cars) == {"total": [2, 3]}  # no target, not split: one line
    heads, rows = _table(page, cars["id"].replace("chart-", "table-"))
    assert heads == ["Period", "Actual"] and rows == [["Jan 2025", "2"], ["Feb 2025", "3"]]
    # People trained has one quarter in Q1: no line of one dot.
    assert f"chart-line-{trained.pk}" not in charts


def test_an_indicator_with_one_period_has_no_line(client, world, trained):
    page = _page(
        client,
        world.users["cda_a1"],
        reverse("cluster-dashboard", args=[world.a1.pk]),
        period="2025",
    )
    lines = [c for c in _charts(page).values() if c["type"] == "line"]
    assert [c["id"] for c in lines] == [f"chart-line-{trained.pk}"]  # not HI (one quarter)
    assert page.count('class="line-pair"') == 1


def test_a_long_project_to_date_runs_over_its_years(client, world, trained):
    project = world.project_a
    project.starts_on = datetime.date(2022, 1, 1)
    project.save()
    a1 = trained.indicators.get(cluster=world.a1)
    _approve(a1, datetime.date(2024, 10, 1), datetime.date(2024, 12, 31), 4, women=2, men=2)
    rollup_rebuild(project=project)
    page = _page(client, world.users["coord_a"], reverse("project-dashboard", args=[project.pk]))
    chart = _charts(page)[f"chart-line-{trained.pk}"]
    assert chart["labels"] == ["2022", "2023", "2024", "2025", "2026"]
    assert _series(chart)["total"] == [None, None, 4, 28, None]


def test_a_project_not_started_yet_shows_its_dashboard_without_lines(client, world, trained):
    project = world.project_a
    project.starts_on = datetime.date(2027, 3, 1)
    project.save()
    page = _page(client, world.users["coord_a"], reverse("project-dashboard", args=[project.pk]))
    assert not [c for c in _charts(page).values() if c["type"] == "line"]
