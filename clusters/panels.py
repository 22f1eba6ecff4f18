"""What later phases add to the base pages: panels and links.

The base apps cannot import later phases (dependencies run one way), so a later
app registers its contributions here from its ``AppConfig.ready()``:

* a **panel** (a section of the cluster page): ``register_cluster_panel(provider)``
  with a callable ``(request, cluster) -> dict | None`` returning a template name
  and its context;
* **links** (the action buttons of a page or of one card of a list):
  ``register_links(slot, provider)`` with a callable
  ``(request, obj, access) -> Iterable[Link]``. ``slot`` names where the links go
  (``PROJECT_PAGE``, ``PROJECT_CARD``, ``CLUSTER_CARD``); ``obj`` is the project or
  cluster; ``access`` is the page's ``PageAccess``: the provider decides what to
  show with ``access.can(Action.X, obj)``, which asks the access policy.

Providers must run a fixed number of queries whatever the number of rows. On a
list page (``PageAccess(user, listing=True)``) ``access.can`` reads the ids the
user may act on, fetched once per page for each (model, action); on a detail page
it asks ``governance.access.can`` once per (action, object). Either way a page
asks each question once, however many providers ask it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from governance.access import Action, can, visible

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


# --- Links ------------------------------------------------------------------

PROJECT_PAGE = "project-page"  # the project page's action row
PROJECT_CARD = "project-card"  # a project's card on the home page
CLUSTER_CARD = "cluster-card"  # a cluster's card on the home page


@dataclass(frozen=True)
class Link:
    """One action button. ``style`` is "" (primary), "secondary" or "outline";
    ``order`` places it among the links of its slot (lower first)."""

    label: str
    url: str
    style: str = ""
    order: int = 100


class PageAccess:
    """The access questions one page asks of the policy, each asked once."""

    def __init__(self, user: Any, *, listing: bool = False) -> None:
        self.user = user
        self.listing = listing
        self._ids: dict[tuple[type, Action], frozenset[Any]] = {}
        self._answers: dict[tuple[type, Any, Action], bool] = {}

    def ids(self, model: type, action: Action | str) -> frozenset[Any]:
        """The pks of ``model`` the user may do ``action`` on (one query per page)."""
        key = (model, Action(action))
        if key not in self._ids:
            self._ids[key] = frozenset(
                visible(self.user, model, action).values_list("pk", flat=True)
            )
        return self._ids[key]

    def can(self, action: Action | str, obj: Any) -> bool:
        """May the user do ``action`` on ``obj``? Asked of the access policy."""
        action = Action(action)
        if self.listing:
            return obj.pk in self.ids(type(obj), action)
        key = (type(obj), obj.pk, action)
        if key not in self._answers:
            self._answers[key] = can(self.user, action, obj)
        return self._answers[key]


LinkProvider = Callable[[Any, Any, PageAccess], Iterable[Link]]
_links: dict[str, list[LinkProvider]] = {}


def register_links(slot: str, provider: LinkProvider) -> None:
    """Add ``provider``'s links to ``slot`` (once, however often ready() runs)."""
    providers = _links.setdefault(slot, [])
    if provider not in providers:
        providers.append(provider)


def links(slot: str, request: Any, obj: Any, access: PageAccess) -> list[Link]:
    """The links every registered provider gives for ``obj`` in ``slot``, in order."""
    found = [link for provider in _links.get(slot, []) for link in provider(request, obj, access)]
    return sorted(found, key=lambda link: link.order)
