from django.shortcuts import render

from clusters.models import Project
from clusters.panels import PageAccess
from governance.access import Action, get_authorized

from .evaluations import links as evaluation_links
from .indicators import links as indicator_links
from .results import links as result_links
from .values import links as value_links

# The parts of the M&E page, in the order of the method: the chain, its indicators,
# the values reported against them, then evaluations.
ME_PARTS = (result_links, indicator_links, value_links, evaluation_links)


def me_overview(request, pk: int):
    """The project's monitoring and evaluation: one way in to every M&E page the user
    can use (each part offers only the links its user may follow)."""
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    access = PageAccess(request.user)
    found = [link for part in ME_PARTS for link in part.hub_links(request, project, access)]
    return render(
        request,
        "monitoring/me_overview.html",
        {"project": project, "links": sorted(found, key=lambda link: link.order)},
    )
