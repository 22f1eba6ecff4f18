"""The home page's way in to the reminders: on each project and cluster card, a link with
how many things wait there ("3 reminders"), shown only when something does.

The person's reminders are read once per request (a fixed number of queries, whatever
the number of cards), then counted per card. Register in MonitoringConfig.ready():
``register_links(PROJECT_CARD, project_card_links)`` and
``register_links(CLUSTER_CARD, cluster_card_links)``."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from clusters.panels import Link, PageAccess

from .selectors import Reminder, reminders_for

ORDER = 5  # before the cards' other links: the next thing to do


def _reminders(request: Any) -> list[Reminder]:
    if not hasattr(request, "_reminders"):
        request._reminders = reminders_for(request.user)
    return request._reminders


def _link(count: int, url: str) -> list[Link]:
    if not count:
        return []
    label = ngettext("%(count)d reminder", "%(count)d reminders", count) % {"count": count}
    return [Link(label, url, "outline", order=ORDER)]


def project_card_links(request: Any, project: Any, access: PageAccess) -> list[Link]:
    count = sum(1 for item in _reminders(request) if item.project_id == project.pk)
    return _link(count, reverse("reminder-list") + f"?project={project.pk}")


def cluster_card_links(request: Any, cluster: Any, access: PageAccess) -> list[Link]:
    count = sum(1 for item in _reminders(request) if item.cluster_id == cluster.pk)
    return _link(count, reverse("reminder-list") + f"?cluster={cluster.pk}")
