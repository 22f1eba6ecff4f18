"""The roll-up SQL. Every cell is computed by ``INSERT INTO ... SELECT ... GROUP BY``
built with the ORM (portable between SQLite and PostgreSQL); Python only maps the few
distinct period start dates to their quarters and years.

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

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from ..models import (
    ClusterAggregation,
    Disaggregation,
    Indicator,
    IndicatorRollup,
    IndicatorValue,
    IndicatorValueBreakdown,
    Measure,
    PeriodKind,
    TimeAggregation,
    ValueStatus,
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


def _bucket_expressions(scope: Scope, kind: str, starts: Iterable[datetime.date]):
    """(bucket start, bucket end) expressions over a source row's ``ps`` / ``pe``."""
    if kind == PeriodKind.PERIOD:
        return F("ps"), F("pe")
    if kind == PeriodKind.TO_DATE:
        return _const(scope.project_start, DateField()), F("pe")
    size = "quarter" if kind == PeriodKind.QUARTER else "year"
    month = scope.fy_start_month if kind == PeriodKind.FINANCIAL_YEAR else 1
    days = sorted(set(starts))
    if not days:
        return F("ps"), F("pe")
    buckets = {day: period_containing(day, size, month) for day in days}
    start = Case(
        *[When(ps=d, then=_const(b.start, DateField())) for d, b in buckets.items()],
        output_field=DateField(),
    )
    end = Case(
        *[When(ps=d, then=_const(b.end, DateField())) for d, b in buckets.items()],
        output_field=DateField(),
    )
    return start, end


def _insert(qs: QuerySet) -> int:
    sql, params = qs.query.sql_with_params()
    table = IndicatorRollup._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(COLUMNS)}) {sql}", params)
        return cursor.rowcount


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
    INSERT per source (totals, parts) and kind of rule, all kinds of period at once."""
    rules, split, frequencies = _shapes(scope)
    sources = _sources(scope)[: 2 if split else 1]
    starts_of = sources[0]
    if scope.period_starts is not None:  # only the periods of the touched buckets
        widest = scope.bucket_range(PeriodKind.YEAR) + scope.bucket_range(PeriodKind.FINANCIAL_YEAR)
        starts_of = starts_of.filter(_in_ranges(widest, "ps"))
    starts = set(starts_of.values_list("period_start", flat=True).distinct())
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
            bucket_start, bucket_end = _bucket_expressions(scope, kind, starts)
            if rules - {TimeAggregation.LAST}:
                grouped.append(_grouped(scope, kind, qs, bucket_start, bucket_end))
            if TimeAggregation.LAST in rules:
                last.append(_last(scope, kind, qs, bucket_start, bucket_end))
        for parts in (grouped, last):
            if parts:
                inserted += _insert(parts[0].union(*parts[1:], all=True))
    return inserted


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


def _grouped(scope: Scope, kind: str, qs: QuerySet, bucket_start, bucket_end) -> QuerySet:
    """The sum, average and ratio rules: one GROUP BY per bucket."""
    return (
        qs.exclude(trule=TimeAggregation.LAST)
        .annotate(**_head(scope, kind), b_start=bucket_start, b_end_row=bucket_end)
        .values(
            "r_project",
            "r_cluster",
            "r_definition",
            "r_kind",
            "b_start",
            "trule",
            "cat",
            "r_rolled_at",
            "r_shadow",
        )
        .annotate(
            b_end=Max("b_end_row"),
            s_v=Sum("v"),
            a_v=Avg("v"),
            r_num=Sum("num"),
            r_den=Sum("den"),
            n=Count("ps"),
        )
        .annotate(
            r_value=Case(
                When(trule=TimeAggregation.SUM, then=F("s_v")),
                When(trule=TimeAggregation.AVERAGE, then=F("a_v")),
                default=_ratio("r_num", "r_den"),
                output_field=DECIMAL,
            )
        )
        .values_list(*SELECTED)
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


def project_cells(scope: Scope) -> int:
    """Step 2: project cells of definitions that clusters adopted (and the project did
    not adopt itself), from the cluster cells of step 1, by the rule across clusters.
    Reporting periods are left out: clusters may report one definition at different
    frequencies, and quarters, years and to date line them up."""
    adopted_by_project = Indicator.objects.filter(
        project_id=scope.project_id, cluster__isnull=True
    ).values("definition_id")
    cells = (
        IndicatorRollup.objects.filter(
            project_id=scope.project_id, cluster__isnull=False, shadow=scope.shadow
        )
        .exclude(period_kind=PeriodKind.PERIOD)
        .exclude(definition_id__in=adopted_by_project)
    )
    if scope.definition_ids is not None:
        cells = cells.filter(definition_id__in=scope.definition_ids)
    if scope.period_starts is not None:
        touched = Q(period_kind=PeriodKind.TO_DATE)
        for kind in (PeriodKind.QUARTER, PeriodKind.YEAR, PeriodKind.FINANCIAL_YEAR):
            starts = [first for first, _last in scope.bucket_range(kind)]
            touched |= Q(period_kind=kind, period_start__in=starts)
        cells = cells.filter(touched)
    qs = (
        cells.annotate(
            r_project=_const(scope.project_id, IntegerField()),
            r_cluster=_const(None, IntegerField()),
            r_definition=F("definition_id"),
            r_kind=F("period_kind"),
            b_start=F("period_start"),
            cat=F("category"),
            crule=F("definition__cluster_aggregation"),
            r_rolled_at=_const(scope.now, DateTimeField()),
            r_shadow=_const(scope.shadow, BooleanField()),
        )
        .values(
            "r_project",
            "r_cluster",
            "r_definition",
            "r_kind",
            "b_start",
            "cat",
            "crule",
            "r_rolled_at",
            "r_shadow",
        )
        .annotate(
            b_end=Max("period_end"),
            s_v=Sum("value"),
            a_v=Avg("value"),
            r_num=Sum("numerator"),
            r_den=Sum("denominator"),
            n=Sum("periods"),
        )
        .annotate(
            r_value=Case(
                When(crule=ClusterAggregation.SUM, then=F("s_v")),
                When(crule=ClusterAggregation.AVERAGE, then=F("a_v")),
                default=_ratio("r_num", "r_den"),
                output_field=DECIMAL,
            )
        )
        .values_list(*SELECTED)
    )
    return _insert(qs)


def delete_cells(scope: Scope) -> int:
    """Remove the cells ``scope`` is about to compute again."""
    cells = IndicatorRollup.objects.filter(project_id=scope.project_id, shadow=scope.shadow)
    if scope.indicator_ids is not None:
        pairs = Indicator.objects.filter(pk__in=scope.indicator_ids).values_list(
            "definition_id", "cluster_id"
        )
        definitions = {definition for definition, _cluster in pairs}
        mine = Q(cluster__isnull=True, definition_id__in=definitions)  # project cells
        for definition, cluster in pairs:
            mine |= Q(definition_id=definition, cluster_id=cluster)
        cells = cells.filter(mine)
    elif scope.definition_ids is not None:
        cells = cells.filter(definition_id__in=scope.definition_ids)
    if scope.period_starts is not None:
        touched = Q(period_kind=PeriodKind.TO_DATE)
        for kind in TIME_KINDS[:-1]:
            touched |= Q(period_kind=kind) & _in_ranges(scope.bucket_range(kind), "period_start")
        cells = cells.filter(touched)
    deleted, _by_model = cells.delete()
    return deleted
