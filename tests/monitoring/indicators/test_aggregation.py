"""How approved values add up, on hand-computed cases (and the Akvo RSR failures)."""

import datetime
from decimal import Decimal

from monitoring.indicators.aggregation import across_clusters, figure_of, over_time, to_date

D = Decimal


def month(m, year=2025):
    return datetime.date(year, m, 1)


def test_a_flow_is_summed_over_the_months_of_its_quarter():
    rows = [(month(1), 10), (month(2), 12), (month(3), 8), (month(4), 5)]
    quarters = over_time(rows, time_aggregation="sum", frequency="quarter")
    assert {k: f.value for k, f in quarters.items()} == {month(1): 30, month(4): 5}


def test_a_stock_takes_the_last_month_of_the_quarter():
    # Firms in joint actions: 12 in January, 15 in February, 14 in March.
    rows = [(month(3), 14), (month(1), 12), (month(2), 15)]
    quarter = over_time(rows, time_aggregation="last", frequency="quarter")[month(1)]
    assert quarter.value == 14  # not 41, and not February's 15


def test_a_cumulative_indicator_s_year_value_is_its_last_running_total():
    # Farmers applying improved practices, to date, quarter by quarter.
    rows = [(month(1), 100), (month(4), 180), (month(7), 240), (month(10), 300)]
    year = over_time(rows, time_aggregation="sum", cumulative=True, frequency="year")
    assert year[month(1)].value == 300  # summing gives 820 (akvo-rsr #5211/#5212)
    assert to_date(rows, time_aggregation="last", cumulative=True).value == 300


def test_a_cumulative_total_never_goes_down_across_years():
    # Akvo RSR's totals went down when a new year started counting from its own periods.
    rows = [(month(10, 2025), 300), (month(1, 2026), 320)]
    years = over_time(rows, time_aggregation="last", cumulative=True, frequency="year")
    assert [f.value for f in years.values()] == [300, 320]
    assert to_date(rows, time_aggregation="last", cumulative=True).value == 320


def test_a_percentage_is_the_sum_of_numerators_over_the_sum_of_denominators():
    # Post-harvest losses: 10 of 100 t in January, 30 of 50 t in February.
    rows = [(month(1), 10, 10, 100), (month(2), 60, 30, 50)]
    quarter = over_time(rows, time_aggregation="ratio", frequency="quarter")[month(1)]
    assert (quarter.numerator, quarter.denominator) == (40, 150)
    assert quarter.value.quantize(D("0.01")) == D("26.67")  # not (10 + 60) / 2 = 35
    # Across clusters: a cluster of 3 firms does not weigh like one of 300.
    small = figure_of(D("100"), 3, 3)
    large = figure_of(D("10"), 30, 300)
    both = across_clusters([small, large], cluster_aggregation="ratio")
    assert (both.numerator, both.denominator) == (33, 303)
    assert both.value.quantize(D("0.01")) == D("10.89")  # not (100 + 10) / 2 = 55


def test_women_and_men_add_up_to_the_total_over_time_and_across_clusters():
    a1 = [
        (month(1), 10, None, None, {"women": 6, "men": 4}),
        (month(2), 5, None, None, {"women": 1, "men": 4}),
    ]
    a2 = [(month(1), 7, None, None, {"women": 3, "men": 4})]
    q1 = over_time(a1, time_aggregation="sum", frequency="quarter")[month(1)]
    assert (q1.value, q1.parts["women"].value, q1.parts["men"].value) == (15, 7, 8)
    other = over_time(a2, time_aggregation="sum", frequency="quarter")[month(1)]
    project = across_clusters([q1, other], cluster_aggregation="sum")
    assert project.value == 22
    assert project.parts["women"].value + project.parts["men"].value == project.value
    assert project.split_complete


def test_a_total_entered_without_its_split_says_so():
    rows = [(month(1), 10, None, None, {"women": 6, "men": 4}), (month(2), 5)]
    quarter = over_time(rows, time_aggregation="sum", frequency="quarter")[month(1)]
    assert quarter.value == 15 and quarter.parts["women"].value == 6
    assert not quarter.split_complete


def test_a_stock_by_sex_keeps_the_parts_of_its_last_value():
    rows = [
        (month(1), 100, None, None, {"women": 40, "men": 60}),
        (month(3), 110, None, None, {"women": 45, "men": 65}),
    ]
    quarter = over_time(rows, time_aggregation="last", frequency="quarter")[month(1)]
    assert (quarter.value, quarter.parts["women"].value, quarter.parts["men"].value) == (
        110,
        45,
        65,
    )


def test_a_late_value_for_an_earlier_period_changes_that_period_only():
    rows = [(month(1), 10), (month(4), 20), (month(7), 30)]
    before = over_time(rows, time_aggregation="sum", frequency="quarter")
    late = [*rows, (month(2), 5)]  # February's value arrives in August
    after = over_time(late, time_aggregation="sum", frequency="quarter")
    assert after[month(1)].value == 15
    assert {k: f.value for k, f in after.items() if k != month(1)} == {
        k: f.value for k, f in before.items() if k != month(1)
    }
    # A running total corrected late in an earlier quarter keeps the year's value
    # (Akvo RSR lost carried-over totals on such an update, #5241).
    cumulative = [(month(1), 100), (month(4), 180)]
    corrected = [(month(1), 110), (month(4), 180)]
    assert (
        over_time(corrected, time_aggregation="last", cumulative=True, frequency="year")[
            month(1)
        ].value
        == over_time(cumulative, time_aggregation="last", cumulative=True, frequency="year")[
            month(1)
        ].value
    )


def test_averages_and_a_financial_year_that_starts_in_july():
    # Price received as a multiple of the baseline, averaged over the period.
    rows = [(month(7), D("1.2")), (month(10), D("1.4")), (month(1, 2026), D("1.6"))]
    years = over_time(rows, time_aggregation="average", frequency="year", fy_start_month=7)
    assert list(years) == [month(7)]  # July 2025 - June 2026 is one financial year
    assert years[month(7)].value == D("1.4")
    clusters = [figure_of(D("1.2")), figure_of(D("1.6")), None]
    assert across_clusters(clusters, cluster_aggregation="average").value == D("1.4")


def test_nothing_to_add_up_gives_nothing():
    assert over_time([], time_aggregation="sum", frequency="quarter") == {}
    assert to_date([], time_aggregation="sum") is None
    assert across_clusters([None], cluster_aggregation="sum") is None
    empty_ratio = over_time([(month(1), None, 0, 0)], time_aggregation="ratio", frequency="month")
    assert empty_ratio[month(1)].value is None  # 0 of 0 is no percentage
