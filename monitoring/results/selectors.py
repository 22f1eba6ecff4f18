"""Reads of the result chain shared by its page, the API and the cluster page's panel."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from clusters.models import Cluster, Project
from governance.access import Action, visible

from ..models import ResultLevel, ResultStatement
from ..models.results import PARENT_LEVEL


@dataclass
class ChainNode:
    statement: ResultStatement
    children: list[ChainNode] = field(default_factory=list)


@dataclass
class Chain:
    """A chain as a tree: its impacts (one, normally), each with its outcomes and
    their outputs; ``size`` counts every statement."""

    roots: list[ChainNode]
    size: int

    @property
    def is_empty(self) -> bool:
        return self.size == 0


def chain_statements(*, user, project: Project, cluster: Cluster | None = None) -> QuerySet:
    """The statements of one chain the user may see, each with its number of indicators."""
    qs = ResultStatement.objects.filter(project=project, cluster=cluster)
    return (
        visible(user, qs, Action.VIEW)
        .annotate(indicator_count=Count("indicators"))
        .order_by("position", "pk")
    )


def result_chain(*, user, project: Project, cluster: Cluster | None = None) -> Chain:
    """The chain as a tree, read in one query whatever its size."""
    statements = list(chain_statements(user=user, project=project, cluster=cluster))
    nodes = {s.pk: ChainNode(s) for s in statements}
    roots = []
    for item in statements:
        parent = nodes.get(item.parent_id)
        (parent.children if parent else roots).append(nodes[item.pk])
    # Impacts first; an outcome or output whose parent is gone cannot exist (the model
    # cascades), so every root is an impact.
    roots.sort(key=lambda n: (n.statement.level != ResultLevel.IMPACT, n.statement.position))
    return Chain(roots=roots, size=len(statements))


def parent_choices(*, project: Project, cluster: Cluster | None, level: str) -> QuerySet:
    """The statements a statement of ``level`` may contribute to, in its chain."""
    wanted = PARENT_LEVEL.get(level)
    if wanted is None:
        return ResultStatement.objects.none()
    return ResultStatement.objects.filter(project=project, cluster=cluster, level=wanted).order_by(
        "position", "pk"
    )


def chain_counts(*, cluster: Cluster) -> dict[str, int]:
    """Statements of a cluster's chain by level (the cluster page's panel)."""
    rows = (
        ResultStatement.objects.filter(cluster=cluster)
        .values("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    counts = dict.fromkeys(ResultLevel.values, 0)
    counts.update(dict(rows))
    return counts
