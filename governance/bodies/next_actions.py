"""The home page's next actions of governance (registered in GovernanceConfig.ready()):
the open decisions that wait for whoever follows them up."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import Project
from clusters.panels import NextAction

from ..access import Action, visible
from ..models import Decision, DecisionStatus


def decision_next_actions(request: Any, user: Any) -> list[NextAction]:
    """Open decisions the user may follow up (WORK), the earliest due date of each
    group: one entry per project the user manages (its open-decisions page lists every
    body's), one per cluster otherwise (the Commission's). Two queries, however many
    clusters or decisions."""
    rows = (
        visible(user, Decision.objects.filter(status=DecisionStatus.OPEN), Action.WORK)
        .values(
            "meeting__body__project_id",
            "meeting__body__project__name",
            "meeting__body__cluster_id",
            "meeting__body__cluster__name",
        )
        .annotate(count=Count("pk"), due=Min("due_on"))
        .order_by("meeting__body__project__name", "meeting__body__cluster__name")
    )
    rows = list(rows)
    if not rows:
        return []
    managed = set(visible(user, Project, Action.MANAGE).values_list("pk", flat=True))
    by_project: dict[int, dict[str, Any]] = {}
    result = []
    for row in rows:
        project_id = row["meeting__body__project_id"]
        if project_id in managed:
            group = by_project.setdefault(
                project_id, {"name": row["meeting__body__project__name"], "count": 0, "due": None}
            )
            group["count"] += row["count"]
            if row["due"] and (group["due"] is None or row["due"] < group["due"]):
                group["due"] = row["due"]
        elif row["meeting__body__cluster_id"] is not None:
            result.append(
                NextAction(
                    _("%(owner)s: open decisions to follow up")
                    % {"owner": row["meeting__body__cluster__name"]},
                    reverse("cluster-decisions", args=[row["meeting__body__cluster_id"]]),
                    row["count"],
                    row["due"],
                )
            )
    for project_id, group in by_project.items():
        result.append(
            NextAction(
                _("%(owner)s: open decisions to follow up") % {"owner": group["name"]},
                reverse("project-decisions", args=[project_id]),
                group["count"],
                group["due"],
            )
        )
    return result
