"""Pages that a project has and each of its clusters has too (a result chain, its
indicators): one view under two URLs, ``projects/<pk>/…`` named ``project-<name>`` and
``clusters/<cluster_pk>/…`` named ``cluster-<name>``."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import URLPattern, path, reverse

from clusters.models import Cluster, Project
from governance.access import Action, authorize_rule, can_project_wide, get_authorized

CLUSTERS = Cluster.objects.select_related("project")


def owner_paths(route: str, view: Callable, name: str) -> list[URLPattern]:
    """The URL patterns of the page ``route`` of a project and of a cluster."""
    return [
        path(f"projects/<int:pk>/{route}", view, name=f"project-{name}"),
        path(f"clusters/<int:cluster_pk>/{route}", view, name=f"cluster-{name}"),
    ]


def owner_url(name: str, project_id: int, cluster_id: int | None) -> str:
    """The page ``name`` of a cluster or, without one, of the project."""
    if cluster_id:
        return reverse(f"cluster-{name}", args=[cluster_id])
    return reverse(f"project-{name}", args=[project_id])


def page_owner(
    request, pk: int | None, cluster_pk: int | None, action: Action
) -> tuple[Project, Cluster | None]:
    """(project, cluster) of the page a URL names, authorized for ``action``: a
    cluster's page follows the cluster, a project's is for project-level roles."""
    if cluster_pk is not None:
        cluster = get_authorized(request.user, CLUSTERS, action, pk=cluster_pk)
        return cluster.project, cluster
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    authorize_rule(request.user, can_project_wide(request.user, action, project), scope=project)
    return project, None
