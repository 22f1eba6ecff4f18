"""The bodies API: members, meetings (JSON and multipart uploads, stale updates),
decisions overdue first, a body's health."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import timezone

from governance.bodies import selectors as body_selectors
from governance.bodies import services as body_services
from governance.models import (
    Attendance,
    Decision,
    Meeting,
)
from tests.conftest import pdf

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_api_meeting_bad_input_gives_field_errors(bodies_with_steering_member, client):
    client.force_login(bodies_with_steering_member.users["cda_a1"])
    body = bodies_with_steering_member.extra["commission"]
    response = client.post(
        "/api/meetings/",
        {"body": body.pk, "held_on": "2025-01-01", "other_women": -2},
        content_type="application/json",
    )
    assert response.status_code == 400 and "other_women" in response.json()
    response = client.post(
        "/api/meetings/",
        {
            "body": body.pk,
            "held_on": "2025-01-01",
            "members_present": [bodies_with_steering_member.extra["chair"].pk],
        },
        content_type="application/json",
    )
    # the Steering Committee's member is not even visible to the CDA
    assert response.status_code == 400 and "members_present" in response.json()
    client.force_login(bodies_with_steering_member.users["coord_a"])
    response = client.post(
        "/api/meetings/",
        {
            "body": body.pk,
            "held_on": "2025-01-01",
            "members_present": [bodies_with_steering_member.extra["chair"].pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "members_present" in response.json()
    response = client.post("/api/meetings/", {}, content_type="application/json")
    assert response.status_code == 400 and {"body", "held_on"} <= set(response.json())
    assert not Meeting.objects.exists()


def test_api_meeting_roundtrip_and_stale_update(bodies_with_steering_member, client):
    client.force_login(bodies_with_steering_member.users["cda_a1"])
    members = [m.pk for m in bodies_with_steering_member.extra["members"]]
    response = client.post(
        "/api/meetings/",
        {
            "body": bodies_with_steering_member.extra["commission"].pk,
            "held_on": "2025-01-01",
            "members_present": members,
            "other_women": 2,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert sorted(data["members_present"]) == sorted(members)
    stamp = data["updated_at"]
    url = f"/api/meetings/{data['id']}/"
    response = client.patch(
        url, {"place": "Market", "updated_at": stamp}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["place"] == "Market"
    response = client.patch(
        url, {"place": "Again", "updated_at": stamp}, content_type="application/json"
    )
    assert response.status_code == 409  # stale: refused, not overwritten
    assert client.get(url).json()["place"] == "Market"
    decision = client.post(
        "/api/meeting-decisions/",
        {"meeting": data["id"], "text": "Buy together", "due_on": "2025-02-01"},
        content_type="application/json",
    )
    assert decision.status_code == 201
    assert client.get(url).json()["decisions"][0]["text"] == "Buy together"


NOT_IN_PROJECT = "No user with that name in this project."


def test_api_member_account_is_limited_to_people_of_the_project(bodies, client):
    client.force_login(bodies.users["cda_a1"])
    body = bodies.extra["commission"]
    answers = []
    for username in ("coord_b", "nobody", "admin"):
        response = client.post(
            "/api/body-members/",
            {"body": body.pk, "name": "X", "sex": "man", "user": username},
            content_type="application/json",
        )
        assert response.status_code == 400
        answers.append(response.json())
    assert answers == [{"user": [NOT_IN_PROJECT]}] * 3
    response = client.post(
        "/api/body-members/",
        {"body": body.pk, "name": "X", "sex": "man", "user": "cda_a2"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["user"] == "cda_a2"
    url = f"/api/body-members/{response.json()['id']}/"
    response = client.patch(url, {"user": "coord_b"}, content_type="application/json")
    assert response.status_code == 400 and response.json() == {"user": [NOT_IN_PROJECT]}
    response = client.patch(url, {"user": None}, content_type="application/json")
    assert response.status_code == 200 and response.json()["user"] is None
    response = client.patch(url, {"user": ["x"]}, content_type="application/json")
    assert response.status_code == 400 and "user" in response.json()


def test_api_decisions_are_listed_overdue_first_with_a_status_filter(bodies, client):
    coord = bodies.users["coord_a"]
    meeting = body_services.meeting_create(
        actor=coord, body=bodies.extra["commission"], held_on=TODAY - datetime.timedelta(days=30)
    )

    def decision(text, days=None, status="open"):
        due = None if days is None else TODAY + datetime.timedelta(days=days)
        return Decision.objects.create(meeting=meeting, text=text, due_on=due, status=status)

    done = decision("done", -9, "done")
    undated = decision("undated")
    later = decision("later", 9)
    late_2 = decision("late 2", -2)
    late_5 = decision("late 5", -5)
    dropped = decision("dropped", -20, "dropped")
    soon = decision("soon", 1)
    client.force_login(bodies.users["cda_a1"])
    rows = client.get("/api/meeting-decisions/").json()["results"]
    assert [r["text"] for r in rows] == [
        late_5.text,
        late_2.text,
        soon.text,
        later.text,
        undated.text,
        dropped.text,
        done.text,
    ]
    assert [r["overdue"] for r in rows[:3]] == [True, True, False]
    rows = client.get("/api/meeting-decisions/?status=open").json()["results"]
    assert [r["text"] for r in rows] == ["late 5", "late 2", "soon", "later", "undated"]
    rows = client.get("/api/meeting-decisions/?status=done").json()["results"]
    assert [r["id"] for r in rows] == [done.pk]
    assert client.get("/api/meeting-decisions/?status=late").status_code == 400
    # another cluster's CDA sees none of them
    client.force_login(bodies.users["cda_a2"])
    assert client.get("/api/meeting-decisions/").json()["count"] == 0


def test_api_health_of_a_body(bodies, client):
    body = bodies.extra["commission"]
    meeting = Meeting.objects.create(body=body, held_on=TODAY, other_women=1, other_men=1)
    Attendance.objects.create(meeting=meeting, member=bodies.extra["members"][0])
    Decision.objects.create(meeting=meeting, text="a", status="done")
    Decision.objects.create(meeting=meeting, text="b", status="dropped")
    client.force_login(bodies.users["comm_a1"])
    response = client.get(f"/api/governance-bodies/{body.pk}/health/")
    assert response.status_code == 200
    assert response.json() == {
        "meetings": 1,
        "average_attendance": 3.0,
        "women_share": 67,
        "decisions": 2,
        "decisions_done": 1,
        "decisions_dropped": 1,
        "decisions_done_share": 100,
    }
    assert response.json() == body_selectors.governance_health(cluster=bodies.a1)
    steering = bodies.extra["steering"]
    for persona in ("cda_a2", "coord_b"):
        client.force_login(bodies.users[persona])
        assert client.get(f"/api/governance-bodies/{body.pk}/health/").status_code == 404
    client.force_login(bodies.users["cda_a1"])
    assert client.get(f"/api/governance-bodies/{steering.pk}/health/").status_code == 404
    assert client.get("/api/governance-bodies/x/health/").status_code == 404
    client.force_login(bodies.users["steer_a"])
    health = client.get(f"/api/governance-bodies/{steering.pk}/health/").json()
    assert health["meetings"] == 0 and health["decisions_done_share"] is None


def _multipart(client, method, url, data):
    return getattr(client, method)(
        url, encode_multipart(BOUNDARY, data), content_type=MULTIPART_CONTENT
    )


def test_api_meeting_minutes_upload(bodies, client):
    client.force_login(bodies.users["cda_a1"])
    body, members = bodies.extra["commission"], bodies.extra["members"]
    response = client.post(
        "/api/meetings/",
        {
            "body": body.pk,
            "held_on": "2025-05-01",
            "members_present": [members[0].pk, members[1].pk],
            "other_women": "2",
            "minutes_file": pdf(),
        },
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert "minutes_file" not in data and data["minutes_file_url"]
    assert sorted(data["members_present"]) == sorted([members[0].pk, members[1].pk])
    download = client.get(data["minutes_file_url"])
    assert b"".join(download.streaming_content) == b"%PDF-1.4 minutes"
    meeting = Meeting.objects.get()
    assert meeting.recorded_by == bodies.users["cda_a1"]
    # replacing the file on update (multipart PATCH), stale stamp refused
    url = f"/api/meetings/{meeting.pk}/"
    stale = data["updated_at"]
    response = _multipart(
        client, "patch", url, {"minutes_file": pdf("new.pdf"), "updated_at": stale}
    )
    assert response.status_code == 200, response.json()
    meeting.refresh_from_db()
    assert meeting.minutes_file.name.endswith(".pdf") and "new" in meeting.minutes_file.name
    response = _multipart(client, "patch", url, {"minutes_file": pdf("x.pdf"), "updated_at": stale})
    assert response.status_code == 409


@pytest.mark.parametrize(
    "upload, message",
    [
        (lambda: SimpleUploadedFile("minutes.exe", b"MZ"), "not allowed"),
        (lambda: pdf(size=10 * 1024 * 1024 + 1), "too big"),
        (lambda: SimpleUploadedFile("minutes.pdf", b""), "empty"),
        (lambda: "not a file", "not a file"),
    ],
    ids=["type", "size", "empty", "not-a-file"],
)
def test_api_meeting_minutes_upload_bad_file_is_a_400(bodies, client, upload, message):
    client.force_login(bodies.users["cda_a1"])
    response = client.post(
        "/api/meetings/",
        {"body": bodies.extra["commission"].pk, "held_on": "2025-05-01", "minutes_file": upload()},
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()["minutes_file"])
    assert not Meeting.objects.exists()


def test_api_minutes_in_json_and_another_projects_ids(bodies, client):
    client.force_login(bodies.users["coord_b"])
    body = bodies.extra["commission"]
    response = client.post(
        "/api/meetings/",
        {"body": body.pk, "held_on": "2025-05-01", "minutes_file": pdf()},
    )
    assert response.status_code == 400 and "body" in response.json()
    meeting = body_services.meeting_create(actor=bodies.users["coord_a"], body=body, held_on=TODAY)
    response = _multipart(client, "patch", f"/api/meetings/{meeting.pk}/", {"minutes_file": pdf()})
    assert response.status_code == 404
    client.force_login(bodies.users["cda_a1"])
    response = client.post(
        "/api/meetings/",
        {"body": body.pk, "held_on": "yesterday", "minutes_file": "abc"},
        content_type="application/json",
    )
    assert response.status_code == 400 and {"held_on", "minutes_file"} <= set(response.json())
    assert Meeting.objects.count() == 1
