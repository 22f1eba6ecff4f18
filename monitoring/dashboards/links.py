"""Ways to the cluster dashboard from the base pages, registered by
``MonitoringConfig.ready()``: a link on the cluster's card of the home page
(``CLUSTER_CARD``) and a short section of the cluster page (a cluster panel)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import Link, PageAccess
from governance.access import Action, can


def cluster_card_links(request, cluster, access: PageAccess) -> list[Link]:
    """The cluster's dashboard, for whoever may read the cluster."""
    if not access.can(Action.VIEW, cluster):
        return []
    url = reverse("cluster-dashboard", args=[cluster.pk])
    return [Link(_("Cluster dashboard"), url, "outline", order=40)]


def cluster_dashboard_panel(request, cluster) -> dict | None:
    """The cluster page's way to its dashboard (no query beyond the access check)."""
    if not can(request.user, Action.VIEW, cluster):
        return None
    return {"template": "monitoring/dashboards/_cluster_panel.html", "cluster": cluster}
