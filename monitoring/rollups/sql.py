"""What the roll-up statements share: the cells' columns, the scope of a computation
(a project's cells, or the cells one value touches), the periods and the SQL helpers."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    BooleanField,
    Case,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Trunc
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


class AddMonths(Func):
    """``date + months + days`` as a date, on PostgreSQL and on SQLite (the shifts are
    whole numbers written into the SQL, never user input)."""

    output_field = DateField()

    def __init__(self, expression, months: int, days: int = 0):
        self.months, self.days = int(months), int(days)
        super().__init__(expression, output_field=DateField())

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "sqlite":
            return f"date({sql}, '{self.months:+d} months', '{self.days:+d} days')", params
        interval = f"make_interval(months => {self.months}, days => {self.days})"
        return f"(({sql}) + {interval})::date", params


def bucket_start_expression(start, kind: str, fy_start_month: int):
    """The first day of the quarter, year or financial year holding the date ``start``
    (periods start on the first of a month): the database truncates, row by row."""
    if kind == PeriodKind.QUARTER:
        return Trunc(start, "quarter", output_field=DateField())
    if kind == PeriodKind.YEAR or fy_start_month == 1:
        return Trunc(start, "year", output_field=DateField())
    # A financial year starting in month m: back m - 1 months, to the year, forward again.
    shift = fy_start_month - 1
    return AddMonths(Trunc(AddMonths(start, -shift), "year", output_field=DateField()), shift)


def bucket_end_expression(bucket_start, kind: str):
    """The last day of the bucket that starts on ``bucket_start``."""
    return AddMonths(bucket_start, 3 if kind == PeriodKind.QUARTER else 12, -1)


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


# What makes one cell (with the constants every cell of a computation carries).
CELL_KEY = ("r_project", "r_cluster", "r_definition", "r_kind", "b_start", "cat")


def cells_by_rule(
    rows: QuerySet,
    *,
    rule: str,
    rules: type[TextChoices],
    end: str,
    value: str,
    numerator: str,
    denominator: str,
    periods: Aggregate,
) -> QuerySet:
    """The cells of ``rows`` (annotated with the ``CELL_KEY`` fields and the rule), one
    GROUP BY: the bucket's last day, and the value by the rule in the field ``rule``:
    the sum, the average, or otherwise the ratio of the summed numerators and
    denominators. ``rules`` is the rule's choices (across periods or across clusters)."""
    return (
        rows.values(*CELL_KEY, rule, "r_rolled_at", "r_shadow")
        .annotate(
            b_end=Max(end),
            s_v=Sum(value),
            a_v=Avg(value),
            r_num=Sum(numerator),
            r_den=Sum(denominator),
            n=periods,
        )
        .annotate(
            r_value=Case(
                When(**{rule: rules.SUM}, then=F("s_v")),
                When(**{rule: rules.AVERAGE}, then=F("a_v")),
                default=_ratio("r_num", "r_den"),
                output_field=DECIMAL,
            )
        )
        .values_list(*SELECTED)
    )
