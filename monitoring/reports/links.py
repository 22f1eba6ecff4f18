"""The way to a cluster's progress reports from the cluster page (a cluster panel), for
whoever may read the cluster: its Commission endorses them there. Registered by
``MonitoringConfig.ready()``: ``register_cluster_panel(cluster_reports_panel,
order=58)``."""

from __future__ import annotations

from typing import Any

from governance.access import Action, can


def cluster_reports_panel(request: Any, cluster: Any) -> dict | None:
    """No query beyond the access checks (whether the reader may endorse sets the
    panel's words)."""
    if not can(request.user, Action.VIEW, cluster):
        return None
    return {
        "template": "monitoring/_report_cluster_panel.html",
        "cluster": cluster,
        "may_endorse": can(request.user, Action.ENDORSE, cluster),
    }
