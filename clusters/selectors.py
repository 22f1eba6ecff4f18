"""Reads about projects and clusters, scoped to the user through the access policy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from governance.access import Action, visible
from governance.models import Role, RoleAssignment

from .models import Cluster, PhaseChange, Project


def project_list(*, user: Any) -> QuerySet[Project]:
    return visible(user, Project, Action.VIEW).order_by("name")


def cluster_list(*, user: Any, project: Project | None = None) -> QuerySet[Cluster]:
    qs = Cluster.objects.select_related("project")
    if project is not None:
        qs = qs.filter(project=project)
    return visible(user, qs, Action.VIEW).order_by("project__name", "name")


def cdas_by_cluster(cluster_ids: Iterable[int]) -> dict[int, list[Any]]:
    """Active CDAs of each cluster, in one query."""
    result: dict[int, list[Any]] = defaultdict(list)
    assignments = (
        RoleAssignment.objects.active()
        .filter(role=Role.CDA, cluster_id__in=list(cluster_ids))
        .select_related("user")
        .order_by("starts_on")
    )
    for a in assignments:
        result[a.cluster_id].append(a.user)
    return result


def phase_changes(cluster: Cluster, limit: int = 10) -> list[PhaseChange]:
    return list(
        PhaseChange.objects.filter(cluster=cluster)
        .select_related("changed_by", "decision")
        .order_by("-changed_at", "-pk")[:limit]
    )
