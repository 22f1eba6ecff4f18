"""What the progress report says: figures from the roll-ups for the period asked for,
with targets, actuals and the women/men split, in the report's language."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from actionplans.models import FieldActivity
from governance.models import Attendance, Body, BodyKind, BodyMember, Decision, Meeting
from monitoring.models import Evaluation, EvaluationPoint
from monitoring.models.reports import ReportJob, ReportKind, ReportPeriodKind
from monitoring.reports.figures import indicator_rows
from monitoring.reports.periods import report_period
from monitoring.reports.selectors import progress_report_data
from monitoring.reports.services import render_report_file, report_job_run
from monitoring.rollups.services import rollup_rebuild
from tests.factories import ClusterFactory
from tests.monitoring.factories import IndicatorFactory

from .conftest import Q3, approve
from .helpers import pdf_text

pytestmark = pytest.mark.django_db


def quarter(project, start=Q3):
    return report_period(ReportPeriodKind.QUARTER, start, project_start=project.starts_on)


def test_the_quarterly_pdf_has_the_indicator_with_target_actual_and_split(figures):
    world = figures.world
    FieldActivity.objects.create(
        cluster=world.a2, occurred_on=Q3, kind="b2b", summary="x", women=17, men=15
    )
    job = ReportJob.objects.create(
        project=world.project_a, period_kind="quarter", period_start=Q3, language="en"
    )
    job = report_job_run(job_id=job.pk)
    text = pdf_text(job.file.read())
    assert "Project A" in text and "Cluster A1" in text and "Cluster A2" in text
    assert "B2B meeting 1 17 15" in text  # the project's field activity by type
    assert "Q3 2026" in text
    assert "Jobs created in cluster firms" in text
    # The project line: A1 + A2 (targets 1,500 + 20; actuals 1,234 + 16), women 740, men 510
    assert "1,520" in text and "1,250" in text
    assert "740" in text and "510" in text
    # Cluster A1's own line, with its split
    assert "1,500" in text and "1,234" in text and "734" in text and "500" in text
    assert "Figures rolled up at" in text
    assert "Contents" in text and "Summary of results against targets" in text


def test_the_charts_are_vector_images(figures):
    data = progress_report_data(
        project=figures.world.project_a, period=quarter(figures.world.project_a)
    )
    assert data["summary_chart_targets"].startswith("data:image/svg+xml;base64,")
    assert data["summary_chart_sex"].startswith("data:image/svg+xml;base64,")
    import base64

    svg = base64.b64decode(data["summary_chart_sex"].split(",", 1)[1]).decode()
    assert "<svg" in svg and "<script" not in svg
    assert "Women" in svg and "Men" in svg


def test_a_half_year_adds_its_two_quarters_from_the_cells(figures):
    project = figures.world.project_a
    half = report_period(
        ReportPeriodKind.HALF_YEAR, datetime.date(2026, 1, 1), project_start=project.starts_on
    )
    rows, by_cluster = indicator_rows(project=project, period=half)
    assert rows[0].actual.total == Decimal(20)  # Q2 only: Q1 had nothing
    second = report_period(
        ReportPeriodKind.HALF_YEAR, datetime.date(2026, 7, 1), project_start=project.starts_on
    )
    rows, by_cluster = indicator_rows(project=project, period=second)
    assert (rows[0].actual.total, rows[0].actual.women, rows[0].actual.men) == (1250, 740, 510)
    year = report_period(
        ReportPeriodKind.YEAR, datetime.date(2026, 1, 1), project_start=project.starts_on
    )
    rows, by_cluster = indicator_rows(project=project, period=year)
    assert rows[0].actual.total == Decimal(1270)
    a1 = by_cluster[figures.world.a1.pk][0]
    assert (a1.actual.total, a1.target.total) == (Decimal(1254), Decimal(1500))


def test_to_date_compares_with_the_end_of_project_target(figures):
    project = figures.world.project_a
    rows, by_cluster = indicator_rows(
        project=project,
        period=report_period(ReportPeriodKind.TO_DATE, None, project_start=project.starts_on),
    )
    a1 = by_cluster[figures.world.a1.pk][0]
    assert (a1.actual.total, a1.target.total, a1.baseline.total) == (1254, 400, 5)
    assert a1.progress == Decimal(314)


def test_a_cluster_report_holds_that_cluster_only(figures):
    world = figures.world
    job = ReportJob.objects.create(
        project=world.project_a,
        kind=ReportKind.CLUSTER,
        cluster=world.a2,
        period_kind="quarter",
        period_start=Q3,
    )
    text = pdf_text(render_report_file(job))
    assert "Cluster progress report" in text and "Cluster A2" in text
    assert "Cluster A1" not in text
    assert "Jobs created in cluster firms" in text and "16" in text and "1,234" not in text


def test_numbers_and_dates_follow_the_reports_language(figures):
    world = figures.world
    job = ReportJob.objects.create(
        project=world.project_a, period_kind="quarter", period_start=Q3, language="fr"
    )
    job = report_job_run(job_id=job.pk)
    text = pdf_text(job.file.read())
    assert "Rapport d" in text
    assert "1\u202f234" in text or "1 234" in text or "1\xa0234" in text, text[:2000]


def test_activity_governance_and_recommendations_of_the_period(figures):
    world = figures.world
    FieldActivity.objects.create(
        cluster=world.a1, occurred_on=Q3, kind="training", summary="x", women=7, men=5
    )
    FieldActivity.objects.create(  # outside the quarter
        cluster=world.a1, occurred_on="2026-01-10", kind="training", summary="x", women=70
    )
    body = Body.objects.create(kind=BodyKind.COMMISSION, project=world.project_a, cluster=world.a1)
    meeting = Meeting.objects.create(body=body, held_on=datetime.date(2026, 8, 3), other_men=2)
    for name, sex in (("Awa", "woman"), ("Binta", "woman"), ("Cheikh", "man")):
        member = BodyMember.objects.create(body=body, name=name, sex=sex, starts_on="2026-01-01")
        Attendance.objects.create(meeting=meeting, member=member)
    Decision.objects.create(meeting=meeting, text="Buy a dryer", status="done")
    Decision.objects.create(meeting=meeting, text="Visit Thiès", status="open")
    evaluation = Evaluation.objects.create(project=world.project_a, kind="mid_term", title="MTR")
    EvaluationPoint.objects.create(evaluation=evaluation, kind="recommendation", text="Hire a CDA")
    EvaluationPoint.objects.create(
        evaluation=evaluation, kind="recommendation", text="Closed one", follow_up="done"
    )
    with translation.override("en"):
        data = progress_report_data(project=world.project_a, period=quarter(world.project_a))
    assert data["totals"] == {"count": 1, "women": 7, "men": 5}
    commission = data["governance"].of(world.a1.pk)
    assert (commission.meetings, commission.attendance_women, commission.attendance_men) == (
        1,
        2,
        3,
    )
    assert (commission.decisions, commission.decisions_done, commission.decisions_open) == (2, 1, 1)
    assert [p.text for p in data["recommendations"]] == ["Hire a CDA"]


def test_the_number_of_queries_does_not_grow_with_clusters(figures, django_assert_num_queries):
    project = figures.world.project_a
    period = quarter(project)
    # 11 for the figures, 1 for the clusters' endorsed reports, 1 for the lines over the
    # periods (their cells; their targets too when there are any).
    with django_assert_num_queries(13):
        progress_report_data(project=project, period=period)
    for _ in range(8):
        cluster = ClusterFactory(project=project)
        FieldActivity.objects.create(
            cluster=cluster, occurred_on=Q3, kind="visit", summary="x", women=1
        )
        indicator = IndicatorFactory(cluster=cluster, definition=figures.jobs)
        approve(indicator, Q3, 3, women=1, men=2)
        body = Body.objects.create(kind=BodyKind.COMMISSION, project=project, cluster=cluster)
        meeting = Meeting.objects.create(body=body, held_on=datetime.date(2026, 8, 3))
        Decision.objects.create(meeting=meeting, text="Meet again")
    rollup_rebuild(project=project)
    with django_assert_num_queries(13):
        data = progress_report_data(project=project, period=period)
    assert len(data["sections"]) == 10
    assert data["summary_rows"][0].actual.total == 1250 + 8 * 3
