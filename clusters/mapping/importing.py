"""Bulk import of candidate clusters from CSV or XLSX: reading and validation.

Nothing here writes to the database. ``parse_upload`` reads an uploaded file,
checks every cell of every row and returns an ``ImportPreview`` listing each
error by row number and column; ``clusters.mapping.services.cluster_candidates_import``
re-validates the rows (``validate_records``) and saves them all in one
transaction, or nothing.

The file's first row holds the column names (the model's field names, see
``COLUMNS``, the candidate's fields); the first data row is row 2, as a spreadsheet numbers it.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Cluster, ExportOrientation, Project, Sector
from .fields import CANDIDATE_FIELDS
from .parsing import PARSERS, display, is_blank

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60


@dataclass(frozen=True)
class Column:
    key: str  # the header in the file, also the model field name
    kind: str = "text"  # text | int | decimal | date | sector | export | growth
    required: bool = False
    help: Any = ""

    @property
    def label(self) -> str:
        return str(Cluster._meta.get_field(self.key).verbose_name)


WHOLE_NUMBER = gettext_lazy("Whole number; empty if unknown.")
# What a column holds beyond text, by field; the columns and their order are the
# candidate's fields (``fields.CANDIDATE_FIELDS``).
COLUMN_DETAILS: dict[str, dict[str, Any]] = {
    "name": {"required": True, "help": gettext_lazy("Unique within the project.")},
    "sector": {
        "kind": "sector",
        "required": True,
        "help": gettext_lazy("A sector code or its name (see the list)."),
    },
    "latitude": {"kind": "decimal", "help": gettext_lazy("Decimal degrees, -90 to 90.")},
    "longitude": {"kind": "decimal", "help": gettext_lazy("Decimal degrees, -180 to 180.")},
    "enterprises_micro": {"kind": "int", "help": WHOLE_NUMBER},
    "enterprises_small": {"kind": "int", "help": WHOLE_NUMBER},
    "enterprises_medium": {"kind": "int", "help": WHOLE_NUMBER},
    "enterprises_large": {"kind": "int", "help": WHOLE_NUMBER},
    "employment_women": {"kind": "int", "help": WHOLE_NUMBER},
    "employment_men": {"kind": "int", "help": WHOLE_NUMBER},
    "women_owned_share": {"kind": "decimal", "help": gettext_lazy("Percent, 0 to 100.")},
    "export_orientation": {
        "kind": "export",
        "help": gettext_lazy("none, low, medium or high (or empty)."),
    },
    "growth_potential": {"kind": "growth", "help": gettext_lazy("1 (very low) to 5 (very high).")},
    "information_date": {"kind": "date", "help": gettext_lazy("YYYY-MM-DD, not in the future.")},
}
COLUMNS: tuple[Column, ...] = tuple(
    Column(key, **COLUMN_DETAILS.get(key, {})) for key in CANDIDATE_FIELDS
)
COLUMN_BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (type, size, layout)."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ParsedRow:
    number: int  # the spreadsheet's row number (header is row 1)
    cells: dict[str, str]  # what the file said, for the preview
    values: dict[str, Any] = field(default_factory=dict)  # typed values of valid cells
    errors: dict[str, list[str]] = field(default_factory=dict)  # column -> messages

    def add_error(self, column: str, message: str) -> None:
        self.errors.setdefault(column, []).append(message)


@dataclass
class ImportPreview:
    filename: str
    columns: list[str]
    rows: list[ParsedRow]
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[RowError]:
        order = {key: i for i, key in enumerate(CANDIDATE_FIELDS)}
        return [
            RowError(row.number, column, message)
            for row in self.rows
            for column in sorted(row.errors, key=lambda c: order.get(c, -1))
            for message in row.errors[column]
        ]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.errors)


# Reading files --------------------------------------------------------------


def parse_upload(*, project: Project, upload: Any) -> ImportPreview:
    """Read an uploaded CSV or XLSX file and validate every row against ``project``."""
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ImportFileError(
            _("The file is too large (%(size).1f MB); the limit is %(limit)d MB.")
            % {"size": size / 1024 / 1024, "limit": MAX_BYTES // 1024 // 1024}
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is too large; the limit is %(limit)d MB.")
            % {"limit": MAX_BYTES // 1024 // 1024}
        )
    return parse_bytes(project=project, data=data, filename=name)


def parse_bytes(*, project: Project, data: bytes, filename: str) -> ImportPreview:
    lower = filename.lower()
    if lower.endswith(".csv"):
        table = read_csv(data)
    elif lower.endswith(".xlsx"):
        table = read_xlsx(data)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    return validate_table(project=project, table=table, filename=filename)


def read_csv(data: bytes) -> Iterator[list[Any]]:
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("This is not a text CSV file."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ImportFileError(_("The CSV file's text encoding is not UTF-8."))
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    return iter(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def read_xlsx(data: bytes) -> Iterator[Sequence[Any]]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(_("The file is not an Excel (.xlsx) workbook."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        return sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    except Exception as exc:  # openpyxl raises many kinds of errors on a bad file
        raise ImportFileError(_("The Excel workbook could not be read.")) from exc


def _header_key(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.strip().strip("*").strip().lower().replace(" ", "_").replace("-", "_")


def validate_table(
    *, project: Project, table: Iterable[Sequence[Any]], filename: str
) -> ImportPreview:
    rows_iter = iter(table)
    try:
        header = next(rows_iter)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    except Exception as exc:
        raise ImportFileError(_("The file could not be read.")) from exc
    keys = [_header_key(h) for h in header][:MAX_COLUMNS]
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for i, key in enumerate(keys):
        if not key:
            continue
        if key in positions:
            raise ImportFileError(_("The column “%(column)s” appears twice.") % {"column": key})
        if key in COLUMN_BY_KEY:
            positions[key] = i
        else:
            ignored.append(str(header[i]).strip())
    missing = [c.key for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        raise ImportFileError(
            _("The file has no %(columns)s column. Start from the template.")
            % {"columns": ", ".join(f"“{m}”" for m in missing)}
        )
    columns = [c.key for c in COLUMNS if c.key in positions]
    parsed: list[ParsedRow] = []
    try:
        for number, raw in enumerate(rows_iter, start=2):
            if raw is None or all(is_blank(v) for v in raw):
                continue
            if len(parsed) >= MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(limit)s rows; split it into smaller files.")
                    % {"limit": f"{MAX_ROWS:,}"}
                )
            parsed.append(_parse_row(number, raw, positions))
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(_("The file could not be read.")) from exc
    if not parsed:
        raise ImportFileError(_("The file has no data rows."))
    validate_records(project=project, rows=parsed)
    return ImportPreview(filename=filename, columns=columns, rows=parsed, ignored_columns=ignored)


def _parse_row(number: int, raw: Sequence[Any], positions: dict[str, int]) -> ParsedRow:
    cells: dict[str, str] = {}
    row = ParsedRow(number=number, cells=cells)
    for key, index in positions.items():
        value = raw[index] if index < len(raw) else None
        cells[key] = display(value)
        column = COLUMN_BY_KEY[key]
        if is_blank(value):
            if column.required:
                row.add_error(key, _("A value is required."))
            continue
        try:
            row.values[key] = PARSERS[column.kind](value)
        except ValidationError as exc:
            for message in exc.messages:
                row.add_error(key, message)
    return row


# Record validation (shared with the import service) ---------------------------


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places))


def validate_records(*, project: Project, rows: list[ParsedRow]) -> list[Cluster]:
    """Check every row's values as the model would, plus names unique in the file and
    in the project (one query). Adds errors to the rows; returns unsaved clusters."""
    existing = {
        _name_key(n) for n in Cluster.objects.filter(project=project).values_list("name", flat=True)
    }
    seen: dict[str, int] = {}
    clusters: list[Cluster] = []
    decimal_places = {
        key: Cluster._meta.get_field(key).decimal_places
        for key in CANDIDATE_FIELDS
        if COLUMN_BY_KEY[key].kind == "decimal"
    }
    for row in rows:
        values = dict(row.values)
        for key, places in decimal_places.items():
            if isinstance(values.get(key), Decimal):
                values[key] = _round(values[key], places)
        cluster = Cluster(project=project, **values)
        exclude = ["project", "created_by", *row.errors]
        try:
            cluster.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                column = key if key in COLUMN_BY_KEY else "name"
                for message in messages:
                    row.add_error(column, message)
        name = values.get("name")
        if name:
            key = _name_key(name)
            if key in existing:
                row.add_error("name", _("A cluster with this name already exists in the project."))
            elif key in seen:
                row.add_error(
                    "name", _("This name is already used on row %(row)d.") % {"row": seen[key]}
                )
            else:
                seen[key] = row.number
        row.values = values
        clusters.append(cluster)
    return clusters


# Keeping validated rows between preview and confirm ------------------------------


def rows_to_json(rows: Iterable[ParsedRow]) -> list[dict[str, Any]]:
    """Typed values as JSON-safe dicts (for the session)."""
    result = []
    for row in rows:
        item: dict[str, Any] = {"_row": row.number}
        for key, value in row.values.items():
            if isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            item[key] = value
        result.append(item)
    return result


def rows_from_json(items: Iterable[dict[str, Any]]) -> list[ParsedRow]:
    rows = []
    for item in items:
        values: dict[str, Any] = {}
        for key, value in item.items():
            column = COLUMN_BY_KEY.get(key)
            if column is None or value is None:
                continue
            if column.kind == "decimal":
                value = Decimal(value)
            elif column.kind == "date":
                value = datetime.date.fromisoformat(value)
            values[key] = value
        rows.append(ParsedRow(number=int(item.get("_row", 0)), cells={}, values=values))
    return rows


# The template -------------------------------------------------------------------


def template_rows() -> list[list[str]]:
    """Header row for the CSV and XLSX templates."""
    return [list(CANDIDATE_FIELDS)]


def help_rows() -> list[list[str]]:
    """One line per column for the template's help sheet."""
    rows = [[_("column"), _("meaning"), _("required"), _("notes")]]
    for c in COLUMNS:
        rows.append([c.key, c.label, _("yes") if c.required else "", str(c.help)])
    rows.append([])
    rows.append([_("sector codes"), ", ".join(Sector.values)])
    rows.append([_("export orientation"), ", ".join(ExportOrientation.values)])
    rows.append([_("growth potential"), "1, 2, 3, 4, 5"])
    rows.append(
        [_("limits"), _("At most %(rows)s rows and 5 MB per file.") % {"rows": f"{MAX_ROWS:,}"}]
    )
    return rows
