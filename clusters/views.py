from django.shortcuts import render

from governance.access import Action, can, get_authorized, roles_of

from . import selectors
from .models import Cluster, Project
from .panels import cluster_panels


def home(request):
    """'My clusters': what the signed-in user works on, with the next step for each."""
    clusters = list(selectors.cluster_list(user=request.user))
    cdas = selectors.cdas_by_cluster(c.pk for c in clusters)
    for cluster in clusters:
        cluster.cdas = cdas.get(cluster.pk, [])
    return render(
        request,
        "clusters/home.html",
        {
            "clusters": clusters,
            "projects": selectors.project_list(user=request.user),
            "managed_ids": selectors.managed_project_ids(user=request.user),
            "report_ids": selectors.reportable_project_ids(user=request.user),
            "work_ids": selectors.workable_cluster_ids(user=request.user),
        },
    )


def project_detail(request, pk: int):
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    clusters = list(selectors.cluster_list(user=request.user, project=project))
    cdas = selectors.cdas_by_cluster(c.pk for c in clusters)
    for cluster in clusters:
        cluster.cdas = cdas.get(cluster.pk, [])
    return render(
        request,
        "clusters/project_detail.html",
        {
            "project": project,
            "clusters": clusters,
            "can_manage": can(request.user, Action.MANAGE, project),
            "can_report": can(request.user, Action.REPORT, project),
            "can_decide": can(request.user, Action.DECIDE_SELECTION, project),
        },
    )


def cluster_detail(request, pk: int):
    cluster = get_authorized(
        request.user, Cluster.objects.select_related("project"), Action.VIEW, pk=pk
    )
    return render(
        request,
        "clusters/cluster_detail.html",
        {
            "cluster": cluster,
            "cdas": selectors.cdas_by_cluster([cluster.pk]).get(cluster.pk, []),
            "my_roles": roles_of(request.user, cluster),
            "can_work": can(request.user, Action.WORK, cluster),
            "can_manage": can(request.user, Action.MANAGE, cluster),
            "panels": cluster_panels(request, cluster),
        },
    )
