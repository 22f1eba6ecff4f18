"""The project dashboard (coordinator; steering members read it) and the cluster
dashboard (whoever may read the cluster). Thin: parse the filters, call the selectors,
render. Figures come from the roll-up tables."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from clusters.models import Cluster, Project
from clusters.phases import phase_status
from governance.access import Action, can, get_authorized

from . import charts, figure_cache, selectors
from .completeness import completeness_by_cluster, total_rate
from .forms import DashboardFilterForm
from .panels import dashboard_panels
from .progress import indicator_progress

CLUSTERS_PER_PAGE = 25


def _figures(
    scope: selectors.Scope, clusters: list[int] | None, page_number: str | None
) -> dict[str, Any]:
    """Every panel's figures and the charts drawn from them (what the cache keeps)."""
    progress = indicator_progress(scope)
    activity = selectors.activity_figures(scope)
    governance = selectors.governance_figures(
        scope, commission=_("Cluster Commission"), steering=_("Steering Committee")
    )
    rates = completeness_by_cluster(project=scope.project, cluster=scope.cluster)
    rate = total_rate(rates)
    drawn = [
        *charts.progress_charts(progress),
        *charts.line_charts(progress),
        charts.completeness_chart(rate),
        *charts.activity_charts(activity),
        charts.governance_chart(governance),
    ]
    figures = {
        "progress": progress,
        "progress_lines": [row for row in progress if row.line is not None],
        "activity": activity,
        "governance": governance,
        "completeness_rates": rates,
        "completeness_rate": rate,
        "chart_ids": {chart["id"] for chart in drawn},
        "dashboard_data": {"charts": drawn},
        "cluster_page": None,
    }
    if scope.cluster is not None and clusters is None:
        figures["phase"] = phase_status(scope.cluster)
    else:
        figures["phases"] = selectors.phase_summary(project=scope.project)
    if clusters is not None:
        # The clusters' table: the page's rows, read in full only when drawn.
        page = Paginator([scope.cluster.pk] if scope.cluster else clusters, CLUSTERS_PER_PAGE)
        page = page.get_page(page_number)
        if scope.cluster:
            page.object_list = [scope.cluster]
        else:
            rows = {c.pk: c for c in Cluster.objects.filter(pk__in=page.object_list)}
            page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
        for row in selectors.cluster_rows(page.object_list):
            row.completeness = rates.get(row.pk)
        figures["cluster_page"] = page
    return figures


def _dashboard_context(
    request, scope: selectors.Scope, choices: list[tuple[int, str]] | None = None
) -> dict[str, Any]:
    """What the page shows around its figures, and the figures themselves as a lazy
    object: the template reads them only when the cache has no fragment for them."""
    rolled_up = selectors.rolled_up_at(scope)
    query = request.GET.copy()
    query.pop("page", None)
    page_number = request.GET.get("page")
    shown = figure_cache.figures_to_show(
        scope=scope,
        query=request.GET,
        rolled_up=rolled_up,
        cluster_dashboard=choices is None,
        read=choices or (),
    )
    clusters = None if choices is None else [pk for pk, _name in choices]
    return {
        "scope": scope,
        "rolled_up": rolled_up,
        "panels": dashboard_panels(request, scope),
        "query": query,
        "figures_key": shown.key,
        "figures_shown": shown,
        "figures_timeout": figure_cache.FIGURES_TIMEOUT,
        "figures": SimpleLazyObject(lambda: _figures(scope, clusters, page_number)),
    }


def _render(request, context: dict[str, Any], form: DashboardFilterForm):
    context["form"] = form
    if not form.is_valid():
        # The filters are shown with the message next to the field; no figures.
        return render(request, "monitoring/dashboard.html", context, status=400)
    response = render(request, "monitoring/dashboard.html", context)
    figure_cache.record_drawn(context["figures_shown"])
    return response


def project_dashboard(request, pk: int):
    project = get_authorized(
        request.user,
        Project.objects.select_related("monitoring_settings"),
        Action.REPORT,
        pk=pk,
    )
    # The filter's choices: a project may have hundreds of clusters, so pairs, not rows.
    choices = list(
        Cluster.objects.filter(project=project).order_by("name").values_list("pk", "name")
    )
    form = DashboardFilterForm(request.GET, project=project, clusters=choices)
    context: dict[str, Any] = {"project": project, "can_report": True}
    if form.is_valid():
        chosen = form.chosen_cluster_id()
        cluster = Cluster.objects.filter(project=project, pk=chosen).first() if chosen else None
        scope = selectors.Scope(project=project, period=form.chosen_period(), cluster=cluster)
        context.update(_dashboard_context(request, scope, choices))
    return _render(request, context, form)


def cluster_dashboard(request, pk: int):
    cluster = get_authorized(
        request.user,
        Cluster.objects.select_related("project", "project__monitoring_settings"),
        Action.VIEW,
        pk=pk,
    )
    project = cluster.project
    form = DashboardFilterForm(request.GET, project=project)
    context: dict[str, Any] = {
        "project": project,
        "cluster": cluster,
        "can_report": can(request.user, Action.REPORT, project),
    }
    if form.is_valid():
        scope = selectors.Scope(project=project, period=form.chosen_period(), cluster=cluster)
        context.update(_dashboard_context(request, scope))
    return _render(request, context, form)
