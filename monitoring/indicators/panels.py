"""The cluster page's "Results and indicators" section (registered by
``MonitoringConfig.ready()`` with ``clusters.panels.register_cluster_panel``)."""

from __future__ import annotations

from governance.access import Action, can

from ..results import selectors as result_selectors
from . import selectors


def cluster_results_panel(request, cluster) -> dict:
    """The cluster's result chain by level and its indicators: how many, and how many
    have a baseline and an end-of-project target. A fixed number of queries."""
    return {
        "template": "monitoring/indicators/_cluster_panel.html",
        "cluster": cluster,
        "chain": result_selectors.chain_counts(cluster=cluster),
        "indicators": selectors.cluster_summary(user=request.user, cluster=cluster),
        "can_manage": can(request.user, Action.MANAGE, cluster),
    }
