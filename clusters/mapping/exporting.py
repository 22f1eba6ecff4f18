"""Export of the candidate list (CSV and XLSX) and the import templates.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) get a leading single quote. Numbers stay
numbers. The columns match the import template, so an export can be re-imported
into another project (extra columns are ignored by the importer).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from ..models import Cluster
from .fields import CANDIDATE_FIELDS, COMPUTED_FIELDS
from .importing import help_rows, template_rows
from .parsing import FORMULA_PREFIXES

EXPORT_COLUMNS: tuple[str, ...] = (*CANDIDATE_FIELDS, "status", "phase", *COMPUTED_FIELDS)
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_formula(value: Any) -> Any:
    """Prefix a single quote to text a spreadsheet would treat as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def cluster_row(cluster: Cluster) -> list[Any]:
    row: list[Any] = []
    for key in EXPORT_COLUMNS:
        if key == "status":
            value: Any = str(cluster.get_status_display())
        elif key == "phase":
            value = cluster.phase
        else:
            value = getattr(cluster, key)
        row.append(escape_formula(value))
    return row


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(sheets: Sequence[tuple[str, Iterable[Sequence[Any]]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        for row in rows:
            sheet.append([_xlsx_value(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_response(*, clusters: Iterable[Cluster], fmt: str, project_name: str) -> HttpResponse:
    rows: list[Sequence[Any]] = [list(EXPORT_COLUMNS)]
    rows.extend(cluster_row(c) for c in clusters)
    stem = f"clusters-{slugify(project_name) or 'project'}-{timezone.localdate().isoformat()}"
    if fmt == "xlsx":
        return _attachment(xlsx_bytes([("clusters", rows)]), XLSX_TYPE, f"{stem}.xlsx")
    return _attachment(csv_bytes(rows), CSV_TYPE, f"{stem}.csv")


def template_response(*, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        content = xlsx_bytes(
            [
                ("clusters", template_rows()),
                ("help", [[escape_formula(v) for v in row] for row in help_rows()]),
            ]
        )
        return _attachment(content, XLSX_TYPE, "cluster-import-template.xlsx")
    return _attachment(csv_bytes(template_rows()), CSV_TYPE, "cluster-import-template.csv")
