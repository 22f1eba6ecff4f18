"""The dashboards' figures kept in the cache: read once for many readers, and never
shown stale after a change the dashboards draw from."""

import datetime
import re
import threading
import time

import pytest
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from clusters.models import Cluster
from governance.models import Role
from governance.roles.services import role_grant
from monitoring.dashboards import figure_cache
from monitoring.models import IndicatorValue, ValueStatus
from monitoring.rollups.services import rollup_rebuild
from tests.factories import UserFactory
from tests.monitoring.factories import ValueFactory

from .helpers import dashboard_project
from .test_query_counts import PROJECT_DASHBOARD_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return dashboard_project(world, clusters=3, quarters=2, activities_per_month=2)


def _get(client, project, **query):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("project-dashboard", args=[project.pk]), query)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def _panel(page: str, name: str) -> str:
    return page.split(f'id="panel-{name}"')[1].split("</section>")[0]


def _progress_row(page: str, code: str) -> str:
    pattern = rf'<th scope="row"><span class="code">{code}</span>.*?</tr>'
    return re.search(pattern, page, re.S).group(0)


def test_a_second_reader_gets_the_same_figures_for_fewer_queries(client, world, project):
    client.force_login(world.users["steer_a"])
    first, cold = _get(client, project)
    client.force_login(world.users["coord_a"])
    second, warm = _get(client, project)
    assert cold == PROJECT_DASHBOARD_QUERIES
    assert warm < cold - 5  # the figures' reads are gone; session, access and stamps stay
    for name in ("progress", "completeness", "activity", "governance", "clusters"):
        assert _panel(first, name) == _panel(second, name)
    # The page around the figures is the reader's own.
    assert world.users["coord_a"].get_full_name() in second


def test_each_filter_and_language_has_its_own_figures(client, world, project):
    client.force_login(world.users["steer_a"])
    to_date, _ = _get(client, project)
    one_cluster, _ = _get(client, project, cluster=world.a1.pk)
    assert ">60<" in _progress_row(to_date, "PT")  # three clusters
    assert ">20<" in _progress_row(one_cluster, "PT")  # one
    client.cookies["django_language"] = "fr"
    french, _ = _get(client, project)
    assert "Suivi des phases" in french or 'lang="fr"' in french
    assert _panel(french, "phases") != _panel(to_date, "phases")


def test_a_submitted_value_shows_in_reporting_completeness_at_once(client, world, project):
    client.force_login(world.users["steer_a"])
    before, _ = _get(client, project)
    indicator = world.a1.indicators.get(definition__code="PT")
    ValueFactory(
        indicator=indicator,
        period_start=datetime.date(2025, 7, 1),
        period_end=datetime.date(2025, 9, 30),
        status=ValueStatus.SUBMITTED,
        value=10,
    )
    after, queries = _get(client, project)
    assert queries == PROJECT_DASHBOARD_QUERIES  # drawn again
    assert _panel(after, "completeness") != _panel(before, "completeness")


def test_an_update_no_signal_sees_shows_once_it_is_rolled_up(client, world, project):
    client.force_login(world.users["steer_a"])
    before, _ = _get(client, project)
    assert ">60<" in _progress_row(before, "PT")
    # A queryset update sends no signal: the roll-up's stamp is what changes the key.
    IndicatorValue.objects.filter(
        indicator__cluster=world.a1, indicator__definition__code="PT"
    ).update(value=30)
    unchanged, _ = _get(client, project)
    assert ">60<" in _progress_row(unchanged, "PT")  # not rolled up yet: the same figures
    rollup_rebuild(project=project)
    after, _ = _get(client, project)
    assert ">100<" in _progress_row(after, "PT")  # 2 x 30 + 2 x 2 x 10


def test_a_new_cda_shows_in_the_clusters_table(client, world, project):
    client.force_login(world.users["coord_a"])
    before, _ = _get(client, project)
    newcomer = UserFactory(first_name="Zuleika", last_name="Okonkwo")
    role_grant(
        actor=world.users["coord_a"],
        user=newcomer,
        role=Role.CDA,
        cluster=world.a1,
        starts_on=datetime.date.today(),
    )
    after, _ = _get(client, project)
    assert "Zuleika" not in _panel(before, "clusters")
    assert "Zuleika" in _panel(after, "clusters")


def test_a_row_tells_its_project_from_what_it_holds_or_every_project_is_refreshed(world, project):
    loaded = IndicatorValue.objects.select_related("indicator").filter(indicator__project=project)
    assert figure_cache.project_of(loaded.first()) == project.pk
    bare = IndicatorValue.objects.filter(indicator__project=project).first()
    assert figure_cache.project_of(bare) is figure_cache._UNKNOWN
    assert figure_cache.project_of(world.a1) == project.pk
    assert figure_cache.project_of(project) == project.pk

    tokens = figure_cache._token_keys(project.pk, None)  # the project's, everyone's

    def generations():
        return figure_cache._generations(tokens)

    mine, every = generations()
    figure_cache._changed(sender=IndicatorValue, instance=bare)  # what a save would send
    after_bare = generations()
    assert after_bare[0] == mine and after_bare[1] != every
    row = loaded.first()
    row.value = 12
    row.save()  # outside a transaction: "on commit" is now
    after_loaded = generations()
    assert after_loaded[0] != mine and after_loaded[1] == after_bare[1]


def test_while_another_request_draws_new_figures_a_reader_gets_the_last_ones_at_once(
    client, world, project, monkeypatch
):
    client.force_login(world.users["steer_a"])
    before, _ = _get(client, project)
    assert ">60<" in _progress_row(before, "PT")
    values = IndicatorValue.objects.filter(indicator__cluster=world.a1)
    values.filter(indicator__definition__code="PT").update(value=30)
    rollup_rebuild(project=project)
    monkeypatch.setattr(figure_cache, "DRAW_WAIT", 3.0)
    monkeypatch.setattr(figure_cache, "_take_drawing", lambda key: False)  # another draws
    started = time.monotonic()
    meanwhile, _ = _get(client, project)
    assert time.monotonic() - started < 1.5  # no waiting for the other request
    assert ">60<" in _progress_row(meanwhile, "PT")  # the figures as last drawn
    monkeypatch.undo()
    after, _ = _get(client, project)  # nobody else drawing: this request draws them
    assert ">100<" in _progress_row(after, "PT")


def test_a_reader_with_no_figures_to_show_waits_for_the_drawer_then_draws_itself(
    client, world, project, monkeypatch
):
    monkeypatch.setattr(figure_cache, "DRAW_WAIT", 0.4)
    monkeypatch.setattr(figure_cache, "_take_drawing", lambda key: False)  # a drawer died
    client.force_login(world.users["steer_a"])
    started = time.monotonic()
    page, queries = _get(client, project)
    assert time.monotonic() - started >= 0.4
    assert queries == PROJECT_DASHBOARD_QUERIES and ">60<" in _progress_row(page, "PT")


def test_a_waiting_reader_shows_the_figures_the_drawer_kept_meanwhile(
    client, world, project, monkeypatch
):
    asked = []

    def another_draws(key):
        asked.append(key)
        return False

    def drawer_done():
        for fragment in figure_cache.FRAGMENTS:
            name = make_template_fragment_key(fragment, [asked[0]])
            figure_cache.cache.set(name, f"<p>drawn by the other request: {fragment}</p>")

    monkeypatch.setattr(figure_cache, "DRAW_WAIT", 3.0)
    monkeypatch.setattr(figure_cache, "_take_drawing", another_draws)
    client.force_login(world.users["steer_a"])
    threading.Timer(0.3, drawer_done).start()
    started = time.monotonic()
    page, queries = _get(client, project)
    assert 0.25 < time.monotonic() - started < 2.5
    assert "drawn by the other request: dashboard-figures" in page
    assert queries < PROJECT_DASHBOARD_QUERIES  # it drew nothing itself


def test_a_value_saved_in_one_cluster_leaves_the_other_clusters_dashboards_kept(
    client, world, project
):
    client.force_login(world.users["coord_a"])

    def queries(cluster):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("cluster-dashboard", args=[cluster.pk])).status_code == 200
        return len(ctx.captured_queries)

    drawn = {c.pk: queries(c) for c in (world.a1, world.a2)}
    kept = {c.pk: queries(c) for c in (world.a1, world.a2)}
    assert all(kept[pk] < drawn[pk] for pk in drawn)
    value = IndicatorValue.objects.select_related("indicator").filter(indicator__cluster=world.a1)
    value.first().save()
    assert queries(world.a1) == drawn[world.a1.pk]  # its cluster: drawn again
    assert queries(world.a2) == kept[world.a2.pk]  # another cluster: still kept
    assert _get(client, project)[1] == PROJECT_DASHBOARD_QUERIES  # the project: drawn again
    world.project_a.save()  # the project's own row: every cluster's dashboard
    assert queries(world.a2) == drawn[world.a2.pk]


def test_clusters_imported_in_bulk_show_on_the_next_read(client, world, project):
    client.force_login(world.users["coord_a"])
    before, _ = _get(client, project)
    # An import writes its clusters with bulk_create: no signal is sent.
    Cluster.objects.bulk_create([Cluster(project=project, name="Aaa imported tannery")])
    after, _ = _get(client, project)
    assert "Aaa imported tannery" not in _panel(before, "clusters")
    assert "Aaa imported tannery" in _panel(after, "clusters")
    assert "Aaa imported tannery" in _filters(after)  # the filter offers it too


def _filters(page: str) -> str:
    return page.split('id="dashboard-filters"')[1].split("</form>")[0]


def test_the_kept_filters_show_the_readers_choice(client, world, project):
    client.force_login(world.users["steer_a"])
    for _ in range(2):  # drawn, then kept
        chosen, _queries = _get(client, project, cluster=world.a2.pk, period="2025")
        assert f'<option value="{world.a2.pk}" selected>' in _filters(chosen)
        assert '<option value="2025" selected>' in _filters(chosen)
    plain, _ = _get(client, project)
    assert f'<option value="{world.a2.pk}" selected>' not in _filters(plain)


class _Unreachable:
    """A cache whose server is down: every call raises, as Django's Redis backend does."""

    def __getattr__(self, name):
        def refuse(*args, **kwargs):
            raise RedisConnectionError("Connection refused")

        return refuse


def test_with_the_cache_unreachable_the_dashboard_draws_its_figures_and_writes_go_on(
    client, world, project, monkeypatch
):
    monkeypatch.setattr(figure_cache, "cache", _Unreachable())
    client.force_login(world.users["steer_a"])
    page, queries = _get(client, project)
    assert queries == PROJECT_DASHBOARD_QUERIES  # drawn, not an error page
    assert ">60<" in _progress_row(page, "PT")
    value = IndicatorValue.objects.select_related("indicator").filter(indicator__project=project)
    row = value.first()
    row.value = 13
    row.save()  # the generation cannot be replaced: the write still happens
    row.refresh_from_db()
    assert row.value == 13
