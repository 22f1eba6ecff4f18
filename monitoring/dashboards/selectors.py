"""Reads for the dashboards."""

from __future__ import annotations

from actionplans.selectors import activity_stats_by_cluster
from clusters.models import Cluster, Project
from clusters.selectors import cdas_by_cluster


def project_dashboard(*, project: Project) -> list[Cluster]:
    """The project's clusters with phase, CDAs, last activity and activities this quarter.

    Fixed number of queries whatever the number of clusters.
    """
    clusters = list(Cluster.objects.filter(project=project).order_by("name"))
    ids = [c.pk for c in clusters]
    cdas = cdas_by_cluster(ids)
    stats = activity_stats_by_cluster(ids)
    for cluster in clusters:
        cluster.cdas = cdas.get(cluster.pk, [])
        row = stats.get(cluster.pk, {})
        cluster.last_activity = row.get("last")
        cluster.activities_this_quarter = row.get("this_quarter", 0)
    return clusters
