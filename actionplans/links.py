"""The field activity log's links on the base pages, registered in
ActionplansConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import ClusterStatus, Phase
from clusters.panels import IMPLEMENTATION, Link, PageAccess
from governance.access import Action

# Field work is logged once a cluster is selected and has a CDA (phase 2 on); a
# candidate, a cluster not selected or one handed over has no field work to log.
LOGGING_STATUSES = {ClusterStatus.SELECTED}
# The log is read wherever there may be entries: a handed-over cluster keeps its own.
LOG_STATUSES = {ClusterStatus.SELECTED, ClusterStatus.PHASED_OUT}


def cluster_links(request, cluster, access: PageAccess) -> list[Link]:
    """'Log activity' for whoever may work on a selected cluster in phase 2 or later;
    the log for every reader of a cluster that may have one."""
    result = []
    if (
        cluster.status in LOGGING_STATUSES
        and cluster.phase >= Phase.GOVERNANCE
        and access.can(Action.WORK, cluster)
    ):
        url = reverse("activity-create", args=[cluster.pk])
        result.append(Link(_("Log activity"), url, order=10, section=IMPLEMENTATION))
    if cluster.status in LOG_STATUSES:
        url = reverse("activity-list", args=[cluster.pk])
        result.append(Link(_("Activities"), url, "outline", order=20, section=IMPLEMENTATION))
    return result
