"""The report's data as tables: an XLSX workbook (one sheet per table) and a CSV file
(the indicator table).

Numbers stay numbers (a spreadsheet can add them up), each disaggregation has its own
columns, and no text can become a formula: a cell starting with = + - @ (or a tab or a
carriage return, which some spreadsheets strip first) gets a leading apostrophe, as
OWASP advises against CSV injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .figures import IndicatorRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, made plain text; numbers untouched."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value is None:
        return None
    if isinstance(value, int | float):
        return value
    return escape_formula(str(value))


@dataclass
class Table:
    sheet: str  # at most 31 characters (an Excel limit)
    headers: list[str]
    rows: list[list[Any]]


def _indicator_table(project_rows: Sequence[IndicatorRow], sections: Iterable[dict]) -> Table:
    headers = [
        _("Cluster"),
        _("Code"),
        _("Indicator"),
        _("Unit"),
        _("Level"),
        _("Baseline"),
        _("Baseline, women"),
        _("Baseline, men"),
        _("Target"),
        _("Target, women"),
        _("Target, men"),
        _("Actual"),
        _("Actual, women"),
        _("Actual, men"),
        _("Progress against target"),
    ]
    rows = []
    everyone = [(_("Whole project"), r) for r in project_rows] + [
        (s["cluster"].name, r) for s in sections for r in s["indicators"]
    ]
    for where, r in everyone:
        rows.append(
            [
                where,
                r.code,
                r.name,
                r.unit,
                r.level,
                r.baseline.total,
                r.baseline.women,
                r.baseline.men,
                r.target.total,
                r.target.women,
                r.target.men,
                r.actual.total,
                r.actual.women,
                r.actual.men,
                r.progress,
            ]
        )
    return Table(_("Indicators")[:31], headers, rows)


def report_tables(data: dict[str, Any]) -> list[Table]:
    """The report's tables, from ``progress_report_data``."""
    sections = data["sections"]
    project_rows = data["summary_rows"] if data["cluster"] is None else []
    indicators = _indicator_table(project_rows, sections)
    activity = Table(
        _("Field activity")[:31],
        [_("Cluster"), _("Type"), _("Activities"), _("Women"), _("Men")],
        [
            [s["cluster"].name, row["label"], row["count"], row["women"], row["men"]]
            for s in sections
            if s["activity"]
            for row in s["activity"].rows
            if row["count"]
        ],
    )
    governance_headers = [
        _("Body"),
        _("Meetings"),
        _("Attendance: women"),
        _("Attendance: men"),
        _("Attendance: other or not said"),
        _("Decisions"),
        _("Done"),
        _("Open"),
        _("Dropped"),
    ]
    bodies = [] if data["cluster"] else [(_("Steering Committee"), data["governance"].steering)]
    bodies += [(s["cluster"].name, s["governance"]) for s in sections]
    governance = Table(
        _("Governance")[:31],
        governance_headers,
        [
            [
                label,
                g.meetings,
                g.attendance_women,
                g.attendance_men,
                g.attendance_other,
                g.decisions,
                g.decisions_done,
                g.decisions_open,
                g.decisions_dropped,
            ]
            for label, g in bodies
        ],
    )
    recommendations = Table(
        _("Recommendations")[:31],
        [
            _("Evaluation"),
            _("Cluster"),
            _("Recommendation"),
            _("Response"),
            _("Follow-up"),
            _("Due"),
        ],
        [
            [
                p.evaluation.title,
                p.evaluation.cluster.name if p.evaluation.cluster_id else "",
                p.text,
                p.get_response_display(),
                p.get_follow_up_display(),
                p.due_on.isoformat() if p.due_on else "",
            ]
            for p in data["recommendations"]
        ],
    )
    return [indicators, activity, governance, recommendations]


def tables_to_xlsx(tables: Sequence[Table], *, title: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    seen: set[str] = set()
    for table in tables:
        name = _sheet_name(table.sheet, seen)
        sheet = workbook.create_sheet(name)
        sheet.append([escape_formula(h) for h in table.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
        sheet.freeze_panes = "A2"
        for index, header in enumerate(table.headers, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = max(10, min(50, len(header) + 2))
    workbook.properties.title = escape_formula(title)[:200]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_name(name: str, seen: set[str]) -> str:
    # Excel forbids []:*?/\ in sheet names and needs them unique.
    clean = "".join(c for c in name if c not in "[]:*?/\\")[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate in seen:
        candidate = f"{clean[:28]} {n}"
        n += 1
    seen.add(candidate)
    return candidate


def table_to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads accents and Arabic right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([escape_formula(h) for h in table.headers])
    for row in table.rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
