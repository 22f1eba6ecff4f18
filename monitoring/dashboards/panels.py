"""Panels later phases add to the dashboards (the joint actions' RAG status, the
network-density trend), registered from their ``AppConfig.ready()`` as the cluster
page's panels are (``clusters.panels``):

``register_dashboard_panel(provider, order=...)`` with a callable
``(request, scope) -> {"template": ..., **context} | None``; ``scope`` is the
dashboard's ``selectors.Scope`` (the project, the cluster or None for the whole
project, and the period). A provider reads its figures from its own roll-ups, decides
what to show with the access policy, and runs a fixed number of queries. Its template
gets the dict as ``panel``; every chart it draws has its numbers in a table."""

from __future__ import annotations

from typing import Any

from clusters.panels import PanelProvider, PanelRegistry

DashboardPanelProvider = PanelProvider
_panels = PanelRegistry()


def register_dashboard_panel(provider: DashboardPanelProvider, *, order: int = 100) -> None:
    """Add ``provider``'s panel to the dashboards (once, however often ready() runs)."""
    _panels.register(provider, order=order)


def unregister_dashboard_panel(provider: DashboardPanelProvider) -> None:
    _panels.unregister(provider)


def dashboard_panels(request: Any, scope: Any) -> list[dict[str, Any]]:
    """The registered panels for ``scope``, in order (providers that answer None skip)."""
    return _panels.panels(request, scope)
