"""Links this part of monitoring shows on the project's M&E page (monitoring/views.py,
``me_overview``), each only where the user can use it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import Link, PageAccess
from governance.access import Action


def hub_links(request, project, access: PageAccess) -> list[Link]:
    """'Evaluations' for everyone who may view the project (the M&E page asks VIEW of
    it; each reader sees the evaluations within their reach); recording one only for
    the coordinator."""
    result = [
        Link(_("Evaluations"), reverse("evaluation-list", args=[project.pk]), "outline", order=400)
    ]
    if access.can(Action.MANAGE, project):
        result.append(
            Link(
                _("Record an evaluation"),
                reverse("evaluation-create", args=[project.pk]),
                "outline",
                order=410,
            )
        )
    return result
