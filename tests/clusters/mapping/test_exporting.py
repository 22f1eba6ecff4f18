"""Exports of the candidate list: formula escaping, numbers kept, scope applied."""

import csv
import io

import pytest
from openpyxl import load_workbook

from clusters.mapping import importing
from clusters.mapping.exporting import EXPORT_COLUMNS, escape_formula
from clusters.models import Cluster

pytestmark = pytest.mark.django_db

DANGEROUS = {
    "main_products": '=HYPERLINK("http://evil.example","x")',
    "support_institutions": "+1+2",
    "information_source": "@SUM(A1)",
    "locality": "-2+3",
    "region": "\tTabbed",
}


def _arm(cluster):
    Cluster.objects.filter(pk=cluster.pk).update(
        **DANGEROUS, latitude="14.5", longitude="-16.25", enterprises_micro=12
    )


def _export_csv(client, project):
    response = client.get(f"/projects/{project.pk}/candidates/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_escape_formula():
    for value in ["=1", "+1", "-1", "@x", "\tx", "\rx"]:
        assert escape_formula(value) == "'" + value
    assert escape_formula("Shoes") == "Shoes"
    assert escape_formula(-16.5) == -16.5
    assert escape_formula(None) is None


def test_csv_export_escapes_formulas_and_keeps_numbers(client, world):
    _arm(world.a1)
    client.force_login(world.users["coord_a"])
    rows = {r["name"]: r for r in _export_csv(client, world.project_a)}
    a1 = rows["Cluster A1"]
    for field, value in DANGEROUS.items():
        assert a1[field] == "'" + value
    assert a1["longitude"] == "-16.25"  # a number, not text: not escaped
    assert a1["latitude"] == "14.5"
    assert a1["enterprises_micro"] == "12"
    assert a1["enterprises_total"] == "12"
    assert list(rows["Cluster A1"].keys()) == list(EXPORT_COLUMNS)


def test_xlsx_export_escapes_formulas_and_keeps_numbers(client, world):
    _arm(world.a1)
    client.force_login(world.users["coord_a"])
    response = client.get(f"/projects/{world.project_a.pk}/candidates/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header == list(EXPORT_COLUMNS)
    by_name = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    a1 = dict(zip(header, by_name["Cluster A1"], strict=True))
    for field, value in DANGEROUS.items():
        assert a1[field].value == "'" + value
        assert a1[field].data_type == "s"  # a string, never a formula
    assert a1["longitude"].value == -16.25 and a1["longitude"].data_type == "n"


def test_exports_are_scoped_to_what_the_user_sees(client, world):
    client.force_login(world.users["cda_a1"])
    names = [r["name"] for r in _export_csv(client, world.project_a)]
    assert names == ["Cluster A1"]
    client.force_login(world.users["coord_b"])
    assert client.get(f"/projects/{world.project_a.pk}/candidates/export.csv").status_code == 404
    assert client.get(f"/projects/{world.project_b.pk}/candidates/export.exe").status_code == 404


def test_an_export_imports_back_into_another_project(client, world):
    _arm(world.a1)
    client.force_login(world.users["admin"])
    response = client.get(f"/projects/{world.project_a.pk}/candidates/export.xlsx")
    preview = importing.parse_bytes(
        project=world.project_b, data=response.content, filename="export.xlsx"
    )
    assert preview.is_valid, preview.errors
    values = {r.values["name"]: r.values for r in preview.rows}
    assert values["Cluster A1"]["main_products"] == DANGEROUS["main_products"]
    assert set(preview.ignored_columns) == {
        "status",
        "phase",
        "enterprises_total",
        "employment_total",
    }
