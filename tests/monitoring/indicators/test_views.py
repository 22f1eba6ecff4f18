"""The indicator pages: the pool, adopting, the M&E plan, targets per period, the M&E
settings; their query counts pinned."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring.indicators import plan_services, services
from monitoring.models import IndicatorDefinition, IndicatorTarget, MonitoringSettings
from tests.factories import ClusterFactory
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_pool_page_adds_the_starter_pool_once(client, world):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/indicator-pool/"
    assert "The pool is empty." in client.get(url).content.decode()
    page = client.post(f"{url}starter/", follow=True).content.decode()
    assert "indicators of UNIDO" in page and "Cooperation density" in page
    count = IndicatorDefinition.objects.count()
    page = client.post(f"{url}starter/", follow=True).content.decode()
    assert "every starter indicator already" in page
    assert IndicatorDefinition.objects.count() == count
    client.force_login(world.users["steer_a"])
    page = client.get(url).content.decode()
    assert "Cooperation density" in page and "starter/" not in page


def test_the_definition_form_shows_the_rule_error_next_to_the_field(client, world):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/indicator-pool/new/"
    data = {
        "code": "PCT", "name": "Share of firms", "measure": "percentage", "level": "outcome",
        "direction": "higher", "disaggregation": "none", "time_aggregation": "sum",
        "cluster_aggregation": "sum", "sdg_goals": ["9"],
    }  # fmt: skip
    response = client.post(url, data)
    assert 'id="id_time_aggregation-errors"' in response.content.decode()
    assert not IndicatorDefinition.objects.exists()
    data.update(time_aggregation="ratio", cluster_aggregation="ratio")
    assert client.post(url, data).status_code == 302
    assert IndicatorDefinition.objects.get().sdg_goals == [9]


def test_a_cluster_adopts_several_indicators_and_lists_them(client, world):
    services.pool_adopt_starter(actor=world.users["coord_a"], project=world.project_a)
    pool = {d.code: d.pk for d in IndicatorDefinition.objects.all()}
    client.force_login(world.users["coord_a"])
    url = f"/clusters/{world.a1.pk}/indicators/adopt/"
    response = client.post(
        url, {"definitions": [pool["SALES"], pool["TRAINED"]], "frequency": "month"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert f'value="{pool["SALES"]}"' not in page and f'value="{pool["EXPORTS"]}"' in page
    client.force_login(world.users["cda_a1"])
    page = client.get(f"/clusters/{world.a1.pk}/indicators/").content.decode()
    assert "People trained" in page and "Monthly" in page and "/plan/" not in page


def test_the_plan_form_offers_women_and_men_only_by_sex(client, world):
    trained = IndicatorFactory(cluster=world.a1, definition__disaggregation="sex")
    sales = IndicatorFactory(cluster=world.a1, definition__project=world.project_a)
    trained.project = sales.project = world.project_a
    client.force_login(world.users["coord_a"])
    assert "baseline_women" in client.get(f"/indicators/{trained.pk}/plan/").content.decode()
    page = client.get(f"/indicators/{sales.pk}/plan/").content.decode()
    assert "baseline_women" not in page and "end_target" in page
    assert f'value="{world.users["cda_a1"].pk}"' in page  # people the coordinator sees
    assert f'value="{world.users["cda_b1"].pk}"' not in page


def test_targets_have_one_row_per_period(client, world):
    definition = DefinitionFactory(project=world.project_a, disaggregation="sex")
    indicator = plan_services.indicators_adopt(
        actor=world.users["coord_a"], project=world.project_a, cluster=world.a1,
        definitions=[definition], frequency="year",
    )[0]  # fmt: skip
    client.force_login(world.users["coord_a"])
    url = f"/indicators/{indicator.pk}/targets/"
    page = client.get(url).content.decode()
    # No end date: the years from the start (2025) through the end of next year.
    years = datetime.date.today().year + 2 - 2025
    assert page.count('name="20') == 3 * years  # target, women, men per year
    response = client.post(
        url,
        {
            "2025-01-01-women": "4",
            "2025-01-01-men": "6",
            "updated_at": indicator.updated_at.isoformat(),
        },
    )
    assert response.status_code == 302
    assert IndicatorTarget.objects.get().value == 10
    response = client.post(
        url, {"2025-01-01-value": "3", "updated_at": indicator.updated_at.isoformat()}
    )
    assert "Someone else changed this record" in response.content.decode()
    client.force_login(world.users["cda_a1"])
    page = client.get(url).content.decode()
    assert '<form method="post" novalidate class="targets-form">' not in page and "10" in page


def test_the_settings_page_saves_the_calendar(client, world):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/monitoring/settings/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"financial_year_start_month": "7", "due_after_days": "50", "lock_after_days": "40"}
    )
    assert 'id="id_due_after_days-errors"' in response.content.decode()
    data = {"financial_year_start_month": "7", "due_after_days": "10", "lock_after_days": "40"}
    assert client.post(url, data).status_code == 302
    assert MonitoringSettings.objects.get().financial_year_start_month == 7


def _grow(world, n):
    for i in range(n):
        definition = DefinitionFactory(
            project=world.project_a, disaggregation="sex" if i % 2 else "none"
        )
        IndicatorFactory(cluster=world.a1, project=world.project_a, definition=definition,
                         responsible=world.users["cda_a1"], baseline_value=i)  # fmt: skip


@pytest.mark.parametrize("page", ["pool", "cluster-indicators", "project-indicators"])
def test_query_counts_do_not_grow_with_indicators(client, world, page):
    urls = {
        "pool": f"/projects/{world.project_a.pk}/indicator-pool/",
        "cluster-indicators": f"/clusters/{world.a1.pk}/indicators/",
        "project-indicators": f"/projects/{world.project_a.pk}/indicators/",
    }
    client.force_login(world.users["coord_a"])
    _grow(world, 5)
    small = _queries(client, urls[page])
    _grow(world, 45)
    assert _queries(client, urls[page]) == small


def test_the_pool_and_cluster_pages_query_counts_are_pinned(
    client, world, django_assert_num_queries
):
    _grow(world, 50)
    ClusterFactory(project=world.project_a)
    client.force_login(world.users["coord_a"])
    # session, user, project, its scope (VIEW), project-wide view, definitions, can manage
    with django_assert_num_queries(7):
        response = client.get(f"/projects/{world.project_a.pk}/indicator-pool/")
    assert response.content.decode().count("<tr>") == 51
    # session, user, cluster authorize, indicators, can manage
    with django_assert_num_queries(5):
        response = client.get(f"/clusters/{world.a1.pk}/indicators/")
    assert response.content.decode().count("<tr>") == 51


def test_indicator_pages_print_baselines_and_targets_grouped_not_as_stored(client, world):
    """A sales figure of 1,200,000,000 was shown as 1200000000.0000 (the column's four
    decimal places) on the indicator list and the targets page."""
    indicator = IndicatorFactory(
        cluster=world.a1, baseline_value="42000000", end_target="1200000000.5"
    )
    IndicatorTarget.objects.create(
        indicator=indicator, period_start=datetime.date(2025, 1, 1), value="75000000"
    )
    client.force_login(world.users["cda_a1"])
    listing = client.get(f"/clusters/{world.a1.pk}/indicators/").content.decode()
    assert "42,000,000" in listing and "1,200,000,000.50" in listing
    targets = client.get(f"/indicators/{indicator.pk}/targets/").content.decode()
    assert "75,000,000" in targets and "1,200,000,000.50" in targets
    for page in (listing, targets):
        assert ".0000" not in page and "42000000" not in page
