"""Meetings of a body: attendance and minutes, who records them, bad input next to the
field, no meeting in the future, stale edits."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from governance.bodies import selectors as body_selectors
from governance.bodies import services as body_services
from governance.concurrency import StaleEditError
from governance.models import (
    Attendance,
    Meeting,
)
from tests.conftest import pdf

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def meeting_form(world, **extra):
    data = {
        "held_on": "2025-05-01",
        "place": "Thiès",
        "agenda": "Joint purchase",
        "minutes": "Agreed to compare prices",
        "members_present": [m.pk for m in world.extra["members"][:2]],
        "other_women": "3",
        "other_men": "1",
    }
    data.update(extra)
    return data


def test_cda_records_a_commission_meeting_with_attendance_and_minutes(
    bodies_with_steering_member, login
):
    client = login(bodies_with_steering_member.users["cda_a1"])
    url = f"/bodies/{bodies_with_steering_member.extra['commission'].pk}/meetings/new/"
    response = client.post(url, meeting_form(bodies_with_steering_member, minutes_file=pdf()))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.recorded_by == bodies_with_steering_member.users["cda_a1"]
    assert set(meeting.members_present.all()) == set(
        bodies_with_steering_member.extra["members"][:2]
    )
    assert meeting.minutes_file.name.endswith(".pdf")
    page = client.get(f"/meetings/{meeting.pk}/")
    assert page.status_code == 200
    assert "6 present, of whom 4 women" in page.content.decode()
    download = client.get(f"/meetings/{meeting.pk}/minutes/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 minutes"
    # audited, with the actor
    entry = LogEntry.objects.get_for_object(meeting).get()
    assert entry.actor == bodies_with_steering_member.users["cda_a1"]
    # never served from MEDIA_URL; another cluster's CDA gets 404
    assert client.get("/media/" + meeting.minutes_file.name).status_code == 404
    login(bodies_with_steering_member.users["cda_a2"])
    assert client.get(f"/meetings/{meeting.pk}/minutes/").status_code == 404


def test_steering_committee_meetings_are_the_coordinators(bodies_with_steering_member, login):
    client = login(bodies_with_steering_member.users["steer_a"])
    url = f"/bodies/{bodies_with_steering_member.extra['steering'].pk}/meetings/new/"
    assert (
        client.post(url, meeting_form(bodies_with_steering_member, members_present=[])).status_code
        == 403
    )
    login(bodies_with_steering_member.users["coord_a"])
    data = meeting_form(
        bodies_with_steering_member, members_present=[bodies_with_steering_member.extra["chair"].pk]
    )
    assert client.post(url, data).status_code == 302
    login(bodies_with_steering_member.users["steer_a"])
    meeting = Meeting.objects.get()
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
    login(bodies_with_steering_member.users["cda_a1"])
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"held_on": ""}, "held_on"),
        ({"other_women": "-1"}, "other_women"),
        ({"other_men": "abc"}, "other_men"),
        ({"minutes_file": SimpleUploadedFile("minutes.exe", b"MZ")}, "minutes_file"),
        ({"minutes_file": pdf(size=10 * 1024 * 1024 + 1)}, "minutes_file"),
    ],
)
def test_bad_meeting_input_is_refused_next_to_the_field(
    bodies_with_steering_member, login, bad, field
):
    client = login(bodies_with_steering_member.users["cda_a1"])
    response = client.post(
        f"/bodies/{bodies_with_steering_member.extra['commission'].pk}/meetings/new/",
        meeting_form(bodies_with_steering_member, **bad),
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists() and not Attendance.objects.exists()


def test_a_member_of_another_body_cannot_be_in_attendance(bodies_with_steering_member, login):
    chair = bodies_with_steering_member.extra[
        "chair"
    ]  # sits on the Steering Committee, not on A1's Commission
    client = login(bodies_with_steering_member.users["coord_a"])
    response = client.post(
        f"/bodies/{bodies_with_steering_member.extra['commission'].pk}/meetings/new/",
        meeting_form(bodies_with_steering_member, members_present=[chair.pk]),
    )
    assert "members_present" in response.context["form"].errors
    with pytest.raises(ValidationError) as exc:
        body_services.meeting_create(
            actor=bodies_with_steering_member.users["coord_a"],
            body=bodies_with_steering_member.extra["commission"],
            held_on=TODAY,
            members_present=[chair],
        )
    assert "members_present" in exc.value.message_dict
    assert not Meeting.objects.exists()


def test_empty_meeting_form_and_stale_edit(bodies_with_steering_member, login):
    client = login(bodies_with_steering_member.users["cda_a1"])
    response = client.post(
        f"/bodies/{bodies_with_steering_member.extra['commission'].pk}/meetings/new/", {}
    )
    assert "held_on" in response.context["form"].errors
    meeting = body_services.meeting_create(
        actor=bodies_with_steering_member.users["cda_a1"],
        body=bodies_with_steering_member.extra["commission"],
        held_on=TODAY,
        place="Thiès",
    )
    page = client.get(f"/meetings/{meeting.pk}/edit/")
    stamp = page.context["form"].initial["updated_at"]
    body_services.meeting_update(
        actor=bodies_with_steering_member.users["coord_a"], meeting=meeting, place="Chamber"
    )
    response = client.post(
        f"/meetings/{meeting.pk}/edit/",
        meeting_form(bodies_with_steering_member, place="Market", updated_at=stamp),
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "Chamber" and not meeting.attendances.exists()
    # with a fresh stamp the edit goes through, attendance included
    response = client.post(
        f"/meetings/{meeting.pk}/edit/",
        meeting_form(
            bodies_with_steering_member, place="Market", updated_at=meeting.updated_at.isoformat()
        ),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Market" and meeting.attendances.count() == 2
    with pytest.raises(StaleEditError):
        body_services.meeting_update(
            actor=bodies_with_steering_member.users["cda_a1"],
            meeting=meeting,
            seen_updated_at=stamp,
            place="X",
        )


TOMORROW = TODAY + datetime.timedelta(days=1)


def test_a_meeting_dated_in_the_future_is_refused_everywhere(bodies, client):
    body = bodies.extra["commission"]
    with pytest.raises(ValidationError) as exc:
        body_services.meeting_create(actor=bodies.users["cda_a1"], body=body, held_on=TOMORROW)
    assert "held_on" in exc.value.message_dict
    meeting = body_services.meeting_create(actor=bodies.users["cda_a1"], body=body, held_on=TODAY)
    with pytest.raises(ValidationError):
        body_services.meeting_update(
            actor=bodies.users["cda_a1"], meeting=meeting, held_on=TOMORROW
        )

    client.force_login(bodies.users["cda_a1"])
    page = client.get(f"/bodies/{body.pk}/meetings/new/").content.decode()
    assert f'max="{TODAY.isoformat()}"' in page
    response = client.post(
        f"/bodies/{body.pk}/meetings/new/", {"held_on": TOMORROW.isoformat(), "other_women": 0}
    )
    assert response.status_code == 200
    assert "cannot be in the future" in str(response.context["form"].errors["held_on"])

    response = client.post(
        "/api/meetings/",
        {"body": body.pk, "held_on": TOMORROW.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400 and "held_on" in response.json()
    response = client.patch(
        f"/api/meetings/{meeting.pk}/",
        {"held_on": TOMORROW.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400 and "held_on" in response.json()
    assert list(Meeting.objects.values_list("held_on", flat=True)) == [TODAY]
    assert body_selectors.governance_health(cluster=bodies.a1)["meetings"] == 1
