"""Meeting decisions: open ones overdue first, status updates, who records them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from governance.bodies import services as body_services
from governance.models import (
    DecisionStatus,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_decisions_open_list_overdue_first_and_status_update(bodies_with_steering_member, login):
    coord = bodies_with_steering_member.users["coord_a"]
    meeting = body_services.meeting_create(
        actor=coord, body=bodies_with_steering_member.extra["commission"], held_on=TODAY
    )
    later = body_services.decision_create(
        actor=coord, meeting=meeting, text="Later", due_on=TODAY + datetime.timedelta(days=9)
    )
    undated = body_services.decision_create(actor=coord, meeting=meeting, text="Undated")
    overdue = body_services.decision_create(
        actor=coord, meeting=meeting, text="Late", due_on=TODAY - datetime.timedelta(days=3)
    )
    steering_meeting = body_services.meeting_create(
        actor=coord, body=bodies_with_steering_member.extra["steering"], held_on=TODAY
    )
    body_services.decision_create(actor=coord, meeting=steering_meeting, text="Steering decision")

    client = login(bodies_with_steering_member.users["cda_a1"])
    page = client.get(f"/clusters/{bodies_with_steering_member.a1.pk}/open-decisions/")
    assert list(page.context["decisions"]) == [overdue, later, undated]
    assert "overdue" in page.content.decode()
    response = client.post(
        f"/meeting-decisions/{overdue.pk}/status/",
        {"status": "done", "updated_at": overdue.updated_at.isoformat()},
    )
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.status == DecisionStatus.DONE
    # the coordinator's project list includes the Steering Committee's decisions
    login(coord)
    page = client.get(f"/projects/{bodies_with_steering_member.project_a.pk}/open-decisions/")
    assert [d.text for d in page.context["decisions"]] == ["Later", "Undated", "Steering decision"]
    # a stale status form changes nothing
    login(bodies_with_steering_member.users["cda_a1"])
    client.post(
        f"/meeting-decisions/{overdue.pk}/status/",
        {"status": "dropped", "updated_at": "2000-01-01T00:00:00+00:00"},
    )
    overdue.refresh_from_db()
    assert overdue.status == DecisionStatus.DONE


def test_commission_member_reads_but_does_not_record(bodies_with_steering_member, login):
    meeting = body_services.meeting_create(
        actor=bodies_with_steering_member.users["coord_a"],
        body=bodies_with_steering_member.extra["commission"],
        held_on=TODAY,
    )
    decision = body_services.decision_create(
        actor=bodies_with_steering_member.users["coord_a"], meeting=meeting, text="Do"
    )
    client = login(bodies_with_steering_member.users["comm_a1"])
    assert (
        client.get(f"/clusters/{bodies_with_steering_member.a1.pk}/commission/").status_code == 200
    )
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
    assert (
        client.post(f"/meeting-decisions/{decision.pk}/status/", {"status": "done"}).status_code
        == 403
    )
