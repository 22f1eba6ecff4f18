"""The home page's "Next actions" for those who endorse cluster progress reports (the
Cluster Commission): one line per cluster with reports ready and not yet endorsed.
Registered in MonitoringConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import NextAction
from governance.access import Action, visible

from ..models import ReportJob
from ..models.reports import ReportKind, ReportStatus


def endorsement_next_actions(request: Any, user: Any) -> list[NextAction]:
    """One query, however many clusters or reports. No due date: the method sets none
    for an endorsement (the home page would call a past one overdue)."""
    if not getattr(user, "is_authenticated", False):
        return []
    waiting = ReportJob.objects.filter(
        kind=ReportKind.CLUSTER, status=ReportStatus.DONE, endorsement__isnull=True
    )
    rows = (
        visible(user, waiting, Action.ENDORSE)
        .values("cluster_id", "cluster__name")
        .annotate(count=Count("pk"))
        .order_by("cluster__name")
    )
    return [
        NextAction(
            _("%(cluster)s: progress reports waiting for the Commission's endorsement")
            % {"cluster": row["cluster__name"]},
            reverse("cluster-report-list", args=[row["cluster_id"]]),
            row["count"],
        )
        for row in rows
    ]
