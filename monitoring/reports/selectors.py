"""Reads for progress reports, scoped through the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import Cluster, Project
from clusters.selectors import cdas_by_cluster
from governance.access import Action, visible
from governance.models import BodyKind, Meeting

from ..models import MonitoringSettings, ReportJob, RollupStamp
from ..models.reports import ReportKind, ReportPeriodKind, ReportSchedule
from . import charts
from .figures import indicator_rows
from .periods import ReportPeriod, report_period
from .sections import cluster_endorsements, field_activity, governance, open_recommendations

# A chart costs WeasyPrint about what a page of tables does (its SVG text is laid out
# like the page's), and so does each page number in the contents (a target-counter
# makes it lay the document out again): a national programme's hundreds of clusters
# get their tables and one entry in the contents, not two charts and a line each.
DETAILED_UP_TO = 25


# A job with what its row shows: its cluster, who asked, and its endorsement.
JOB_ROW = ("project", "requested_by", "cluster", "endorsement__meeting")


def report_job_list(*, user: Any, project: Project | None = None) -> QuerySet[ReportJob]:
    qs = ReportJob.objects.select_related(*JOB_ROW)
    if project is not None:
        qs = qs.filter(project=project)
    return visible(user, qs, Action.REPORT)


def cluster_report_list(*, user: Any, cluster: Cluster) -> QuerySet[ReportJob]:
    """The cluster's own progress reports (not the project's), newest first, each with
    its endorsement: what the cluster's Commission and CDA see, and the project's
    roles."""
    qs = ReportJob.objects.select_related(*JOB_ROW, "endorsement__recorded_by").filter(
        cluster=cluster, kind=ReportKind.CLUSTER
    )
    return visible(user, qs, Action.VIEW)


def endorsement_meetings(*, user: Any, cluster: Cluster | None) -> QuerySet[Meeting]:
    """The meetings of the cluster's Commission held by today (in the project's time
    zone), newest first: where its report may be endorsed (none for a project report)."""
    if cluster is None:
        return Meeting.objects.none()
    today = timezone.localdate(timezone=cluster.project.zoneinfo)
    qs = Meeting.objects.filter(
        body__kind=BodyKind.COMMISSION, body__cluster=cluster, held_on__lte=today
    ).select_related("body")
    return visible(user, qs, Action.VIEW).order_by("-held_on", "-pk")


def report_schedule_of(*, project: Project) -> ReportSchedule | None:
    return ReportSchedule.objects.filter(project=project).first()


def fy_start_month_of(project: Project) -> int:
    settings = MonitoringSettings.objects.filter(project=project).only("financial_year_start_month")
    row = settings.first()
    return row.financial_year_start_month if row else 1


def period_of_job(job: ReportJob) -> ReportPeriod:
    """The period a job reports on ("to date" ends on the day it is rendered)."""
    return report_period(
        job.period_kind or ReportPeriodKind.TO_DATE,
        job.period_start,
        project_start=job.project.starts_on,
        fy_start_month=fy_start_month_of(job.project),
    )


def progress_report_data(
    *,
    project: Project,
    period: ReportPeriod | None = None,
    cluster: Cluster | None = None,
    with_charts: bool = True,
) -> dict[str, Any]:
    """Everything a progress report prints (the project's, or one cluster's), in a fixed
    number of queries whatever the number of clusters, indicators and activities."""
    period = period or report_period(
        ReportPeriodKind.TO_DATE, None, project_start=project.starts_on
    )
    clusters = Cluster.objects.filter(project=project).order_by("name")
    if cluster is not None:
        clusters = clusters.filter(pk=cluster.pk)
    clusters = list(clusters)
    cdas = cdas_by_cluster([c.pk for c in clusters])
    project_rows, rows_by_cluster = indicator_rows(project=project, period=period, cluster=cluster)
    activity, activity_by_cluster = field_activity(project=project, period=period, cluster=cluster)
    bodies = governance(project=project, period=period, cluster=cluster)
    recommendations = open_recommendations(project=project, cluster=cluster)
    endorsements = cluster_endorsements(project=project, period=period, cluster=cluster)
    stamp = RollupStamp.objects.filter(project=project).only("rolled_at").first()
    sections = []
    detailed = len(clusters) <= DETAILED_UP_TO
    cluster_charts = with_charts and detailed
    for c in clusters:
        rows = rows_by_cluster.get(c.pk, [])
        c.cdas = cdas.get(c.pk, [])
        table = activity_by_cluster.get(c.pk)
        c.activities_in_period = table.totals["count"] if table else 0
        sections.append(
            {
                "cluster": c,
                "anchor": f"cluster-{c.pk}",
                "indicators": rows,
                "activity": table,
                "governance": bodies.of(c.pk),
                "governance_rows": [(_("Cluster Commission"), bodies.of(c.pk))],
                "recommendations": [r for r in recommendations if r.evaluation.cluster_id == c.pk],
                "endorsement": endorsements.get(c.pk),
                "chart_targets": charts.actual_vs_target_chart(rows) if cluster_charts else None,
                "chart_sex": charts.women_men_chart(rows) if cluster_charts else None,
            }
        )
    # The summary of a cluster report is the cluster's own figures.
    summary_rows = project_rows if cluster is None else rows_by_cluster.get(cluster.pk, [])
    return {
        "project": project,
        "cluster": cluster,
        "kind": ReportKind.CLUSTER if cluster is not None else ReportKind.PROJECT,
        "period": period,
        "clusters": clusters,
        "sections": sections,
        "contents_per_cluster": detailed,
        "summary_rows": summary_rows,
        "summary_chart_targets": (
            charts.actual_vs_target_chart(summary_rows) if with_charts else None
        ),
        "summary_chart_sex": charts.women_men_chart(summary_rows) if with_charts else None,
        "summary_lines": (
            charts.indicator_line_charts(project=project, period=period, cluster=cluster)
            if with_charts
            else []
        ),
        "activity": activity,
        "by_kind": activity.rows,
        "totals": activity.totals,
        "governance": bodies,
        "governance_rows": [
            (_("Steering Committee"), bodies.steering),
            (_("Cluster Commissions"), bodies.commissions_total),
        ],
        "recommendations": recommendations,
        "rolled_at": stamp.rolled_at if stamp else None,
        "generated_at": timezone.now(),
    }
