"""Demo data for the selection of clusters: UNIDO's starter criteria,
expert scores by the coordinator and the Steering Committee member, and the
decision that selected the two clusters already at work.

Called by ``load_demo`` after ``clusters/demo.py`` (the mapping). Idempotent:
criteria are added only when missing, scores only where the expert has none,
the decision only when the project has none.
"""

from __future__ import annotations

import datetime
from typing import Any

from .models import Cluster, ClusterStatus, CriterionKind, CriterionScore, SelectionDecision
from .selection import decision_services, services

# Cluster name -> (support institutions, willingness to cooperate, poverty incidence)
EXPERT_SCORES: dict[str, tuple[int, int, int]] = {
    "Thiès Leather Cluster": (4, 4, 3),
    "Kaolack Groundnut Cluster": (3, 5, 4),
    "Saint-Louis Fish Processing": (2, 3, 5),
}


def _scores_for(name: str, expert: int) -> tuple[int, int, int]:
    base = EXPERT_SCORES.get(name)
    if base is None:
        seed = sum(ord(ch) for ch in name)
        base = (seed % 4 + 1, (seed // 3) % 4 + 1, (seed // 7) % 5 + 1)
    # the second expert is a little stricter on cooperation
    return base if expert == 0 else (base[0], max(base[1] - 1, 0), base[2])


def extend_demo(*, project: Any, clusters: dict[str, Any], users: dict[str, Any]) -> None:
    coordinator = users.get("coordinator")
    steering = users.get("steering")
    if coordinator is None or steering is None:
        return
    services.criteria_starter_set_add(actor=coordinator, project=project)
    expert_criteria = list(project.criteria.filter(kind=CriterionKind.EXPERT).order_by("order")[:3])
    candidates = list(
        Cluster.objects.filter(project=project).exclude(status=ClusterStatus.PHASED_OUT)
    )
    for index, expert in enumerate((coordinator, steering)):
        scored = set(
            CriterionScore.objects.filter(criterion__project=project, scored_by=expert).values_list(
                "criterion_id", "cluster_id"
            )
        )
        entries = []
        for cluster in candidates:
            for criterion, score in zip(
                expert_criteria, _scores_for(cluster.name, index), strict=False
            ):
                if (criterion.pk, cluster.pk) not in scored:
                    entries.append(
                        services.ScoreEntry(criterion=criterion, cluster=cluster, score=score)
                    )
        if entries:
            services.criterion_scores_save(actor=expert, project=project, entries=entries)
    if not SelectionDecision.objects.filter(project=project).exists():
        selected = [
            c
            for c in candidates
            if c.name in ("Thiès Leather Cluster", "Kaolack Groundnut Cluster")
        ]
        if selected:
            decision_services.selection_decision_record(
                actor=steering,
                project=project,
                decided_on=max(project.starts_on, datetime.date(2025, 3, 14)),
                rationale=(
                    "The Steering Committee selected Thiès and Kaolack, where associations of "
                    "producers were ready to act together; the other candidates stay on the "
                    "list for a second round."
                ),
                selected=selected,
            )
