"""Links this part of monitoring shows on the project's M&E page (monitoring/views.py,
``me_overview``), each only where the user can use it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import Link, PageAccess
from governance.access import Action, can_project_wide, visible


def hub_links(request, project, access: PageAccess) -> list[Link]:
    """The pool and the project's own indicators (project-level roles), the indicators of
    each cluster the user may see, and the M&E settings (coordinator)."""
    found = []
    if can_project_wide(access.user, Action.VIEW, project):
        found += [
            Link(_("Indicator pool"), reverse("indicator-pool", args=[project.pk]), order=20),
            Link(
                _("Project indicators"),
                reverse("project-indicators", args=[project.pk]),
                order=21,
            ),
        ]
    # One query for the clusters, however many there are.
    for cluster in visible(access.user, project.clusters.order_by("name"), Action.VIEW):
        found.append(
            Link(
                _("Indicators: %(cluster)s") % {"cluster": cluster.name},
                reverse("cluster-indicators", args=[cluster.pk]),
                "outline",
                order=22,
            )
        )
    if access.can(Action.MANAGE, project):
        found.append(
            Link(_("M&E settings"), reverse("monitoring-settings", args=[project.pk]), order=90)
        )
    return found
