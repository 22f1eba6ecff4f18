"""What the roll-up statements share: the cells' columns, the scope of a computation
(a project's cells, or the cells one value touches), the periods and the SQL helpers."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateTimeField,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from ..models import (
    IndicatorRollup,
    Measure,
    PeriodKind,
)
from ..models.indicators import AMOUNT
from ..periods import period_containing

# A yes/no milestone rolls up as 1 or 0: across clusters, the clusters that say yes.
NUMERIC_MEASURES = (Measure.NUMBER, Measure.PERCENTAGE, Measure.YES_NO)
DECIMAL = DecimalField(**AMOUNT)
COLUMNS = (
    "project_id",
    "cluster_id",
    "definition_id",
    "period_kind",
    "period_start",
    "period_end",
    "category",
    "value",
    "numerator",
    "denominator",
    "periods",
    "rolled_at",
    "shadow",
)
TIME_KINDS = (
    PeriodKind.PERIOD,
    PeriodKind.QUARTER,
    PeriodKind.YEAR,
    PeriodKind.FINANCIAL_YEAR,
    PeriodKind.TO_DATE,
)


def nests(frequency: str, kind: str, fy_start_month: int) -> bool:
    """Whether every period of ``frequency`` lies inside one period of ``kind``."""
    if kind in (PeriodKind.PERIOD, PeriodKind.FINANCIAL_YEAR, PeriodKind.TO_DATE):
        return True
    if frequency == "month":
        return True
    if frequency == "quarter":  # fiscal quarters are calendar quarters iff aligned
        return fy_start_month % 3 == 1
    return kind == PeriodKind.YEAR and fy_start_month == 1


def bucket_of(day: datetime.date, kind: str, fy_start_month: int) -> datetime.date:
    if kind == PeriodKind.QUARTER:
        return period_containing(day, "quarter", 1).start
    if kind == PeriodKind.YEAR:
        return period_containing(day, "year", 1).start
    return period_containing(day, "year", fy_start_month).start


@dataclass
class Scope:
    """Which cells to compute: a project's, narrowed to some indicators (and their
    definitions' project cells) and to the buckets holding some period starts."""

    project_id: int
    project_start: datetime.date
    fy_start_month: int = 1
    indicator_ids: list[int] | None = None
    definition_ids: list[int] | None = None
    period_starts: list[datetime.date] | None = None  # the changed periods
    shadow: bool = False
    now: datetime.datetime = field(default_factory=timezone.now)

    def bucket_range(self, kind: str) -> list[tuple[datetime.date, datetime.date]] | None:
        """The date ranges of the buckets of ``kind`` that hold a changed period."""
        if self.period_starts is None or kind == PeriodKind.TO_DATE:
            return None
        if kind == PeriodKind.PERIOD:
            return [(d, d) for d in self.period_starts]
        size = "quarter" if kind == PeriodKind.QUARTER else "year"
        month = self.fy_start_month if kind == PeriodKind.FINANCIAL_YEAR else 1
        return [
            (p.start, p.end)
            for p in {period_containing(d, size, month) for d in self.period_starts}
        ]


def _const(value, output_field) -> Value:
    return Value(value, output_field=output_field)


def _in_ranges(ranges: Iterable[tuple[datetime.date, datetime.date]], path: str) -> Q:
    q = Q()
    for first, last in ranges:
        q |= Q(**{f"{path}__gte": first, f"{path}__lte": last})
    return q


def _insert(qs: QuerySet) -> int:
    sql, params = qs.query.sql_with_params()
    table = IndicatorRollup._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(COLUMNS)}) {sql}", params)
        return cursor.rowcount


def _head(scope: Scope, kind: str) -> dict:
    return {
        "r_project": _const(scope.project_id, IntegerField()),
        "r_kind": _const(kind, CharField()),
        "r_rolled_at": _const(scope.now, DateTimeField()),
        "r_shadow": _const(scope.shadow, BooleanField()),
    }


# The select list, in the order of COLUMNS.
SELECTED = (
    "r_project",
    "r_cluster",
    "r_definition",
    "r_kind",
    "b_start",
    "b_end",
    "cat",
    "r_value",
    "r_num",
    "r_den",
    "n",
    "r_rolled_at",
    "r_shadow",
)


def _ratio(numerator: str, denominator: str) -> Case:
    return Case(
        When(**{denominator: 0}, then=_const(None, DECIMAL)),
        # A float factor: SQLite divides whole numbers as integers (33 * 100 / 303 = 10).
        # The percentage is kept to 4 decimals, well within a float's precision.
        default=F(numerator) * _const(100.0, FloatField()) / F(denominator),
        output_field=DECIMAL,
    )
