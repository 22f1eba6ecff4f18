"""Roll-up cells against hand-computed figures, one aggregation rule at a time, at the
indicator and the project level; including the cases Akvo RSR got wrong."""

import datetime
from decimal import Decimal

import pytest

from monitoring.models import (
    ClusterAggregation,
    Disaggregation,
    IndicatorRollup,
    IndicatorValueBreakdown,
    Measure,
    MonitoringSettings,
    TimeAggregation,
    ValueStatus,
)
from monitoring.periods import period_containing
from monitoring.rollups.services import rollup_rebuild, rollup_refresh
from tests.factories import ClusterFactory, ProjectFactory
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory, ValueFactory

pytestmark = pytest.mark.django_db

D = Decimal


def month(m: int, year: int = 2025) -> datetime.date:
    return datetime.date(year, m, 1)


def approve(indicator, start, value=None, *, women=None, men=None, num=None, den=None):
    period = period_containing(start, indicator.frequency, 1)
    row = ValueFactory(
        indicator=indicator,
        period_start=period.start,
        period_end=period.end,
        status=ValueStatus.APPROVED,
        value=value,
        numerator=num,
        denominator=den,
    )
    for category, part in (("women", women), ("men", men)):
        if part is not None:
            IndicatorValueBreakdown.objects.create(
                indicator_value=row, dimension="sex", category=category, value=part
            )
    return row


def cell(definition, kind, start, *, cluster=None, category=""):
    row = IndicatorRollup.objects.get(
        definition=definition,
        cluster=cluster,
        period_kind=kind,
        period_start=start,
        category=category,
        shadow=False,
    )
    return row.value


@pytest.fixture
def project():
    return ProjectFactory(starts_on=month(1))


@pytest.fixture
def clusters(project):
    return [ClusterFactory(project=project) for _ in range(2)]


def definition(project, **rules):
    return DefinitionFactory(project=project, **rules)


def test_a_flow_is_summed_over_months_quarters_and_years(project, clusters):
    flow = definition(project)  # people trained: sum, sum
    ind = IndicatorFactory(cluster=clusters[0], definition=flow, frequency="month")
    for m, v in ((1, 5), (2, 7), (3, 11), (4, 2)):
        approve(ind, month(m), v)
    rollup_rebuild(project=project)
    c = clusters[0]
    assert cell(flow, "period", month(2), cluster=c) == D(7)
    assert cell(flow, "quarter", month(1), cluster=c) == D(23)
    assert cell(flow, "quarter", month(4), cluster=c) == D(2)
    assert cell(flow, "year", month(1), cluster=c) == D(25)
    assert cell(flow, "to_date", month(1), cluster=c) == D(25)


def test_a_stock_takes_the_last_month_of_the_quarter(project, clusters):
    stock = definition(project, time_aggregation=TimeAggregation.LAST)  # firms in joint actions
    ind = IndicatorFactory(cluster=clusters[0], definition=stock, frequency="month")
    for m, v in ((1, 12), (2, 15), (3, 14), (4, 20), (5, 22)):
        approve(ind, month(m), v)
    rollup_rebuild(project=project)
    c = clusters[0]
    assert cell(stock, "quarter", month(1), cluster=c) == D(14)  # March, not 41 nor 15
    assert cell(stock, "quarter", month(4), cluster=c) == D(22)  # May: June not in yet
    assert cell(stock, "year", month(1), cluster=c) == D(22)


def test_a_cumulative_indicator_year_is_its_last_value_not_a_sum(project, clusters):
    """Akvo RSR #5211/#5212: cumulative indicators summed over periods made programme
    totals jump, then fall."""
    cumulative = definition(project, time_aggregation=TimeAggregation.LAST, cumulative=True)
    ind = IndicatorFactory(cluster=clusters[0], definition=cumulative, frequency="quarter")
    for q, v in ((1, 10), (4, 25), (7, 40), (10, 55)):
        approve(ind, month(q), v)
    approve(ind, month(1, 2026), 60)
    rollup_rebuild(project=project)
    c = clusters[0]
    assert cell(cumulative, "year", month(1), cluster=c) == D(55)
    assert cell(cumulative, "year", month(1, 2026), cluster=c) == D(60)
    assert cell(cumulative, "to_date", month(1), cluster=c) == D(60)


def test_a_percentage_is_the_sum_of_numerators_over_the_sum_of_denominators(project, clusters):
    share = definition(
        project,
        measure=Measure.PERCENTAGE,
        time_aggregation=TimeAggregation.RATIO,
        cluster_aggregation=ClusterAggregation.RATIO,
    )
    small = IndicatorFactory(cluster=clusters[0], definition=share, frequency="quarter")
    large = IndicatorFactory(cluster=clusters[1], definition=share, frequency="quarter")
    approve(small, month(1), D(100), num=3, den=3)  # 3 firms of 3 linked: 100 %
    approve(large, month(1), D(10), num=30, den=300)  # 30 of 300: 10 %
    approve(small, month(4), D(0), num=0, den=3)
    rollup_rebuild(project=project)
    # Across clusters: 33 / 303, not the average of 100 % and 10 % (55 %).
    assert cell(share, "quarter", month(1)).quantize(D("0.01")) == D("10.89")
    # Over time in the small cluster: 3 / 6, not the average of 100 % and 0 %... (also 50)
    assert cell(share, "year", month(1), cluster=clusters[0]) == D(50)
    # Over time and clusters: 33 / 306.
    assert cell(share, "year", month(1)).quantize(D("0.01")) == D("10.78")


def test_women_and_men_roll_up_beside_the_total(project, clusters):
    jobs = definition(project, disaggregation=Disaggregation.SEX)  # new jobs by sex
    first = IndicatorFactory(cluster=clusters[0], definition=jobs, frequency="quarter")
    second = IndicatorFactory(cluster=clusters[1], definition=jobs, frequency="quarter")
    approve(first, month(1), 10, women=6, men=4)
    approve(second, month(1), 5, women=1, men=4)
    approve(second, month(4), 3)  # split not known this time: the total alone
    rollup_rebuild(project=project)
    assert cell(jobs, "quarter", month(1), category="women") == D(7)
    assert cell(jobs, "quarter", month(1), category="men") == D(8)
    assert cell(jobs, "quarter", month(1)) == D(15)  # = women + men
    assert cell(jobs, "year", month(1)) == D(18)
    assert cell(jobs, "year", month(1), category="women") == D(7)


def test_the_average_rule_over_time_and_across_clusters(project, clusters):
    price = definition(
        project,
        time_aggregation=TimeAggregation.AVERAGE,
        cluster_aggregation=ClusterAggregation.AVERAGE,
    )  # price received, as a multiple of the baseline
    a = IndicatorFactory(cluster=clusters[0], definition=price, frequency="quarter")
    b = IndicatorFactory(cluster=clusters[1], definition=price, frequency="quarter")
    approve(a, month(1), D("1.2"))
    approve(a, month(4), D("1.6"))
    approve(b, month(1), D("2.0"))
    rollup_rebuild(project=project)
    assert cell(price, "year", month(1), cluster=clusters[0]) == D("1.4")
    assert cell(price, "year", month(1)) == D("1.7")  # (1.4 + 2.0) / 2


def test_a_stock_across_clusters_is_the_sum_of_each_clusters_last_value(project, clusters):
    certified = definition(project, time_aggregation=TimeAggregation.LAST)
    a = IndicatorFactory(cluster=clusters[0], definition=certified, frequency="month")
    b = IndicatorFactory(cluster=clusters[1], definition=certified, frequency="quarter")
    approve(a, month(1), 4)
    approve(a, month(2), 6)
    approve(b, month(1), 30)
    rollup_rebuild(project=project)
    assert cell(certified, "quarter", month(1)) == D(36)


def test_a_late_value_for_an_earlier_period_changes_that_period_only(project, clusters):
    """Akvo RSR #5241: a late update to an earlier period lost the carried-over total."""
    flow = definition(project)
    ind = IndicatorFactory(cluster=clusters[0], definition=flow, frequency="quarter")
    approve(ind, month(1), 10)
    approve(ind, month(7), 30)
    rollup_rebuild(project=project)
    before = {
        (r.period_kind, r.period_start): (r.value, r.rolled_at)
        for r in IndicatorRollup.objects.filter(cluster=clusters[0])
    }
    late = approve(ind, month(4), 20)
    rollup_refresh(indicator_id=ind.pk, period_start=late.period_start)
    after = {
        (r.period_kind, r.period_start): (r.value, r.rolled_at)
        for r in IndicatorRollup.objects.filter(cluster=clusters[0])
    }
    assert after[("quarter", month(4))][0] == D(20)
    assert after[("year", month(1))][0] == D(60)
    assert after[("to_date", month(1))][0] == D(60)
    # The first and third quarters are not touched.
    assert after[("quarter", month(1))] == before[("quarter", month(1))]
    assert after[("quarter", month(7))] == before[("quarter", month(7))]
    assert rollup_rebuild(project=project) == 0


def test_financial_years_start_in_the_projects_month(project, clusters):
    MonitoringSettings.objects.create(project=project, financial_year_start_month=7)
    flow = definition(project)
    ind = IndicatorFactory(cluster=clusters[0], definition=flow, frequency="month")
    approve(ind, month(6), 1)
    approve(ind, month(7), 2)
    approve(ind, month(8), 4)
    rollup_rebuild(project=project)
    c = clusters[0]
    assert cell(flow, "fy", datetime.date(2024, 7, 1), cluster=c) == D(1)
    assert cell(flow, "fy", month(7), cluster=c) == D(6)
    assert cell(flow, "year", month(1), cluster=c) == D(7)


@pytest.mark.parametrize("fy_start_month", [1, 2, 4, 7, 10, 12])
def test_each_cells_dates_are_those_of_its_quarter_year_and_financial_year(
    project, clusters, fy_start_month
):
    """The database truncates each month to its buckets: the first and last days of
    every cell match the calendar the pages and reports name."""
    MonitoringSettings.objects.create(project=project, financial_year_start_month=fy_start_month)
    flow = definition(project)
    ind = IndicatorFactory(cluster=clusters[0], definition=flow, frequency="month")
    for m in range(1, 13):
        approve(ind, month(m), m)
    approve(ind, month(2, 2026), 100)
    rollup_rebuild(project=project)
    expected = {}
    for start in [month(m) for m in range(1, 13)] + [month(2, 2026)]:
        for kind, size, first_month in (
            ("quarter", "quarter", 1),
            ("year", "year", 1),
            ("fy", "year", fy_start_month),
        ):
            bucket = period_containing(start, size, first_month)
            expected[(kind, bucket.start)] = bucket.end
    found = {
        (kind, first): last
        for kind, first, last in IndicatorRollup.objects.filter(
            cluster=clusters[0], period_kind__in=["quarter", "year", "fy"]
        ).values_list("period_kind", "period_start", "period_end")
    }
    assert found == expected
    fy = period_containing(month(2, 2026), "year", fy_start_month)
    in_that_fy = [m for m in range(1, 13) if fy.start <= month(m) <= fy.end]
    assert cell(flow, "fy", fy.start, cluster=clusters[0]) == D(100 + sum(in_that_fy))


def test_a_project_indicator_is_not_added_to_its_clusters(project, clusters):
    """A definition the project adopted itself is reported by the project: its cells
    are its own values, not a sum over clusters that may also track it."""
    meetings = definition(project)
    own = IndicatorFactory(cluster=None, project=project, definition=meetings)
    approve(own, month(1), 4)
    approve(IndicatorFactory(cluster=clusters[0], definition=meetings), month(1), 100)
    rollup_rebuild(project=project)
    assert cell(meetings, "quarter", month(1)) == D(4)


def test_values_not_approved_do_not_count(project, clusters):
    flow = definition(project)
    ind = IndicatorFactory(cluster=clusters[0], definition=flow)
    approve(ind, month(1), 10)
    for status, first in (
        (ValueStatus.DRAFT, month(4)),
        (ValueStatus.SUBMITTED, month(7)),
        (ValueStatus.RETURNED, month(10)),
    ):
        ValueFactory(indicator=ind, period_start=first, period_end=first, status=status)
    ValueFactory(
        indicator=ind,
        period_start=month(1),
        period_end=datetime.date(2025, 3, 31),
        status=ValueStatus.SUPERSEDED,
        value=99,
    )
    rollup_rebuild(project=project)
    assert cell(flow, "year", month(1)) == D(10)


def test_a_rebuild_finds_and_corrects_a_wrong_cell(project, clusters):
    flow = definition(project)
    ind = IndicatorFactory(cluster=clusters[0], definition=flow)
    approve(ind, month(1), 10)
    assert rollup_rebuild(project=project) > 0  # from nothing: every cell was missing
    assert rollup_rebuild(project=project) == 0
    IndicatorRollup.objects.filter(period_kind="year", cluster=None).update(value=1)
    assert rollup_rebuild(project=project) == 2  # the wrong cell out, the right one in
    assert cell(flow, "year", month(1)) == D(10)


def test_a_milestone_counts_the_clusters_that_say_yes(project, clusters):
    endorsed = definition(
        project, measure=Measure.YES_NO, time_aggregation=TimeAggregation.LAST
    )  # action plan endorsed
    for cluster, answers in zip(clusters, ((False, True), (False, False)), strict=True):
        ind = IndicatorFactory(cluster=cluster, definition=endorsed, frequency="quarter")
        for start, answer in zip((month(1), month(4)), answers, strict=True):
            row = approve(ind, start)
            row.yes_no = answer
            row.save()
    rollup_rebuild(project=project)
    assert cell(endorsed, "quarter", month(1)) == D(0)
    assert cell(endorsed, "year", month(1)) == D(1)  # one cluster has endorsed by June
