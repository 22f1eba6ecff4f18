"""Reads of the indicator pool and the indicators adopted from it, shared by the pages,
the API and the cluster page's panel. Each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from clusters.models import Cluster, Project
from governance.access import Action, visible
from governance.models import User

from ..models import Indicator, IndicatorDefinition, IndicatorTarget, ResultStatement
from ..periods import Period
from .schedule import project_settings, target_periods

INDICATORS = Indicator.objects.select_related(
    "project", "cluster", "definition", "result", "responsible"
)


def pool_list(*, user, project: Project) -> QuerySet:
    """The project's pool, each definition with the number of clusters (and the project)
    that adopted it."""
    qs = IndicatorDefinition.objects.filter(project=project)
    return visible(user, qs, Action.VIEW).annotate(adopted=Count("indicators")).order_by("code")


def indicator_list(*, user, project: Project, cluster: Cluster | None = None) -> QuerySet:
    """The indicators of a cluster (or the project's own, with no cluster)."""
    qs = INDICATORS.filter(project=project, cluster=cluster)
    return (
        visible(user, qs, Action.VIEW)
        .annotate(target_count=Count("targets"))
        .order_by("definition__level", "definition__code")
    )


def adoptable_definitions(*, project: Project, cluster: Cluster | None) -> QuerySet:
    """The pool's definitions not adopted yet by this cluster (or the project)."""
    adopted = Indicator.objects.filter(project=project, cluster=cluster).values("definition_id")
    return IndicatorDefinition.objects.filter(project=project).exclude(pk__in=adopted)


def result_choices(*, project: Project, cluster: Cluster | None) -> QuerySet:
    """The statements an indicator may measure: its own chain's, and for a cluster's
    indicator the project's chain too (a cluster contributes to the project's results)."""
    chains = Q(cluster__isnull=True) | Q(cluster=cluster) if cluster else Q(cluster__isnull=True)
    return (
        ResultStatement.objects.filter(chains, project=project)
        .select_related("cluster")
        .order_by(F("cluster_id").desc(nulls_last=True), "level", "position", "pk")
    )


def responsible_choices(*, user) -> QuerySet:
    """The people the user may name as responsible: those they may see."""
    return visible(user, User.objects.filter(is_active=True), Action.VIEW).order_by(
        "first_name", "last_name", "username"
    )


@dataclass
class TargetRow:
    period: Period
    target: IndicatorTarget | None


def target_rows(*, indicator: Indicator) -> list[TargetRow]:
    """One row per period the indicator's targets are set for, with its target if any."""
    periods = target_periods(indicator, project_settings(indicator.project))
    by_start = {t.period_start: t for t in indicator.targets.all()}
    return [TargetRow(period, by_start.get(period.start)) for period in periods]


def cluster_summary(*, user, cluster: Cluster) -> dict[str, int]:
    """The cluster page's panel: indicators adopted and how many have a baseline and an
    end-of-project target."""
    qs = visible(user, Indicator.objects.filter(cluster=cluster), Action.VIEW)
    return qs.aggregate(
        indicators=Count("pk"),
        with_baseline=Count("pk", filter=Q(baseline_value__isnull=False) | ~Q(baseline_text="")),
        with_target=Count("pk", filter=Q(end_target__isnull=False)),
    )
