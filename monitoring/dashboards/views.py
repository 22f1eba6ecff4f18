from django.shortcuts import render

from clusters.models import Project
from governance.access import Action, can, get_authorized

from . import selectors


def project_dashboard(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "project": project,
            "clusters": selectors.project_dashboard(project=project),
            "can_report": can(request.user, Action.REPORT, project),
        },
    )
