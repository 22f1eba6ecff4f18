"""The home page: each person's next actions (from the providers registered in
clusters/panels.py) and a capped, searchable list of their clusters, with a query count
that does not grow with the clusters."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone

from clusters import panels
from clusters.panels import NextAction
from clusters.views import HOME_PAGE_SIZE
from governance.models import Body, BodyKind, Decision, Meeting
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<a href="/clusters/\d+/"><strong>')


def _decision(cluster, *, due_on=None, status="open", text="Repair the tannery pump"):
    body, _ = Body.objects.get_or_create(
        kind=BodyKind.COMMISSION, project=cluster.project, cluster=cluster
    )
    meeting = Meeting.objects.create(body=body, held_on=datetime.date(2026, 1, 5))
    return Decision.objects.create(meeting=meeting, text=text, due_on=due_on, status=status)


def _next_actions(page: str) -> str:
    return page.split('<section class="next-actions"', 1)[1].split("</section>", 1)[0]


def test_open_decisions_wait_for_whoever_follows_them_up(client, world):
    today = timezone.localdate()
    _decision(world.a1, due_on=today - datetime.timedelta(days=3))
    _decision(world.a1, due_on=today + datetime.timedelta(days=10))
    _decision(world.a1, status="done")
    _decision(world.b1)
    client.force_login(world.users["coord_a"])
    block = _next_actions(client.get("/").content.decode())
    assert "Project A: open decisions to follow up" in block
    assert f'href="/projects/{world.project_a.pk}/open-decisions/"' in block
    assert '<span class="badge">2</span>' in block  # the done one is not waiting
    assert "overdue since" in block and "Project B" not in block
    client.force_login(world.users["cda_a1"])
    block = _next_actions(client.get("/").content.decode())
    assert "Cluster A1: open decisions to follow up" in block
    assert f'href="/clusters/{world.a1.pk}/open-decisions/"' in block
    client.force_login(world.users["cda_a2"])
    assert "open decisions" not in _next_actions(client.get("/").content.decode())


def test_candidates_wait_for_a_selection_decision(client, world):
    ClusterFactory.create_batch(3, project=world.project_a, status="candidate")
    for persona in ("coord_a", "steer_a"):
        client.force_login(world.users[persona])
        block = _next_actions(client.get("/").content.decode())
        assert "Project A: candidates awaiting a selection decision" in block, persona
        assert '<span class="badge">3</span>' in block
    for persona in ("cda_a1", "comm_a1", "coord_b"):
        client.force_login(world.users[persona])
        block = _next_actions(client.get("/").content.decode())
        assert "candidates awaiting" not in block, persona


def test_nothing_waiting_says_so(client, world):
    client.force_login(world.users["comm_a1"])
    assert "Nothing is waiting for you." in _next_actions(client.get("/").content.decode())


@pytest.fixture
def our_formats(settings):
    """ClusterDev's date formats, as config/settings.py names them (the setting's change
    alone does not empty Django's cache of format modules)."""
    settings.FORMAT_MODULE_PATH = "config.formats"
    formats.reset_format_cache()
    yield
    formats.reset_format_cache()


def test_a_later_phase_adds_its_next_actions_through_the_registry(
    client, world, monkeypatch, our_formats
):
    monkeypatch.setattr(panels, "_next_actions", list(panels._next_actions))

    # Dates to come, whatever day the suite runs: a past one would read "overdue".
    soon = datetime.date.today() + datetime.timedelta(days=1)
    later = soon + datetime.timedelta(days=30)

    def values_due(request, user):
        yield NextAction("Values due: Cluster A1", "/later/due/", 4, later)
        yield NextAction("Nothing here", "/later/none/", 0)

    panels.register_next_actions(values_due)
    panels.register_next_actions(values_due)  # registering twice adds it once
    _decision(world.a1, due_on=soon)
    client.force_login(world.users["cda_a1"])
    block = _next_actions(client.get("/").content.decode())
    assert block.count("Values due: Cluster A1") == 1
    assert "Nothing here" not in block  # a count of 0 is nothing to do
    # The earliest due first: the decision (tomorrow) before the values (a month on).
    assert block.index("open decisions") < block.index("Values due")
    for day in (soon, later):
        assert f"due {day.day} {day:%b} {day.year}" in block


def test_the_cluster_list_is_capped_with_pages_and_a_search(client, world):
    ClusterFactory.create_batch(40, project=world.project_a, status="candidate")
    ClusterFactory(project=world.project_a, name="Tannery of Ngaye", status="candidate")
    client.force_login(world.users["coord_a"])
    first = client.get("/").content.decode()
    assert len(CARD.findall(first)) == HOME_PAGE_SIZE
    # Selected clusters (being worked on) come before the candidates.
    assert first.index("<strong>Cluster A1</strong>") < first.index("<strong>Cluster A2</strong>")
    assert first.index("<strong>Cluster A2</strong>") < first.index("Candidate ·")
    assert f"Clusters 1–{HOME_PAGE_SIZE} of 43" in first
    assert 'name="q"' in first and 'rel="next"' in first
    second = client.get("/?page=2").content.decode()
    assert len(CARD.findall(second)) == 43 - HOME_PAGE_SIZE and 'rel="prev"' in second
    found = client.get("/?q=ngaye").content.decode()
    assert CARD.findall(found) and len(CARD.findall(found)) == 1
    assert "<strong>Tannery of Ngaye</strong>" in found
    none = client.get("/?q=nowhere-at-all").content.decode()
    assert "No cluster matches “nowhere-at-all”." in none


def test_a_cluster_roles_home_shows_only_its_clusters(client, world):
    ClusterFactory.create_batch(30, project=world.project_a, status="candidate")
    client.force_login(world.users["cda_a1"])
    page = client.get("/").content.decode()
    assert len(CARD.findall(page)) == 1 and "Cluster A1" in page
    assert 'name="q"' not in page  # one page of clusters needs no search


def _populate(project, n: int) -> None:
    for cluster in ClusterFactory.create_batch(n, project=project, status="candidate"):
        _decision(cluster, due_on=datetime.date(2026, 12, 1))
    for cluster in ClusterFactory.create_batch(n, project=project, status="selected", phase=2):
        _decision(cluster)


def _queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.content)


@pytest.fixture
def base_registries(monkeypatch):
    """Only the base apps' and the field log's links and next actions, so the pinned
    count below is this page's own (monitoring's are counted by monitoring's tests)."""
    ours = ("clusters.", "governance.", "actionplans.")
    monkeypatch.setattr(
        panels,
        "_links",
        {
            slot: [p for p in providers if p.__module__.startswith(ours)]
            for slot, providers in panels._links.items()
        },
    )
    monkeypatch.setattr(
        panels, "_next_actions", [p for p in panels._next_actions if p.__module__.startswith(ours)]
    )


@pytest.mark.parametrize("extra", [15, 250])
def test_home_query_count_is_pinned(
    client, world, django_assert_num_queries, base_registries, extra
):
    _populate(world.project_a, extra)
    client.force_login(world.users["coord_a"])
    # session, user; clusters: count, page, CDAs; projects; links: MANAGE ids of projects,
    # WORK ids of clusters; next actions: projects with candidates, open decisions,
    # managed projects
    with django_assert_num_queries(11):
        response = client.get("/")
    assert len(CARD.findall(response.content.decode())) == HOME_PAGE_SIZE


def test_home_stays_small_and_fixed_with_every_registered_provider(client, world):
    client.force_login(world.users["coord_a"])
    _populate(world.project_a, 3)
    small_queries, small_bytes = _queries(client)
    _populate(world.project_a, 250)  # 500 more clusters, as the issue measured
    large_queries, large_bytes = _queries(client)
    assert small_queries == large_queries
    assert large_bytes < 64 * 1024, large_bytes  # the issue measured 227 KiB for 507 cards
