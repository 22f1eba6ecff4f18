"""Links this part of monitoring shows on the project's M&E page (monitoring/views.py,
``me_overview``), each only where the user can use it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import Link, PageAccess
from governance.access import Action, can_project_wide


def hub_links(request, project, access: PageAccess) -> list[Link]:
    """The project's result chain, for project-level roles (a cluster's chain is reached
    from the cluster's indicators and its page's panel)."""
    if not can_project_wide(access.user, Action.VIEW, project):
        return []
    return [Link(_("Result chain"), reverse("project-result-chain", args=[project.pk]), order=10)]
