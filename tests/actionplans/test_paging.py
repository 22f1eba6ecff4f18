"""The activity list pages by 25; the API by cursor, newest first; neither grows its
query count with the entries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actionplans.models import FieldActivity

pytestmark = pytest.mark.django_db

# The session and user, the cluster (authorized), the totals, the page's count and
# rows, and the access questions (work, manage) asked once per page, not per row.
LIST_QUERIES = {"cda_a1": 8, "coord_a": 8, "steer_a": 8}
# The session, the user and one page of rows (a cursor page counts nothing).
API_QUERIES = 3


def _entries(world, n, by="cda_a1"):
    today = timezone.localdate()
    FieldActivity.objects.bulk_create(
        FieldActivity(
            cluster=world.a1,
            occurred_on=today - datetime.timedelta(days=i % 40),
            kind="visit",
            summary=f"Entry {i}",
            recorded_by=world.users[by],
        )
        for i in range(n)
    )


def test_the_list_shows_25_entries_a_page_with_a_pager(client, world):
    _entries(world, 30)
    client.force_login(world.users["cda_a1"])
    url = f"/clusters/{world.a1.pk}/activities/"
    first = client.get(url).content.decode()
    assert first.count("<tr") == 26  # the header and 25 entries
    assert "Page 1 of 2" in first and "30 entries" in first
    second = client.get(url + "?page=2").content.decode()
    assert second.count("<tr") == 6
    assert client.get(url + "?page=99").status_code == 200  # the last page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["cda_a1", "coord_a", "steer_a"])
def test_the_list_query_count_does_not_grow(client, world, persona):
    client.force_login(world.users[persona])
    url = f"/clusters/{world.a1.pk}/activities/"
    counts = []
    for total in (5, 50):
        FieldActivity.objects.all().delete()
        _entries(world, total)
        counts.append(_queries(client, url))
    assert counts == [LIST_QUERIES[persona]] * 2


def test_the_api_pages_by_cursor_newest_first(client, world):
    _entries(world, 120)
    client.force_login(world.users["coord_a"])
    page = client.get("/api/field-activities/").json()
    seen = []
    while True:
        seen.extend((r["occurred_on"], r["id"]) for r in page["results"])
        if not page["next"]:
            break
        assert "cursor=" in page["next"]
        page = client.get(page["next"]).json()
    assert len(seen) == 120 == len(set(seen))
    assert seen == sorted(seen, reverse=True)


def test_the_api_list_query_count_does_not_grow(client, world):
    client.force_login(world.users["cda_a1"])
    counts = []
    for total in (5, 50):
        FieldActivity.objects.all().delete()
        _entries(world, total)
        counts.append(_queries(client, "/api/field-activities/"))
    assert counts == [API_QUERIES] * 2


@pytest.mark.django_db
def test_a_damaged_cursor_is_bad_input_not_a_missing_list(client, world):
    client.force_login(world.users["cda_a1"])
    response = client.get("/api/field-activities/?cursor=not-a-cursor")
    assert response.status_code == 400
    assert "cursor" in response.json()
