"""The roll-up SQL. Every cell is computed by ``INSERT INTO ... SELECT ... GROUP BY``
built with the ORM (portable between SQLite and PostgreSQL); the database truncates
each period start to its quarter, year or financial year.

Two steps, each for a set of cells (``Scope``): everything of a project (the full
rebuild) or the cells one approved value touches (incremental). Both run the same
code, so an incremental refresh cannot drift from a rebuild.

1. Indicator cells (cluster indicators, and indicators the project adopted itself)
   from approved values, over time by the definition's time rule: sum, average,
   ratio (sum of numerators over sum of denominators), or the last value of the
   period (stocks, and every cumulative indicator).
2. Project cells of definitions adopted by clusters (not by the project itself), from
   the cluster cells of step 1, by the definition's rule across clusters: sum,
   average, ratio.
Categories (women, men) are rolled up like totals, side by side.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    QuerySet,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from ..models import (
    Disaggregation,
    Indicator,
    IndicatorValue,
    IndicatorValueBreakdown,
    Measure,
    PeriodKind,
    RollupSource,
    TimeAggregation,
    ValueStatus,
)
from .sql import (
    DECIMAL,
    NUMERIC_MEASURES,
    SELECTED,
    TIME_KINDS,
    Scope,
    _const,
    _head,
    _in_ranges,
    _insert,
    bucket_end_expression,
    bucket_start_expression,
    cells_by_rule,
    nests,
)


def _sources(scope: Scope) -> list[QuerySet]:
    """Approved numeric values as rows of (ind, cluster, definition, freq, trule, cat,
    ps, pe, v, num, den): the totals, and the parts of split values."""
    result = []
    for model, prefix, category in (
        (IndicatorValue, "", _const("", CharField())),
        (IndicatorValueBreakdown, "indicator_value__", F("category")),
    ):
        qs = model.objects.filter(
            **{
                f"{prefix}status": ValueStatus.APPROVED,
                f"{prefix}indicator__project_id": scope.project_id,
                f"{prefix}indicator__definition__measure__in": NUMERIC_MEASURES,
            }
        )
        qs = qs.order_by()  # no model ordering: these become parts of UNION ALL
        if scope.indicator_ids is not None:
            qs = qs.filter(**{f"{prefix}indicator_id__in": scope.indicator_ids})
        if scope.definition_ids is not None:
            qs = qs.filter(**{f"{prefix}indicator__definition_id__in": scope.definition_ids})
        definition = f"{prefix}indicator__definition__"
        qs = qs.annotate(
            ind=F(f"{prefix}indicator_id"),
            r_cluster=F(f"{prefix}indicator__cluster_id"),
            r_definition=F(f"{prefix}indicator__definition_id"),
            freq=F(f"{prefix}indicator__frequency"),
            # A cumulative indicator's year is its last value, whatever the time rule.
            trule=Case(
                When(**{f"{definition}cumulative": True}, then=_const("last", CharField())),
                default=F(f"{definition}time_aggregation"),
                output_field=CharField(),
            ),
            cat=category,
            ps=F(f"{prefix}period_start"),
            pe=F(f"{prefix}period_end"),
            v=Case(
                When(
                    **{f"{definition}measure": Measure.YES_NO},
                    then=Case(
                        When(**{f"{prefix}yes_no": True}, then=_const(1, DECIMAL)),
                        default=_const(0, DECIMAL),
                    ),
                ),
                default=F("value"),
                output_field=DECIMAL,
            ),
            num=F("numerator"),
            den=F("denominator"),
        )
        result.append(qs)
    return result


# The columns of a source row, as ``RollupSource`` names them.
SOURCE_COLUMNS = ("ind", "r_cluster", "r_definition", "freq", "trule", "cat")
SOURCE_COLUMNS += ("ps", "pe", "v", "num", "den")


@contextmanager
def _read_once(scope: Scope, sources: list[QuerySet]) -> Iterator[list[QuerySet]]:
    """The sources to group, read once into a temporary table for a full computation:
    its ten statements (five kinds of period, grouped and last) then scan that narrow
    table instead of joining the values to their indicators and definitions ten times
    (at 3M values, the joins were most of the time). A refresh reads a handful of
    values through the indicator's index: it groups them where they are."""
    if scope.indicator_ids is not None:
        yield sources
        return
    table = RollupSource._meta.db_table
    parts = [qs.values_list(*SOURCE_COLUMNS) for qs in sources]
    sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
    with connection.cursor() as cursor:
        # Left over by a computation that failed outside a transaction, in this connection.
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE TEMPORARY TABLE {table} AS {sql}", params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {table}")  # temporary tables get no autovacuum
    yield [RollupSource.objects.all()]
    # Not in a ``finally``: after an error the transaction is rolled back, and with it
    # the table; a statement in an aborted PostgreSQL transaction would hide the error.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {table}")


def _bucket_expressions(scope: Scope, kind: str):
    """(bucket start, bucket end) expressions over a source row's ``ps`` / ``pe``."""
    if kind == PeriodKind.PERIOD:
        return F("ps"), F("pe")
    if kind == PeriodKind.TO_DATE:
        return _const(scope.project_start, DateField()), F("pe")
    start = bucket_start_expression(F("ps"), kind, scope.fy_start_month)
    return start, bucket_end_expression(start, kind)


def _frequencies_for(kind: str, fy_start_month: int) -> list[str]:
    return [f for f in ("month", "quarter", "year") if nests(f, kind, fy_start_month)]


def _shapes(scope: Scope) -> tuple[set[str], bool, set[str]]:
    """The time rules, whether any is split, and the frequencies of the indicators in
    scope: the statements that would select nothing are not sent."""
    indicators = Indicator.objects.filter(project_id=scope.project_id)
    if scope.indicator_ids is not None:
        indicators = indicators.filter(pk__in=scope.indicator_ids)
    if scope.definition_ids is not None:
        indicators = indicators.filter(definition_id__in=scope.definition_ids)
    rows = indicators.values_list(
        "definition__time_aggregation",
        "definition__cumulative",
        "definition__disaggregation",
        "frequency",
    ).distinct()
    rules = {TimeAggregation.LAST if cumulative else rule for rule, cumulative, _d, _f in rows}
    split = any(d != Disaggregation.NONE for _r, _c, d, _f in rows)
    return rules, split, {f for _r, _c, _d, f in rows}


def indicator_cells(scope: Scope) -> int:
    """Step 1: cells of each indicator (cluster or project indicator) over time: one
    INSERT per source and kind of rule, all kinds of period at once."""
    rules, split, frequencies = _shapes(scope)
    with _read_once(scope, _sources(scope)[: 2 if split else 1]) as sources:
        return _insert_cells(scope, sources, rules, frequencies)


def _insert_cells(
    scope: Scope, sources: list[QuerySet], rules: set[str], frequencies: set[str]
) -> int:
    inserted = 0
    for src in sources:
        grouped, last = [], []
        for kind in TIME_KINDS:
            wanted = frequencies & set(_frequencies_for(kind, scope.fy_start_month))
            if not wanted:
                continue
            qs = src.filter(freq__in=sorted(wanted))
            ranges = scope.bucket_range(kind)
            if ranges is not None:
                qs = qs.filter(_in_ranges(ranges, "ps"))
            bucket_start, bucket_end = _bucket_expressions(scope, kind)
            if rules - {TimeAggregation.LAST}:
                grouped.append(_grouped(scope, kind, qs, bucket_start, bucket_end))
            if TimeAggregation.LAST in rules:
                last.append(_last(scope, kind, qs, bucket_start, bucket_end))
        for parts in (grouped, last):
            if parts:
                inserted += _insert(parts[0].union(*parts[1:], all=True))
    return inserted


def _grouped(scope: Scope, kind: str, qs: QuerySet, bucket_start, bucket_end) -> QuerySet:
    """The sum, average and ratio rules: one GROUP BY per bucket."""
    rows = qs.exclude(trule=TimeAggregation.LAST).annotate(
        **_head(scope, kind), b_start=bucket_start, b_end_row=bucket_end
    )
    return cells_by_rule(
        rows,
        rule="trule",
        rules=TimeAggregation,
        end="b_end_row",
        value="v",
        numerator="num",
        denominator="den",
        periods=Count("ps"),
    )


def _last(scope: Scope, kind: str, qs: QuerySet, bucket_start, bucket_end) -> QuerySet:
    """The last-value rule (stocks, cumulative indicators): the latest period of each
    bucket, picked with a window function."""
    partition = [F("ind"), F("cat"), F("b_start")]
    return (
        qs.filter(trule=TimeAggregation.LAST)
        .annotate(**_head(scope, kind), b_start=bucket_start, b_end=bucket_end)
        .annotate(
            rank=Window(RowNumber(), partition_by=partition, order_by=F("ps").desc()),
            n=Window(Count("ps"), partition_by=partition),
            r_value=F("v"),
            r_num=F("num"),
            r_den=F("den"),
        )
        .filter(rank=1)
        .values_list(*SELECTED)
    )
