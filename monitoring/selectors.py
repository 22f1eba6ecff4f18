"""Reads for dashboards and reports, scoped through the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet, Sum

from actionplans.models import ActivityKind, FieldActivity
from actionplans.selectors import activity_stats_by_cluster
from clusters.models import Cluster, Project
from clusters.selectors import cdas_by_cluster
from governance.access import Action, visible

from .models import ReportJob


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


def report_job_list(*, user: Any, project: Project | None = None) -> QuerySet[ReportJob]:
    qs = ReportJob.objects.select_related("project", "requested_by")
    if project is not None:
        qs = qs.filter(project=project)
    return visible(user, qs, Action.REPORT)


def progress_report_data(*, project: Project) -> dict[str, Any]:
    """Everything the progress report prints, in a fixed number of queries."""
    clusters = project_dashboard(project=project)
    activities = FieldActivity.objects.counted().filter(cluster__project=project)
    by_kind_rows = {
        row["kind"]: row
        for row in activities.values("kind").annotate(
            count=Count("pk"), women=Sum("women"), men=Sum("men")
        )
    }
    by_kind = [
        {
            "label": label,
            "count": by_kind_rows.get(value, {}).get("count", 0),
            "women": by_kind_rows.get(value, {}).get("women") or 0,
            "men": by_kind_rows.get(value, {}).get("men") or 0,
        }
        for value, label in ActivityKind.choices
    ]
    totals = {
        "count": sum(r["count"] for r in by_kind),
        "women": sum(r["women"] for r in by_kind),
        "men": sum(r["men"] for r in by_kind),
    }
    return {"project": project, "clusters": clusters, "by_kind": by_kind, "totals": totals}
