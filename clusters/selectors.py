"""Reads about projects and clusters, scoped to the user through the access policy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from governance.access import Action, visible
from governance.models import Role, RoleAssignment

from .models import Cluster, ClusterStatus, PhaseChange, Project


def project_list(*, user: Any) -> QuerySet[Project]:
    return visible(user, Project, Action.VIEW).order_by("name")


def cluster_list(*, user: Any, project: Project | None = None) -> QuerySet[Cluster]:
    qs = Cluster.objects.select_related("project")
    if project is not None:
        qs = qs.filter(project=project)
    return visible(user, qs, Action.VIEW).order_by("project__name", "name")


def home_clusters(*, user: Any, search: str = "") -> QuerySet[Cluster]:
    """The clusters of the user's home page: those being worked on (selected) first,
    then candidates, then the rest; narrowed by a search over name, place and project."""
    qs = Cluster.objects.select_related("project")
    if search:
        qs = qs.filter(
            Q(name__icontains=search)
            | Q(region__icontains=search)
            | Q(locality__icontains=search)
            | Q(project__name__icontains=search)
        )
    rank = Case(
        When(status=ClusterStatus.SELECTED, then=Value(0)),
        When(status=ClusterStatus.CANDIDATE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        visible(user, qs, Action.VIEW)
        .annotate(home_rank=rank)
        .order_by("home_rank", "project__name", "name", "pk")
    )


def projects_with_candidates(*, user: Any) -> QuerySet[Project]:
    """Projects where the user records selection decisions and candidates wait for one,
    each with its number of ``candidates`` (one query)."""
    return (
        visible(user, Project, Action.DECIDE_SELECTION)
        .annotate(candidates=Count("clusters", filter=Q(clusters__status=ClusterStatus.CANDIDATE)))
        .filter(candidates__gt=0)
        .order_by("name", "pk")
    )


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
