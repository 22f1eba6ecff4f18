"""Query counts of the body, meeting, cluster and open-decisions pages: pinned, and not
growing with meetings, members or decisions."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import (
    Attendance,
    BodyMember,
    Decision,
    Meeting,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _meetings(world, n):
    body, members = world.extra["commission"], world.extra["members"]
    for i in range(n):
        meeting = Meeting.objects.create(
            body=body, held_on=TODAY - datetime.timedelta(days=i), other_women=1, other_men=2
        )
        for member in members[: 1 + i % 3]:
            Attendance.objects.create(meeting=meeting, member=member)
        Decision.objects.create(
            meeting=meeting, text=f"D{i}", status="done" if i % 2 else "open", due_on=TODAY
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        lambda w: f"/clusters/{w.a1.pk}/commission/",
        lambda w: f"/clusters/{w.a1.pk}/",
        lambda w: f"/clusters/{w.a1.pk}/open-decisions/",
        lambda w: f"/projects/{w.project_a.pk}/open-decisions/",
    ],
    ids=["body-page", "cluster-page", "cluster-decisions", "project-decisions"],
)
def test_page_query_counts_do_not_grow_with_meetings(bodies_with_steering_member, login, url):
    client = login(bodies_with_steering_member.users["coord_a"])
    _meetings(bodies_with_steering_member, 5)
    small = _count(client, url(bodies_with_steering_member))
    _meetings(bodies_with_steering_member, 45)
    assert _count(client, url(bodies_with_steering_member)) == small


def test_body_page_query_count_is_pinned(
    bodies_with_steering_member, login, django_assert_num_queries
):
    client = login(bodies_with_steering_member.users["cda_a1"])
    _meetings(bodies_with_steering_member, 5)
    # session, user, cluster (authorized), Commission, can work, members, meetings
    with django_assert_num_queries(7):
        assert (
            client.get(f"/clusters/{bodies_with_steering_member.a1.pk}/commission/").status_code
            == 200
        )
    _meetings(bodies_with_steering_member, 45)
    with django_assert_num_queries(7):
        assert (
            client.get(f"/clusters/{bodies_with_steering_member.a1.pk}/commission/").status_code
            == 200
        )


def test_body_page_without_a_body_query_count_is_pinned(world, login, django_assert_num_queries):
    client = login(world.users["cda_a1"])
    # session, user, cluster (authorized), Commission (none yet), can work
    with django_assert_num_queries(5):
        assert client.get(f"/clusters/{world.a1.pk}/commission/").status_code == 200
    client = login(world.users["steer_a"])
    # session, user, project, Steering Committee (none), can view, can work
    with django_assert_num_queries(6):
        assert client.get(f"/projects/{world.project_a.pk}/steering-committee/").status_code == 200


def _big_meeting(world, n):
    body = world.extra["commission"]
    meeting = Meeting.objects.create(body=body, held_on=TODAY, other_women=1)
    for i in range(n):
        member = BodyMember.objects.create(
            body=body, name=f"M{n}-{i}", sex="woman" if i % 2 else "man"
        )
        Attendance.objects.create(meeting=meeting, member=member)
        Decision.objects.create(
            meeting=meeting,
            text=f"D{i}",
            due_on=TODAY - datetime.timedelta(days=i % 3),
            status=["open", "done", "dropped"][i % 3],
        )
    return meeting


@pytest.mark.parametrize("persona, queries", [("cda_a1", 6), ("comm_a1", 6), ("coord_a", 6)])
def test_meeting_page_query_count_is_pinned(
    bodies, login, django_assert_num_queries, persona, queries
):
    client = login(bodies.users[persona])
    small, large = _big_meeting(bodies, 5), _big_meeting(bodies, 50)
    # session, user, meeting (authorized), can work, members present, decisions
    with django_assert_num_queries(queries):
        response = client.get(f"/meetings/{small.pk}/")
    assert response.status_code == 200 and response.context["total_present"] == 6
    with django_assert_num_queries(queries):
        response = client.get(f"/meetings/{large.pk}/")
    assert response.status_code == 200 and response.context["total_present"] == 51
    assert response.content.decode().count("<tr>") == 51  # header + 50 decisions
