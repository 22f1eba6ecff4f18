"""Monitoring's links on the base pages, registered in MonitoringConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import MONITORING, OVERVIEW, REPORTS, Link, PageAccess
from governance.access import Action


def project_links(request, project, access: PageAccess) -> list[Link]:
    """The dashboard and the progress reports (coordinator, steering: read-only)."""
    if not access.can(Action.REPORT, project):
        return []
    return [
        Link(
            _("Dashboard"),
            reverse("project-dashboard", args=[project.pk]),
            order=10,
            section=OVERVIEW,
        ),
        Link(
            _("Reports"),
            reverse("report-list", args=[project.pk]),
            "outline",
            order=40,
            section=REPORTS,
        ),
    ]


def me_link(request, project, access: PageAccess) -> list[Link]:
    """The project page's way in to monitoring and evaluation (everyone in the project;
    the M&E page shows each person the parts they can use)."""
    if not access.can(Action.VIEW, project):
        return []
    url = reverse("me-overview", args=[project.pk])
    return [Link(_("Monitoring and evaluation"), url, "secondary", order=15, section=MONITORING)]
