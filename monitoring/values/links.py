"""Links this part of monitoring shows on the project's M&E page (monitoring/views.py,
``me_overview``), each only where the user can use it."""

from __future__ import annotations

from clusters.panels import Link, PageAccess


def hub_links(request, project, access: PageAccess) -> list[Link]:
    return []


def cluster_card_links(request, cluster, access: PageAccess) -> list[Link]:
    """On a cluster's card of the home page (the CDA's way in)."""
    return []
