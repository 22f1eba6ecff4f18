"""Reads of the selection shared by pages and API, in a fixed number of queries.

The pages and API endpoints calling these have already authorised the project
(DECIDE_SELECTION: coordinators and Steering Committee members).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Prefetch, QuerySet

from ..models import (
    MAPPING_SOURCES,
    Cluster,
    ClusterStatus,
    Criterion,
    CriterionKind,
    CriterionScore,
    Project,
    SelectionDecision,
    SelectionDecisionCluster,
)
from .ranking import CriterionInput, Ranking, rank


def criteria_of(project: Project) -> list[Criterion]:
    return list(Criterion.objects.filter(project=project).order_by("order", "pk"))


def ranking_candidates(project: Project) -> QuerySet[Cluster]:
    """Every cluster of the project that is not phased out (candidates, and those a
    decision has already selected or rejected, so a later decision can revisit them)."""
    return (
        Cluster.objects.filter(project=project)
        .exclude(status=ClusterStatus.PHASED_OUT)
        .order_by("name")
    )


def score_summary(project: Project) -> dict[tuple[int, int], dict[str, Any]]:
    """(criterion id, cluster id) -> {"avg": average score, "n": number of experts}."""
    rows = (
        CriterionScore.objects.filter(criterion__project=project)
        .values("criterion_id", "cluster_id")
        .annotate(avg=Avg("score"), n=Count("pk"))
    )
    return {(r["criterion_id"], r["cluster_id"]): {"avg": r["avg"], "n": r["n"]} for r in rows}


@dataclass
class ProjectRanking:
    project: Project
    criteria: list[Criterion]
    clusters: list[Cluster]
    ranking: Ranking
    raw: dict[str, dict[int, float | None]]  # criterion key -> cluster id -> raw value
    experts: dict[tuple[int, int], int]  # (criterion id, cluster id) -> number of experts


def criterion_key(criterion: Criterion) -> str:
    return f"c{criterion.pk}"


def project_ranking(*, project: Project, weights: dict[int, float] | None = None) -> ProjectRanking:
    """Rank the project's candidates on its criteria (three queries, whatever the size).

    ``weights`` (criterion id -> weight) overrides the stored weights (a what-if).
    """
    criteria = criteria_of(project)
    clusters = list(ranking_candidates(project))
    summary = score_summary(project) if any(c.is_expert for c in criteria) else {}
    raw: dict[str, dict[int, float | None]] = {}
    experts: dict[tuple[int, int], int] = {}
    inputs: list[CriterionInput] = []
    for criterion in criteria:
        key = criterion_key(criterion)
        if criterion.kind == CriterionKind.EXPERT:
            column: dict[int, float | None] = {}
            for cluster in clusters:
                cell = summary.get((criterion.pk, cluster.pk))
                column[cluster.pk] = float(cell["avg"]) if cell else None
                if cell:
                    experts[(criterion.pk, cluster.pk)] = cell["n"]
        else:
            source = MAPPING_SOURCES.get(criterion.source)
            getter = source[1] if source else (lambda c: None)
            column = {cluster.pk: getter(cluster) for cluster in clusters}
        raw[key] = column
        weight = weights.get(criterion.pk, criterion.weight) if weights else criterion.weight
        inputs.append(
            CriterionInput(
                key=key,
                name=criterion.name,
                weight=float(weight),
                direction=criterion.direction,
                expert=criterion.is_expert,
            )
        )
    ranking = rank([(c.pk, c.name) for c in clusters], inputs, raw)
    return ProjectRanking(project, criteria, clusters, ranking, raw, experts)


def my_scores(project: Project, user: Any) -> dict[tuple[int, int], CriterionScore]:
    return {
        (s.criterion_id, s.cluster_id): s
        for s in CriterionScore.objects.filter(criterion__project=project, scored_by_id=user.pk)
    }


def decision_list(project: Project) -> list[SelectionDecision]:
    """Every decision of the project, newest first, with its clusters (two queries)."""
    decisions = list(
        SelectionDecision.objects.filter(project=project)
        .select_related("recorded_by", "meeting__body__project", "supersedes", "superseded_by")
        .prefetch_related(
            Prefetch(
                "outcomes",
                queryset=SelectionDecisionCluster.objects.select_related("cluster").order_by(
                    "cluster__name"
                ),
            )
        )
        .order_by("-decided_on", "-pk")
    )
    for decision in decisions:
        outcomes = list(decision.outcomes.all())
        decision.selected_names = [o.cluster.name for o in outcomes if o.outcome == "selected"]
        decision.rejected_names = [o.cluster.name for o in outcomes if o.outcome == "rejected"]
    return decisions


def current_decisions(project: Project) -> QuerySet[SelectionDecision]:
    """Decisions not superseded by a later one."""
    return SelectionDecision.objects.filter(project=project, superseded_by__isnull=True)
