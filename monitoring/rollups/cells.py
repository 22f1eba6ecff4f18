"""Step 2 of a roll-up (project cells from cluster cells) and the removal of the cells
a computation replaces."""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    DateTimeField,
    F,
    IntegerField,
    Q,
    Sum,
)

from ..models import (
    ClusterAggregation,
    Indicator,
    IndicatorRollup,
    PeriodKind,
)
from .sql import TIME_KINDS, Scope, _const, _in_ranges, _insert, cells_by_rule


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
    rows = cells.annotate(
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
    return _insert(
        cells_by_rule(
            rows,
            rule="crule",
            rules=ClusterAggregation,
            end="period_end",
            value="value",
            numerator="numerator",
            denominator="denominator",
            periods=Sum("periods"),
        )
    )


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
