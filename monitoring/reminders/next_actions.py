"""The home page's "Next actions" from the reminders: values overdue, due and awaiting
approval, one line per group and place (registered in MonitoringConfig.ready()).

Open decisions are left to governance's own provider, which lists them already."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import NextAction

from .links import _reminders
from .selectors import AWAITING_APPROVAL, OVERDUE, ReminderKind


def _label(group: str, place: str) -> str:
    if group == OVERDUE:
        return _("%(place)s: indicator values overdue") % {"place": place}
    if group == AWAITING_APPROVAL:
        return _("%(place)s: values awaiting your approval") % {"place": place}
    return _("%(place)s: indicator values due") % {"place": place}


def reminder_next_actions(request: Any, user: Any) -> list[NextAction]:
    if not getattr(user, "is_authenticated", False):
        return []
    groups: dict[tuple, list] = defaultdict(list)
    for item in _reminders(request):
        if item.kind == ReminderKind.DECISION:
            continue
        groups[(item.group, item.project_id, item.cluster_id, item.place)].append(item)
    actions = []
    for (group, project_id, cluster_id, place), items in groups.items():
        where = f"?cluster={cluster_id}" if cluster_id else f"?project={project_id}"
        days = [i.due_on or i.submitted_on for i in items if i.due_on or i.submitted_on]
        actions.append(
            NextAction(
                _label(group, place),
                reverse("reminder-list") + where,
                len(items),
                min(days) if days else None,
            )
        )
    return actions
