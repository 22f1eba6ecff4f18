"""The field activity log's links on the base pages, registered in
ActionplansConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import Link, PageAccess
from governance.access import Action


def cluster_links(request, cluster, access: PageAccess) -> list[Link]:
    """'Log activity' for whoever may work on the cluster; the log for every reader."""
    result = []
    if access.can(Action.WORK, cluster):
        result.append(
            Link(_("Log activity"), reverse("activity-create", args=[cluster.pk]), order=10)
        )
    result.append(
        Link(_("Activities"), reverse("activity-list", args=[cluster.pk]), "outline", order=20)
    )
    return result
