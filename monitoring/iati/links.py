"""The IATI download on the project page (registered in MonitoringConfig.ready())."""

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import REPORTS, Link, PageAccess
from governance.access import Action


def project_iati_link(request, project, access: PageAccess) -> list[Link]:
    """The coordinator's download of the project's IATI activity file."""
    if not access.can(Action.MANAGE, project):
        return []
    url = reverse("iati-export", args=[project.pk])
    return [Link(_("IATI file"), url, "outline", order=45, section=REPORTS)]
