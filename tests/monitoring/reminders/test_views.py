"""The reminders page and the e-mail settings form: each person sees their own list
(overdue first) and changes only their own settings; the page's query count is fixed."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from monitoring.models import ReminderPreference, ValueStatus
from monitoring.reminders.links import cluster_card_links

from .helpers import decision, indicator, value

pytestmark = pytest.mark.django_db

URL = "/reminders/"


def test_a_cda_sees_its_clusters_values_not_another_clusters(world, indicators, login):
    page = login(world.user("cda_a1")).get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Firms trained in A1" in html
    assert "Jobs in A2" not in html and "Exports of B1" not in html
    assert f'href="/indicators/{indicators["a1"].pk}/values/' in html


def test_overdue_comes_before_due(world, indicators, login):
    today = timezone.localdate()
    decision(world.a1, "Soon: visit the fair", today + datetime.timedelta(days=2))
    decision(world.a1, "Late: buy the dryer", today - datetime.timedelta(days=2))
    html = login(world.user("cda_a1")).get(URL).content.decode()
    assert html.index('id="reminders-overdue"') < html.index("Late: buy the dryer")
    assert html.index("Late: buy the dryer") < html.index('id="reminders-due"')
    assert html.index('id="reminders-due"') < html.index("Soon: visit the fair")


def test_the_coordinator_sees_values_awaiting_approval(world, indicators, login):
    value(indicators["a2"], ValueStatus.SUBMITTED, world.user("cda_a2"))
    html = login(world.user("coord_a")).get(URL).content.decode()
    assert 'id="reminders-approval"' in html
    assert html.index('id="reminders-approval"') < html.rindex("Jobs in A2")
    assert 'name="weekly_digest_enabled"' in html  # the digest is offered to coordinators


def test_the_digest_is_not_offered_to_who_coordinates_nothing(world, indicators, login):
    html = login(world.user("cda_a1")).get(URL).content.decode()
    assert 'name="emails_enabled"' in html and 'name="weekly_digest_enabled"' not in html


def test_a_card_filter_shows_one_cluster_and_refuses_one_out_of_scope(world, indicators, login):
    client = login(world.user("coord_a"))
    html = client.get(URL, {"cluster": world.a2.pk}).content.decode()
    assert "Jobs in A2" in html and "Firms trained in A1" not in html
    assert client.get(URL, {"cluster": world.b1.pk}).status_code == 404


def test_user_text_is_escaped(world, indicators, login):
    today = timezone.localdate()
    decision(world.a1, "<script>x()</script> done", today)
    html = login(world.user("cda_a1")).get(URL).content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt; done" in html
    assert "<script>x()" not in html


def test_turning_emails_off_and_on_changes_only_my_own(world, indicators, login):
    client = login(world.user("cda_a1"))
    url = reverse("reminder-preferences")
    response = client.post(url, {"language": "fr"})  # unticked: off
    assert response.status_code == 302 and response["Location"].endswith("/reminders/#preferences")
    mine = ReminderPreference.objects.get(user=world.user("cda_a1"))
    assert (mine.emails_enabled, mine.language) == (False, "fr")
    assert mine.weekly_digest_enabled  # not offered to a CDA: left as it was
    assert not ReminderPreference.objects.exclude(user=world.user("cda_a1")).exists()
    html = client.get(URL).content.decode()
    assert 'name="emails_enabled" id="id_emails_enabled"' in html
    assert 'name="emails_enabled" id="id_emails_enabled" checked' not in html
    client.post(url, {"emails_enabled": "on", "language": ""})
    mine.refresh_from_db()
    assert mine.emails_enabled and mine.language == ""


def test_an_unknown_language_is_refused_next_to_the_field(world, indicators, login):
    client = login(world.user("cda_a1"))
    response = client.post(reverse("reminder-preferences"), {"language": "xx"})
    assert response.status_code == 200
    assert 'id="id_language-errors"' in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_the_preference_form_is_post_only(world, login):
    assert login(world.user("cda_a1")).get(reverse("reminder-preferences")).status_code == 405


def test_the_card_link_counts_the_clusters_reminders(world, indicators, rf):
    request = rf.get("/")
    request.user = world.user("coord_a")
    [link] = cluster_card_links(request, world.a1, access=None)
    assert link.url == f"/reminders/?cluster={world.a1.pk}"
    assert link.label.endswith("reminders") and link.label.split()[0].isdigit()
    request = rf.get("/")
    request.user = world.user("comm_a1")  # nothing to act on: no link
    assert cluster_card_links(request, world.a1, access=None) == []


def _grow(world, n):
    today = timezone.localdate()
    for i in range(n):
        a1 = indicator(world.a1, f"A1 indicator {i}")
        value(a1, ValueStatus.SUBMITTED, world.user("cda_a1"))
        decision(world.a1, f"Decision {i}", today - datetime.timedelta(days=1))


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["coord_a", "cda_a1"])
def test_the_pages_query_count_does_not_grow(world, indicators, login, persona):
    client = login(world.user(persona))
    _grow(world, 2)
    small = _count(client)
    _grow(world, 20)
    assert _count(client) == small == PAGE_QUERIES


# Session and user; the reminders (8, see test_selectors); the user's preference; whether
# the user may manage a project (the digest box).
PAGE_QUERIES = 12
