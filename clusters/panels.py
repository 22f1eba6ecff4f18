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
  show with ``access.can(Action.X, obj)``, which asks the access policy. A link of
  the project page names its ``section`` of the method (``OVERVIEW`` ... ``PEOPLE``):
  the page groups its links by section, in the method's order;
* **next actions** (the home page's "Next actions": what is due, what awaits an
  approval or an endorsement): ``register_next_actions(provider)`` with a callable
  ``(request, user) -> Iterable[NextAction]``.

Providers must run a fixed number of queries whatever the number of rows. On a
list page (``PageAccess(user, listing=True)``) ``access.can`` reads the ids the
user may act on, fetched once per page for each (model, action); on a detail page
it asks ``governance.access.can`` once per (action, object). Either way a page
asks each question once, however many providers ask it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from governance.access import Action, can, visible

PanelProvider = Callable[[Any, Any], "dict[str, Any] | None"]


class PanelRegistry:
    """The panel providers of one page, ``(request, obj) -> dict | None``, in order
    (the cluster page's here, the dashboards' in ``monitoring.dashboards.panels``)."""

    def __init__(self) -> None:
        self._providers: list[tuple[int, PanelProvider]] = []

    def register(self, provider: PanelProvider, *, order: int = 100) -> None:
        """Add ``provider`` (once, however often ready() runs)."""
        if provider not in [p for _order, p in self._providers]:
            self._providers.append((order, provider))
            self._providers.sort(key=lambda item: item[0])

    def unregister(self, provider: PanelProvider) -> None:
        self._providers[:] = [(order, p) for order, p in self._providers if p is not provider]

    def panels(self, request: Any, obj: Any) -> list[dict[str, Any]]:
        """The panels for ``obj``, in order (providers that answer None are skipped)."""
        found = []
        for _order, provider in self._providers:
            panel = provider(request, obj)
            if panel:
                found.append(panel)
        return found


_cluster_panels = PanelRegistry()


def register_cluster_panel(provider: PanelProvider, *, order: int = 100) -> None:
    _cluster_panels.register(provider, order=order)


def cluster_panels(request: Any, cluster: Any) -> list[dict[str, Any]]:
    return _cluster_panels.panels(request, cluster)


# --- Links ------------------------------------------------------------------

PROJECT_PAGE = "project-page"  # the project page's action row
PROJECT_CARD = "project-card"  # a project's card on the home page
CLUSTER_CARD = "cluster-card"  # a cluster's card on the home page


# The sections of the project page's navigation, in the method's order.
OVERVIEW = "overview"
MAPPING = "mapping"
GOVERNANCE = "governance"
DIAGNOSTIC = "diagnostic"
PLANS = "plans"
IMPLEMENTATION = "implementation"
MONITORING = "monitoring"
REPORTS = "reports"
PEOPLE = "people"
SECTIONS: dict[str, Any] = {
    OVERVIEW: _("Overview"),
    MAPPING: _("Mapping and selection"),
    GOVERNANCE: _("Governance"),
    DIAGNOSTIC: _("Diagnostic"),
    PLANS: _("Vision and action plan"),
    IMPLEMENTATION: _("Implementation"),
    MONITORING: _("Monitoring and evaluation"),
    REPORTS: _("Reports"),
    PEOPLE: _("People"),
}
# Where a link that names no section goes, by its order (conventions.md): monitoring's
# Dashboard 10, M&E 15, Reports 40 and IATI file 45. Any other goes to the overview.
_SECTION_BY_ORDER = {10: OVERVIEW, 15: MONITORING, 40: REPORTS, 45: REPORTS}


@dataclass(frozen=True)
class Link:
    """One action button. ``style`` is "" (primary), "secondary" or "outline";
    ``order`` places it among the links of its slot (lower first); ``section`` (one of
    ``SECTIONS``) is where the project page's navigation lists it."""

    label: str
    url: str
    style: str = ""
    order: int = 100
    section: str = ""

    def __post_init__(self) -> None:
        if self.section and self.section not in SECTIONS:
            raise ValueError(f"Unknown section {self.section!r}; use one of {list(SECTIONS)}.")

    @property
    def section_or_default(self) -> str:
        return self.section or _SECTION_BY_ORDER.get(self.order, OVERVIEW)


@dataclass(frozen=True)
class NavSection:
    """One section of the project navigation with its links."""

    key: str
    label: Any
    links: list[Link]


def by_section(found: Iterable[Link]) -> list[NavSection]:
    """The links grouped by section in the method's order (empty sections left out)."""
    grouped: dict[str, list[Link]] = {key: [] for key in SECTIONS}
    for link in sorted(found, key=lambda link: link.order):
        grouped[link.section_or_default].append(link)
    return [NavSection(key, SECTIONS[key], items) for key, items in grouped.items() if items]


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


# --- Next actions -------------------------------------------------------------


@dataclass(frozen=True)
class NextAction:
    """Something for the user to do: ``count`` things waiting behind ``url``, the
    earliest due on ``due`` (None when nothing has a date)."""

    label: str
    url: str
    count: int = 1
    due: datetime.date | None = None


NextActionProvider = Callable[[Any, Any], Iterable[NextAction]]
_next_actions: list[NextActionProvider] = []


def register_next_actions(provider: NextActionProvider) -> None:
    """Add ``provider``'s next actions to the home page (once, however often ready() runs).

    A provider runs a fixed number of queries, whatever the number of clusters."""
    if provider not in _next_actions:
        _next_actions.append(provider)


def next_actions(request: Any, user: Any) -> list[NextAction]:
    """Every provider's next actions, the earliest due first (undated last)."""
    found = [a for provider in _next_actions for a in provider(request, user) if a.count]
    return sorted(found, key=lambda a: (a.due is None, a.due or datetime.date.max, str(a.label)))
