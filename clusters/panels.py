"""Sections that later phases add to the cluster page.

The base apps cannot import later phases (dependencies run one way), so a later
app registers a panel here from its AppConfig.ready(). A panel is a callable
``(request, cluster) -> dict | None`` returning a template name and its context;
it must run a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PanelProvider = Callable[[Any, Any], "dict[str, Any] | None"]
_cluster_panels: list[tuple[int, PanelProvider]] = []


def register_cluster_panel(provider: PanelProvider, *, order: int = 100) -> None:
    if provider not in [p for _, p in _cluster_panels]:
        _cluster_panels.append((order, provider))
        _cluster_panels.sort(key=lambda item: item[0])


def cluster_panels(request: Any, cluster: Any) -> list[dict[str, Any]]:
    panels = []
    for _, provider in _cluster_panels:
        panel = provider(request, cluster)
        if panel:
            panels.append(panel)
    return panels
