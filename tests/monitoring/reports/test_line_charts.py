"""The progress report's line charts: an indicator with figures in more than one of the
report's periods is drawn over them (an SVG beside the table of the same numbers), from
the roll-up cells, with its target and women and men."""

import base64
import datetime

import pytest

from monitoring.models.reports import ReportJob, ReportKind, ReportPeriodKind
from monitoring.reports.charts import indicator_line_charts
from monitoring.reports.line_charts import report_lines
from monitoring.reports.periods import report_period
from monitoring.reports.selectors import progress_report_data
from monitoring.reports.services import render_report_file
from monitoring.rollups.services import rollup_rebuild
from tests.factories import ClusterFactory
from tests.monitoring.factories import IndicatorFactory

from .conftest import Q3, approve
from .helpers import pdf_text

pytestmark = pytest.mark.django_db

YEAR = datetime.date(2026, 1, 1)


def _year(project):
    return report_period(ReportPeriodKind.YEAR, YEAR, project_start=project.starts_on)


def _svg(data_uri: str) -> str:
    assert data_uri.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(data_uri.split(",", 1)[1]).decode()


def test_a_year_report_draws_each_indicator_over_its_quarters(figures):
    project = figures.world.project_a
    (jobs,) = progress_report_data(project=project, period=_year(project))["summary_lines"]
    assert jobs.code == "JOB-1"
    # The project's quarter cells: A1 20 in Q2; A1 1,234 + A2 16 in Q3. Targets of Q3:
    # 1,500 + 20.
    assert [(r.label, r.actual, r.target, r.women, r.men) for r in jobs.rows] == [
        ("Q1 2026", "—", "—", "—", "—"),
        ("Q2 2026", "20", "—", "12", "8"),
        ("Q3 2026", "1,250", "1,520", "740", "510"),
        ("Q4 2026", "—", "—", "—", "—"),
    ]
    svg = _svg(jobs.chart)
    assert "<svg" in svg and "<script" not in svg
    assert 'class="graph line-graph' in svg  # pygal's line chart
    for legend in ("Actual", "Target", "Women", "Men"):
        assert f">{legend}<" in svg
    assert "Q2 2026" in svg and "Q3 2026" in svg


def test_the_pdf_prints_the_line_and_its_table(figures):
    world = figures.world
    job = ReportJob.objects.create(
        project=world.project_a, period_kind="year", period_start=YEAR, language="en"
    )
    data = render_report_file(job)
    text = pdf_text(data)
    assert "Indicators over the periods" in text
    # The table beside the chart: period, actual, target, women, men.
    assert "Q2 2026 20 — 12 8" in text and "Q3 2026 1,250 1,520 740 510" in text
    assert data.count(b"/Subtype /Image") == 0  # vectors, not pictures of the charts


def test_a_quarter_of_quarterly_values_has_no_line(figures):
    project = figures.world.project_a
    quarter = report_period(ReportPeriodKind.QUARTER, Q3, project_start=project.starts_on)
    assert progress_report_data(project=project, period=quarter)["summary_lines"] == []
    job = ReportJob.objects.create(project=project, period_kind="quarter", period_start=Q3)
    assert "Indicators over the periods" not in pdf_text(render_report_file(job))


def test_a_cluster_report_draws_that_clusters_line(figures):
    world = figures.world
    job = ReportJob.objects.create(
        project=world.project_a,
        kind=ReportKind.CLUSTER,
        cluster=world.a1,
        period_kind="year",
        period_start=YEAR,
    )
    text = pdf_text(render_report_file(job))
    assert "Q2 2026 20 — 12 8" in text and "Q3 2026 1,234 1,500 734 500" in text
    # A2 has one quarter of values: no line in its own report.
    assert (
        report_lines(project=world.project_a, period=_year(world.project_a), cluster=world.a2) == []
    )


def test_the_lines_read_a_fixed_number_of_queries(figures, django_assert_num_queries):
    project = figures.world.project_a
    with django_assert_num_queries(2):  # the cells, the targets
        indicator_line_charts(project=project, period=_year(project))
    for _ in range(6):
        indicator = IndicatorFactory(
            cluster=ClusterFactory(project=project), definition=figures.jobs
        )
        approve(indicator, datetime.date(2026, 4, 1), 1, women=1, men=0)
        approve(indicator, Q3, 2, women=1, men=1)
    rollup_rebuild(project=project)
    with django_assert_num_queries(2):
        (jobs,) = indicator_line_charts(project=project, period=_year(project))
    assert [r.actual for r in jobs.rows[1:3]] == ["26", "1,262"]
