"""The report's data as XLSX and CSV: numbers stay numbers, the women/men split keeps its
columns, and no text becomes a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from monitoring.models.reports import ReportJob
from monitoring.reports.exports import escape_formula
from monitoring.reports.services import report_job_run

from .conftest import Q3

pytestmark = pytest.mark.django_db


def _job(world, fmt, **fields):
    job = ReportJob.objects.create(
        project=world.project_a, period_kind="quarter", period_start=Q3, format=fmt, **fields
    )
    return report_job_run(job_id=job.pk)


def test_the_workbook_has_a_sheet_per_table_with_numbers_as_numbers(figures):
    job = _job(figures.world, "xlsx")
    assert job.status == "done", job.error
    book = load_workbook(io.BytesIO(job.file.read()))
    assert book.sheetnames == ["Indicators", "Field activity", "Governance", "Recommendations"]
    sheet = book["Indicators"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Cluster", "Code", "Indicator"]
    rows = {
        (r[0], r[1]): dict(zip(headers, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    project = rows[("Whole project", "JOB-1")]
    assert project["Target"] == 1520 and isinstance(project["Target"], int)
    assert (project["Actual"], project["Actual, women"], project["Actual, men"]) == (1250, 740, 510)
    a1 = rows[("Cluster A1", "JOB-1")]
    assert (a1["Target, women"], a1["Target, men"], a1["Baseline"]) == (800, 700, 5)
    assert sheet.cell(row=2, column=headers.index("Actual") + 1).data_type == "n"


def test_a_text_starting_with_a_formula_sign_is_escaped(figures):
    world = figures.world
    world.a1.name = '=HYPERLINK("http://evil.example","click")'
    world.a1.save()
    figures.jobs.name = "+SUM(A1:A9)"
    figures.jobs.save()
    book = load_workbook(io.BytesIO(_job(world, "xlsx").file.read()))
    values = [c for row in book["Indicators"].iter_rows(values_only=True) for c in row]
    assert '\'=HYPERLINK("http://evil.example","click")' in values
    assert "'+SUM(A1:A9)" in values
    assert not any(isinstance(v, str) and v and v[0] in "=+-@" for v in values)
    text = _job(world, "csv").file.read().decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'+SUM(A1:A9)" in cells and not any(c and c[0] in "=+-@" for c in cells)
    assert escape_formula("-2") == "'-2" and escape_formula(-2) == -2
    assert escape_formula("@cmd") == "'@cmd" and escape_formula("plain") == "plain"


def test_the_csv_is_the_indicator_table(figures):
    job = _job(figures.world, "csv")
    assert job.filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(job.file.read().decode("utf-8-sig"))))
    assert rows[0][:3] == ["Cluster", "Code", "Indicator"]
    by_place = {r[0]: r for r in rows[1:]}
    header = rows[0]
    assert by_place["Cluster A1"][header.index("Actual, women")] == "734"
    assert by_place["Whole project"][header.index("Target")] == "1520"
