"""Links this part of monitoring shows on the project's M&E page (monitoring/views.py,
``me_overview``) and on the home page's cluster cards, each only where the user can use
it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import ClusterStatus
from clusters.panels import Link, PageAccess
from governance.access import Action, visible

from ..models import Indicator


def hub_links(request, project, access: PageAccess) -> list[Link]:
    """What is due (whoever reports on one of the project's indicators); the approval
    queue and reporting completeness (whoever approves values)."""
    result = []
    reports = visible(request.user, Indicator.objects.filter(project=project), Action.WORK)
    if reports.exists():
        result.append(
            Link(
                _("Values due"),
                reverse("values-due") + f"?project={project.pk}",
                order=30,
            )
        )
    if access.can(Action.APPROVE, project):
        result += [
            Link(_("Approval queue"), reverse("values-queue", args=[project.pk]), order=31),
            Link(
                _("Reporting completeness"),
                reverse("values-completeness", args=[project.pk]),
                "secondary",
                order=32,
            ),
        ]
    return result


def cluster_card_links(request, cluster, access: PageAccess) -> list[Link]:
    """On a cluster's card of the home page (the CDA's way in): its values due. A
    candidate cluster reports nothing yet."""
    if cluster.status != ClusterStatus.SELECTED or not access.can(Action.WORK, cluster):
        return []
    return [
        Link(
            _("Values due"),
            reverse("values-due") + f"?cluster={cluster.pk}",
            "secondary",
            order=30,
        )
    ]
