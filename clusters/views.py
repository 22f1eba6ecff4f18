from contextlib import AbstractContextManager

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.access import Action, can, get_authorized, roles_of
from governance.forms_support import form_page

from . import selectors, services
from .forms import PhaseMoveForm
from .models import Cluster, Project
from .panels import (
    CLUSTER_CARD,
    GOVERNANCE,
    MAPPING,
    OVERVIEW,
    PEOPLE,
    PROJECT_CARD,
    PROJECT_PAGE,
    Link,
    NextAction,
    PageAccess,
    by_section,
    cluster_panels,
    links,
    next_actions,
)
from .phases import phase_status

# Cluster cards per page of the home page: a coordinator may see hundreds of clusters
# (the issue measured 507 cards, 227 KiB); the rest are a search or a page away.
HOME_PAGE_SIZE = 24


def project_timezone(project: Project) -> AbstractContextManager:
    """Show times in the project's zone while a page of the project renders
    (``with project_timezone(project): return render(...)``)."""
    return timezone.override(project.zoneinfo)


def home(request):
    """'My clusters': what the signed-in user works on, the next actions waiting for
    them, and a page of their clusters (with a search) with the next step for each."""
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(
        selectors.home_clusters(user=request.user, search=search), HOME_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    clusters = list(page.object_list)
    cdas = selectors.cdas_by_cluster(c.pk for c in clusters)
    projects = list(selectors.project_list(user=request.user))
    # One access question per (model, action) for the whole page, however many cards.
    access = PageAccess(request.user, listing=True)
    for project in projects:
        project.links = links(PROJECT_CARD, request, project, access)
    for cluster in clusters:
        cluster.cdas = cdas.get(cluster.pk, [])
        cluster.links = links(CLUSTER_CARD, request, cluster, access)
    return render(
        request,
        "clusters/home.html",
        {
            "clusters": clusters,
            "page": page,
            "search": search,
            "projects": projects,
            "next_actions": next_actions(request, request.user),
            "today": timezone.localdate(),
        },
    )


def project_detail(request, pk: int):
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    clusters = list(selectors.cluster_list(user=request.user, project=project))
    cdas = selectors.cdas_by_cluster(c.pk for c in clusters)
    for cluster in clusters:
        cluster.cdas = cdas.get(cluster.pk, [])
    with project_timezone(project):
        return render(
            request,
            "clusters/project_detail.html",
            {
                "project": project,
                "clusters": clusters,
                "sections": by_section(
                    links(PROJECT_PAGE, request, project, PageAccess(request.user))
                ),
            },
        )


def cluster_detail(request, pk: int):
    cluster = get_authorized(
        request.user, Cluster.objects.select_related("project"), Action.VIEW, pk=pk
    )
    with project_timezone(cluster.project):
        return render(
            request,
            "clusters/cluster_detail.html",
            {
                "cluster": cluster,
                "cdas": selectors.cdas_by_cluster([cluster.pk]).get(cluster.pk, []),
                "my_roles": roles_of(request.user, cluster),
                "can_work": can(request.user, Action.WORK, cluster),
                "can_manage": can(request.user, Action.MANAGE, cluster),
                "panels": cluster_panels(request, cluster),
            },
        )


# The phase tracker ------------------------------------------------------------


def cluster_phase(request, pk: int):
    """Move a cluster to another phase (coordinator), with the reason."""
    cluster = get_authorized(
        request.user, Cluster.objects.select_related("project"), Action.MANAGE, pk=pk
    )
    form = PhaseMoveForm(
        request.POST or None,
        initial={"expected_phase": cluster.phase, "to_phase": min(cluster.phase + 1, 6)},
    )
    return form_page(
        request,
        form,
        lambda: services.cluster_phase_move(
            actor=request.user, cluster=cluster, **form.cleaned_data
        ),
        success=_("Phase changed."),
        done=reverse("cluster-detail", args=[cluster.pk]),
        template="clusters/selection/phase_form.html",
        context={
            "cluster": cluster,
            "status": phase_status(cluster),
            "changes": selectors.phase_changes(cluster),
        },
    )


def phase_panel(request, cluster):
    """The cluster page's 'Phase' section: where it is, what is missing, the history."""
    return {
        "template": "clusters/selection/_phase_panel.html",
        "cluster": cluster,
        "status": phase_status(cluster),
        "changes": selectors.phase_changes(cluster, limit=5),
        "can_manage": can(request.user, Action.MANAGE, cluster),
        "can_select": can(request.user, Action.DECIDE_SELECTION, cluster.project),
    }


# --- Links of the base pages (registered in ClustersConfig.ready()) ----------
# Later phases add theirs from their own AppConfig.ready() (see clusters/panels.py).


def project_page_links(request, project, access: PageAccess) -> list[Link]:
    pk = project.pk
    manage = access.can(Action.MANAGE, project)
    report = access.can(Action.REPORT, project)
    result = []
    if manage:
        result += [
            Link(_("People"), reverse("project-people", args=[pk]), "secondary", 20, PEOPLE),
            Link(
                _("History"),
                reverse("object-history", args=["clusters", "project", pk]),
                "outline",
                30,
                OVERVIEW,
            ),
        ]
    if access.can(Action.DECIDE_SELECTION, project):
        result.append(
            Link(_("Selection"), reverse("selection-ranking", args=[pk]), "outline", 50, MAPPING)
        )
    if manage or report:
        steering = reverse("project-steering", args=[pk])
        result.append(Link(_("Steering Committee"), steering, "outline", 60, GOVERNANCE))
    if manage:
        decisions = reverse("project-decisions", args=[pk])
        result.append(Link(_("Open decisions"), decisions, "outline", 70, GOVERNANCE))
    return [
        *result,
        Link(_("Candidates"), reverse("candidate-list", args=[pk]), "outline", 80, MAPPING),
        Link(_("Map"), reverse("cluster-map", args=[pk]), "outline", 90, MAPPING),
    ]


def project_card_links(request, project, access: PageAccess) -> list[Link]:
    if not access.can(Action.MANAGE, project):
        return []
    url = reverse("project-people", args=[project.pk])
    return [Link(_("People"), url, "secondary", order=20, section=PEOPLE)]


def selection_next_actions(request, user) -> list[NextAction]:
    """For whoever records selection decisions: the candidates still waiting for one."""
    return [
        NextAction(
            _("%(project)s: candidates awaiting a selection decision") % {"project": p.name},
            reverse("selection-ranking", args=[p.pk]),
            p.candidates,
        )
        for p in selectors.projects_with_candidates(user=user)
    ]
