"""The Steering Committee member's quarter: the dashboard read-only, a change of period,
then the quarterly report asked for, rendered, and downloaded as PDF and XLSX.

Approved values are rolled up as the worker would; the PDF's text must carry the
project, a cluster, an indicator with its target and actual, and the women/men split."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from monitoring.models import Disaggregation, IndicatorTarget, ReportJob, ReportStatus
from monitoring.reports.services import report_job_run
from monitoring.rollups.services import rollup_rebuild
from tests.conftest import build_world
from tests.factories import PASSWORD
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory
from tests.monitoring.reports.conftest import Q3, approve
from tests.monitoring.reports.helpers import pdf_text

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _quarter_with_figures(world):
    jobs = DefinitionFactory(
        project=world.project_a,
        code="JOB-1",
        name="Jobs created in cluster firms",
        unit="jobs",
        disaggregation=Disaggregation.SEX,
    )
    a1 = IndicatorFactory(
        cluster=world.a1,
        definition=jobs,
        frequency="quarter",
        baseline_value=Decimal(5),
        end_target=Decimal(400),
    )
    approve(a1, Q3, 1234, women=734, men=500)
    IndicatorTarget.objects.create(indicator=a1, period_start=Q3, value=1500, women=800, men=700)
    rollup_rebuild(project=world.project_a)


def _download(page, link, tmp_path):
    with page.expect_download() as info:
        link.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_steering_member_reads_the_dashboard_and_downloads_the_quarterly_report(
    live_server, browser, shot, tmp_path, queued_tasks
):
    world = build_world()
    _quarter_with_figures(world)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    login(page, live_server, "steer_a", PASSWORD)

    # The dashboard, read-only: figures and charts, no coordinator's actions.
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/dashboard/")
    page.select_option("#id_period", "2026-Q3")
    page.click("#dashboard-filters button[type=submit]")
    page.wait_for_url("**period=2026-Q3**")
    row = page.locator("#table-progress tr", has_text="JOB-1")
    assert "1234" in row.inner_text().replace(",", "").replace("\u202f", "")
    assert "1500" in row.inner_text().replace(",", "").replace("\u202f", "")
    page.wait_for_selector("html.charts-drawn #chart-progress", timeout=10_000)
    assert page.locator("#dashboard-filters").is_visible()
    assert not page.locator("a[href$='/iati.xml']").count()  # the coordinator's download
    shot(page, "steering-dashboard-1280")

    # The quarterly report, as a PDF, then as a workbook.
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/reports/")
    for file_format in ("pdf", "xlsx"):
        page.select_option("#id_period", f"quarter:{Q3.isoformat()}")
        page.select_option("#id_format", file_format)
        page.click("#request-report")
        page.wait_for_selector("text=Preparing")
        job = ReportJob.objects.filter(format=file_format).get()
        assert job.requested_by == world.users["steer_a"] and job.period_start == Q3
        report_job_run(job_id=job.pk)  # what the Celery worker does
        assert ReportJob.objects.get(pk=job.pk).status == ReportStatus.DONE
    page.reload()
    links = page.locator("a.download")
    assert links.count() == 2
    shot(page, "steering-reports-1280")
    files = [_download(page, links.nth(i), tmp_path) for i in range(2)]
    pdf = next(f for f in files if f.suffix == ".pdf")
    xlsx = next(f for f in files if f.suffix == ".xlsx")
    assert "2026-Q3" in pdf.name and "project-a" in pdf.name

    text = pdf_text(pdf.read_bytes()).replace("\u202f", "").replace(",", "")
    for expected in ("Project A", "Cluster A1", "Jobs created in cluster firms", "1500", "1234"):
        assert expected in text, expected
    assert "734" in text and "500" in text  # women and men

    sheet = load_workbook(xlsx)["Indicators"]
    numbers = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 1234 in numbers and 734 in numbers and 500 in numbers  # numbers, not text
    context.close()


def test_a_phone_shows_the_tables_and_the_charts_only_when_asked(live_server, browser, shot):
    world = build_world()
    _quarter_with_figures(world)
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    login(page, live_server, "steer_a", PASSWORD)
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/dashboard/?period=2026-Q3")
    assert page.locator("#table-progress").is_visible()
    assert not any("chart.umd" in url for url in loaded)  # 205 KB not fetched on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "steering-dashboard-360")
    page.click("#charts-show")
    page.wait_for_selector("html.charts-drawn #chart-progress", timeout=10_000)
    assert page.locator("#chart-progress").is_visible()
    assert not page.locator("#charts-offer").is_visible()
    context.close()
