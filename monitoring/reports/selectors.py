"""Reads for progress reports, scoped through the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet, Sum

from actionplans.models import ActivityKind, FieldActivity
from clusters.models import Project
from governance.access import Action, visible

from ..dashboards.selectors import project_dashboard
from ..models import ReportJob


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
