"""Reads of phases 4-5, scoped through the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from clusters.models import Cluster
from governance.access import Action, visible

from .models import FieldActivity


def field_activity_list(
    *, user: Any, cluster: Cluster | None = None, counted_only: bool = False
) -> QuerySet[FieldActivity]:
    """The entries the user may see, newest first; withdrawn ones too (they stay in the
    history) unless ``counted_only``."""
    qs = FieldActivity.objects.select_related("cluster", "recorded_by", "withdrawn_by")
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    if counted_only:
        qs = qs.counted()
    return visible(user, qs, Action.VIEW).order_by("-occurred_on", "-id")


def quarter_start(today=None):
    today = today or timezone.localdate()
    return today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)


def activity_stats_by_cluster(cluster_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Last activity date and activities this quarter for each cluster, in one query."""
    rows = (
        FieldActivity.objects.counted()
        .filter(cluster_id__in=cluster_ids)
        .values("cluster_id")
        .annotate(
            last=Max("occurred_on"),
            this_quarter=Count("pk", filter=Q(occurred_on__gte=quarter_start())),
        )
    )
    return {row["cluster_id"]: row for row in rows}
