"""Monitoring's links on the base pages, registered in MonitoringConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import Link, PageAccess
from governance.access import Action


def project_links(request, project, access: PageAccess) -> list[Link]:
    """M&E (everyone in the project), the dashboard (coordinator) and the progress reports
    (coordinator, steering)."""
    result = [
        Link(
            _("Monitoring and evaluation"),
            reverse("me-overview", args=[project.pk]),
            "secondary",
            order=15,
        )
    ]
    if access.can(Action.MANAGE, project):
        result.append(
            Link(_("Dashboard"), reverse("project-dashboard", args=[project.pk]), order=10)
        )
    if access.can(Action.REPORT, project):
        result.append(
            Link(_("Reports"), reverse("report-list", args=[project.pk]), "outline", order=40)
        )
    return result
