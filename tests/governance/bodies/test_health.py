"""Governance health of a cluster: meetings, attendance, women's share, decisions done
(dropped ones left out), and its panel on the cluster page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from governance.bodies import selectors as body_selectors
from governance.bodies import services as body_services
from governance.models import (
    Attendance,
    Decision,
    Meeting,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_governance_health_panel(bodies_with_steering_member, login, django_assert_num_queries):
    body, members = (
        bodies_with_steering_member.extra["commission"],
        bodies_with_steering_member.extra["members"],
    )
    m1 = Meeting.objects.create(body=body, held_on=TODAY, other_women=2, other_men=2)
    m2 = Meeting.objects.create(body=body, held_on=TODAY)
    for member in members:  # Awa (w), Ibou (m), Mariama (w)
        Attendance.objects.create(meeting=m1, member=member)
    Attendance.objects.create(meeting=m2, member=members[1])
    Decision.objects.create(meeting=m1, text="a", status="done")
    Decision.objects.create(meeting=m1, text="b", status="open")
    Decision.objects.create(meeting=m2, text="c", status="done")
    Decision.objects.create(meeting=m2, text="d", status="dropped")
    # the Steering Committee's meetings do not count for the cluster
    Meeting.objects.create(
        body=bodies_with_steering_member.extra["steering"], held_on=TODAY, other_women=9
    )
    # nor does a meeting dated in the future (stored before such dates were refused)
    future = Meeting.objects.create(
        body=body, held_on=TODAY + datetime.timedelta(days=3), other_women=5
    )
    Decision.objects.create(meeting=future, text="e", status="done")
    with django_assert_num_queries(3):
        health = body_selectors.governance_health(cluster=bodies_with_steering_member.a1)
    # attendance: m1 = 3 members + 4 others, m2 = 1 member -> 8 in 2 meetings
    # decisions of m1 and m2: a done, b open, c done, d dropped -> done 2 of the 3
    # followed up (open or done; the dropped one is left out) = 67 %
    assert health == {
        "meetings": 2,
        "average_attendance": 4.0,
        "women_share": 50,  # Awa, Mariama + 2 other women = 4 of 8
        "decisions": 4,
        "decisions_done": 2,
        "decisions_dropped": 1,
        "decisions_done_share": 67,
    }
    page = login(bodies_with_steering_member.users["comm_a1"]).get(
        f"/clusters/{bodies_with_steering_member.a1.pk}/"
    )
    html = page.content.decode()
    assert 'id="governance"' in html and "67 %" in html and "50 %" in html
    assert "Decisions done (dropped ones not counted)" in html and "1 dropped" in html


def test_decisions_done_share_leaves_dropped_decisions_out(bodies):
    meeting = body_services.meeting_create(
        actor=bodies.users["coord_a"], body=bodies.extra["commission"], held_on=TODAY
    )
    for status in ["done", "dropped", "dropped", "dropped"]:
        Decision.objects.create(meeting=meeting, text=status, status=status)
    health = body_selectors.governance_health(cluster=bodies.a1)
    assert health["decisions_done_share"] == 100  # 1 done of 1 followed (old: 25 %)
    assert (health["decisions"], health["decisions_dropped"]) == (4, 3)
    Decision.objects.filter(status="done").update(status="dropped")
    assert body_selectors.governance_health(cluster=bodies.a1)["decisions_done_share"] is None
