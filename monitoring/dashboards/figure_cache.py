"""The dashboards keep the HTML of their figures in the cache (``{% cache %}`` in
``monitoring/dashboard.html``), so that fifty people reading one project's dashboard
cost one computation, not fifty.

A kept fragment is found again only while nothing it was drawn from has changed. Its key
holds the project (and cluster), the filters, the language, today's date, the roll-up
stamps the page shows (an approval changes them within seconds), and *generation*
tokens, replaced (at once and again on commit) whenever a row the dashboards read is
saved or deleted (a submitted value, a target, a cluster's phase, a CDA's role): the
project's, for the project dashboard; the row's cluster's and the project's own rows',
for a cluster dashboard. Where a row belongs is read from its ``access_scope`` using
only what the row already holds; a row that cannot say its project without a query
replaces every project's token (a miss more, never a stale page). Roll-up cells, report
jobs and the like are left out: the stamps cover the first, the others are not drawn.

When figures are missing, one request draws them; the others asking for the same page
meanwhile get the figures it showed last, or wait for the new ones
(``figures_to_show``), rather than all drawing them at once.

``FIGURES_TIMEOUT`` bounds what no signal sees: a change to a user's name, or a
queryset ``update()``. Under ``make run`` the cache is the process's memory, which is
right for one process; several processes share Redis (``CACHE_URL``)."""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language
from redis.exceptions import RedisError

FIGURES_TIMEOUT = 600  # seconds
# The fragments of ``monitoring/dashboard.html``, in the order the page writes them.
FRAGMENTS = ("dashboard-figures", "dashboard-clusters")
# How long a reader waits for another request drawing the same figures (seconds).
DRAW_WAIT = 5.0
_EVERY_PROJECT = "dashboard-generation:all"  # replaced by a row of unknown project
# Tables the dashboards do not draw from, or whose changes the key's stamps carry.
_NOT_DRAWN = {
    "monitoring.indicatorrollup",
    "monitoring.activityrollup",
    "monitoring.governancerollup",
    "monitoring.rollupstamp",
    "monitoring.reportjob",
    "monitoring.reportschedule",
    "monitoring.reportendorsement",
}
_UNKNOWN = object()
# What a cache that cannot be reached raises (Django's Redis backend lets redis-py's
# errors through).
CACHE_ERRORS = (RedisError, OSError)
logger = logging.getLogger(__name__)


def _token_keys(project_id: int, cluster_id: int | None) -> list[str]:
    """The tokens a dashboard's figures depend on. The project dashboard (``cluster_id``
    None): any row of the project. A cluster dashboard: the rows of its cluster and the
    project's own rows (the project, its settings and definitions), so that a value
    saved in one cluster draws that cluster's dashboard again and leaves the others'."""
    if cluster_id is None:
        names = [f"project:{project_id}"]
    else:
        names = [f"project-own:{project_id}", f"cluster:{cluster_id}"]
    return [f"dashboard-generation:{name}" for name in names] + [_EVERY_PROJECT]


def _generations(keys: list[str]) -> list[str]:
    """The tokens' values, each made if missing (a token that expired must not bring
    back a fragment kept before it was first replaced)."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            found[key] = cache.get(key)
    return [str(found[key]) for key in keys]


@dataclass(frozen=True)
class Figures:
    """Which figures a request shows: ``key`` names their fragments; ``drawing`` when
    this request draws them (it then records them as the page's latest). ``filters``
    names the filters' fragment: the form as these filters and clusters draw it (a
    select of 500 clusters costs Django's widgets 100 ms to write)."""

    key: str
    page: str
    drawing: bool = False
    filters: str = ""
    cached: bool = True  # False: the cache could not be reached; the page draws all


def _digest(parts: list) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def figures_to_show(
    *, scope: Any, query: Any, rolled_up: Any, cluster_dashboard: bool, read: Any = ()
) -> Figures:
    """``_figures_to_show``, or, when the cache cannot be reached (Redis down), figures
    drawn without it: a slower page, never an error page."""
    try:
        return _figures_to_show(
            scope=scope,
            query=query,
            rolled_up=rolled_up,
            cluster_dashboard=cluster_dashboard,
            read=read,
        )
    except CACHE_ERRORS:
        logger.warning("The dashboards' cache is unreachable; figures drawn without it")
        return Figures("", "", cached=False)


def _figures_to_show(
    *, scope: Any, query: Any, rolled_up: Any, cluster_dashboard: bool, read: Any
) -> Figures:
    """The figures for this dashboard, filters and language: the kept ones when nothing
    they were drawn from has changed; else this request draws them, unless another is
    drawing them already: then the figures that page showed last (at most the time of
    one drawing older), or, if it has none, the new ones once the other has drawn them
    (waiting at most ``DRAW_WAIT`` seconds, then drawing them itself). So a busy
    server draws a page's figures once after a change, not once per reader.

    ``read``: what the page has read anyway and its figures show (the project's
    clusters, by id and name), so that changes no signal sees (clusters imported in
    bulk) draw them again."""
    cluster_id = scope.cluster.pk if cluster_dashboard else None
    page = _digest(
        [
            scope.project.pk,
            scope.cluster.pk if scope.cluster else None,
            cluster_dashboard,
            sorted((name, sorted(values)) for name, values in query.lists()),
            get_language(),
        ]
    )
    stamps = (rolled_up.indicators, rolled_up.activities, rolled_up.governance)
    key = _digest(
        [
            page,
            timezone.localdate().isoformat(),
            [s.isoformat() if isinstance(s, datetime.datetime) else None for s in stamps],
            _generations(_token_keys(scope.project.pk, cluster_id)),
            list(read),
        ]
    )
    # The periods offered change with the day (a new quarter), the clusters with imports.
    filters = _digest([page, timezone.localdate().isoformat(), list(read)])
    if _kept(key):
        return Figures(key, page, filters=filters)
    if _take_drawing(key):
        return Figures(key, page, drawing=True, filters=filters)
    latest = cache.get(f"dashboard-latest:{page}")
    if latest and _kept(latest):
        return Figures(latest, page, filters=filters)
    deadline = time.monotonic() + DRAW_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if _kept(key):
            return Figures(key, page, filters=filters)
    return Figures(key, page, drawing=True, filters=filters)


def _kept(key: str) -> bool:
    """Both fragments are in the cache (the page writes the last one last)."""
    return cache.get(make_template_fragment_key(FRAGMENTS[-1], [key])) is not None


def _take_drawing(key: str) -> bool:
    """True for the one request that draws these figures (for a while: a drawer that
    died leaves them to the next request once the mark expires)."""
    return cache.add(f"dashboard-drawing:{key}", 1, timeout=int(2 * DRAW_WAIT) + 1)


def record_drawn(figures: Figures) -> None:
    """After the page was drawn: its figures are the ones to show while the next are."""
    if figures.drawing and figures.cached:
        try:
            cache.set(f"dashboard-latest:{figures.page}", figures.key, FIGURES_TIMEOUT)
        except CACHE_ERRORS:
            logger.warning("The dashboards' cache is unreachable; latest figures not kept")


def replace_generations(project_id: Any, cluster_id: Any) -> None:
    """Let no kept fragment drawn from a row of this project and cluster be found again:
    the project dashboard's, and the cluster's (``cluster_id`` None or unknown: every
    cluster dashboard of the project); ``project_id`` unknown: every project's."""
    if project_id is _UNKNOWN:
        names = ["all"]
    elif cluster_id is None or cluster_id is _UNKNOWN:
        names = [f"project:{project_id}", f"project-own:{project_id}"]
    else:
        names = [f"project:{project_id}", f"cluster:{cluster_id}"]
    try:
        cache.set_many({f"dashboard-generation:{n}": uuid.uuid4().hex for n in names}, timeout=None)
    except CACHE_ERRORS:
        # The write that changed the row goes on; what was kept expires with its timeout.
        logger.warning("The dashboards' cache is unreachable; %s not replaced", names)


def _follow(obj: Any, path: str) -> Any:
    """The object at ``path`` (``a__b``) from ``obj`` through relations it already holds;
    ``_UNKNOWN`` where one is not loaded."""
    for part in [p for p in path.split("__") if p]:
        if obj is None:
            return None
        field = obj._meta.get_field(part)
        if not field.is_cached(obj):
            return _UNKNOWN
        obj = getattr(obj, part)
    return obj


def _id_at(obj: Any, path: str) -> Any:
    """The primary key of the object at ``path`` without loading it (its ``_id``)."""
    if not path:
        return obj.pk
    head, _sep, last = path.rpartition("__")
    holder = _follow(obj, head)
    if holder is None or holder is _UNKNOWN:
        return holder
    return getattr(holder, holder._meta.get_field(last).attname)


def _project_of_cluster_at(obj: Any, path: str) -> Any:
    cluster = _follow(obj, path)
    if cluster is None or cluster is _UNKNOWN:
        return cluster
    return cluster.project_id


def place_of(instance: Any) -> tuple[Any, Any]:
    """(project id, cluster id) of a scoped row: None where it has none (a project's own
    row has no cluster), ``_UNKNOWN`` where the row cannot tell without a query."""
    kind, *paths = instance.access_scope
    if kind == "project":
        return _id_at(instance, paths[0]), None
    if kind == "cluster":
        return _project_of_cluster_at(instance, paths[0]), _id_at(instance, paths[0])
    cluster_path, project_path = paths  # mixed: a cluster's row or the project's
    cluster_id = _id_at(instance, cluster_path)
    project_id = _id_at(instance, project_path)
    if project_id is None or project_id is _UNKNOWN:
        by_cluster = _project_of_cluster_at(instance, cluster_path)
        project_id = by_cluster if by_cluster is not None else project_id
    return project_id, cluster_id


def project_of(instance: Any) -> Any:
    return place_of(instance)[0]


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if getattr(sender, "access_scope", None) is None:
        return
    if sender._meta.label_lower in _NOT_DRAWN or kwargs.get("raw"):
        return
    project_id, cluster_id = place_of(instance)
    if project_id is None:
        return
    # Now, for reads in the same transaction; and again once committed, since a reader
    # between the two may have kept the figures as they were before the commit.
    replace_generations(project_id, cluster_id)
    transaction.on_commit(lambda: replace_generations(project_id, cluster_id))


def connect_figure_cache() -> None:
    post_save.connect(_changed, dispatch_uid="dashboard-figures-saved")
    post_delete.connect(_changed, dispatch_uid="dashboard-figures-deleted")
