"""Phase 2 audit gaps: the CDA role only by appointment on a selected cluster, role and
appointment ending together, true refusal reasons, no future meetings, pages that read
without creating, member accounts limited to the project, decisions-done share without
dropped decisions, the API's decision order, health and uploads, pinned query counts."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import timezone

from clusters import phases
from governance import selectors, services
from governance.models import (
    AppointmentKind,
    Attendance,
    Body,
    BodyMember,
    CDAAppointment,
    Decision,
    Meeting,
    Role,
    RoleAssignment,
)
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)
NOT_IN_PROJECT = "No user with that name in this project."


def pdf(name="minutes.pdf", size=None):
    content = b"%PDF-1.4 minutes" if size is None else b"0" * size
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def gov(world):
    coord = world.users["coord_a"]
    commission = services.commission_ensure(actor=coord, cluster=world.a1)
    steering = services.steering_committee_ensure(actor=coord, project=world.project_a)
    members = [
        services.body_member_create(actor=coord, body=commission, name=n, sex=s)
        for n, s in [("Awa", "woman"), ("Ibou", "man"), ("Mariama", "woman")]
    ]
    world.extra.update(commission=commission, steering=steering, members=members)
    return world


def _hand_over(world, cluster):
    services.hand_over_record(
        actor=world.users["coord_a"],
        cluster=cluster,
        recipient_name="Chambre de commerce",
        recipient_kind="local_institution",
        handed_over_on=TODAY,
        cda_withdrawal_on=TODAY,
    )
    cluster.refresh_from_db()


# --- 1. The CDA role: by appointment, on a selected cluster only ---------------------------


@pytest.mark.parametrize("status", ["candidate", "rejected"])
def test_role_grant_refuses_the_cda_role_on_a_cluster_that_is_not_selected(world, status):
    cluster = ClusterFactory(project=world.project_a, name="Not selected", status=status)
    with pytest.raises(ValidationError) as exc:
        services.role_grant(
            actor=world.users["coord_a"], user=UserFactory(), role=Role.CDA, cluster=cluster
        )
    assert "Only a selected cluster gets a CDA" in exc.value.message_dict["cluster"][0]
    assert not RoleAssignment.objects.filter(cluster=cluster).exists()
    assert not phases.has_active_cda(cluster)
    # the Commission role is not an appointment: it stays possible on a candidate
    services.role_grant(
        actor=world.users["coord_a"], user=UserFactory(), role=Role.COMMISSION, cluster=cluster
    )


def test_people_page_does_not_grant_the_cda_role_and_points_to_appointments(world, client):
    candidate = ClusterFactory(project=world.project_a, name="Candidate", status="candidate")
    UserFactory(username="newcda")
    client.force_login(world.users["coord_a"])
    page = client.get(f"/projects/{world.project_a.pk}/people/")
    html = page.content.decode()
    assert "CDAs are appointed on the cluster's Appointments page" in html
    assert f"/clusters/{world.a1.pk}/appointments/" in html
    assert f"/clusters/{candidate.pk}/appointments/" not in html  # selected clusters only
    assert 'value="cda"' not in html
    response = client.post(
        f"/projects/{world.project_a.pk}/people/",
        {"username": "newcda", "role": "cda", "cluster": candidate.pk},
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(cluster=candidate).exists()
    assert not phases.has_active_cda(candidate)


# --- 2. Ending the role ends the appointment, and the other way round ------------------------


def test_ending_a_cda_role_on_the_people_page_ends_its_appointment(world, client):
    coord, cda = world.users["coord_a"], UserFactory(username="newcda", first_name="Fatou")
    appointment = services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.LEAD, user=cda
    )
    client.force_login(coord)
    assert "Fatou" in client.get(f"/clusters/{world.a2.pk}/").content.decode()
    response = client.post(
        f"/projects/{world.project_a.pk}/people/{appointment.role_assignment_id}/end/",
        follow=True,
    )
    assert "the CDA appointment ended" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.ends_on == TODAY and not appointment.is_active()
    assert appointment.role_assignment.ends_on == TODAY
    # the API, the cluster page and the appointments page agree
    api = client.get(f"/api/cda-appointments/{appointment.pk}/").json()
    assert api["active"] is False and api["ends_on"] == TODAY.isoformat()
    panel = client.get(f"/clusters/{world.a2.pk}/").content.decode()
    assert "Fatou" not in panel.split('id="governance"')[1].split("</section>")[0]
    # the appointment's end is audited with the coordinator as actor
    entry = LogEntry.objects.get_for_object(appointment).order_by("-pk").first()
    assert entry.actor == coord and "ends_on" in entry.changes_dict
    # and re-appointing the same person works, with a new CDA role
    again = services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.LEAD, user=cda
    )
    assert again.is_active() and again.role_assignment_id != appointment.role_assignment_id
    assert again.role_assignment.is_active()


def test_ending_an_appointment_ends_its_role_on_the_people_page(world, client):
    coord, cda = world.users["coord_a"], UserFactory(username="newcda")
    appointment = services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.TEAM_MEMBER, user=cda
    )
    client.force_login(coord)
    people = client.get(f"/projects/{world.project_a.pk}/people/").content.decode()
    assert "by appointment: ending it ends the appointment" in people
    assert client.post(f"/appointments/{appointment.pk}/end/").status_code == 302
    role = RoleAssignment.objects.get(pk=appointment.role_assignment_id)
    assert role.ends_on == TODAY and not role.is_active()
    assert not RoleAssignment.objects.active().filter(user=cda).exists()


def test_a_role_ended_later_ends_its_appointment_that_day_not_before(world):
    coord, cda = world.users["coord_a"], UserFactory()
    appointment = services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.LEAD, user=cda
    )
    later = TODAY + datetime.timedelta(days=20)
    services.role_end(actor=coord, assignment=appointment.role_assignment, ends_on=later)
    appointment.refresh_from_db()
    assert appointment.ends_on == later and appointment.is_active()


def test_a_failed_role_end_leaves_the_appointment_alone(world, monkeypatch):
    coord, cda = world.users["coord_a"], UserFactory()
    appointment = services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.LEAD, user=cda
    )

    def boom(**kwargs):
        raise RuntimeError("permission sync failed")

    monkeypatch.setattr(services, "role_permissions_sync", boom)
    with pytest.raises(RuntimeError):
        services.role_end(actor=coord, assignment=appointment.role_assignment)
    appointment.refresh_from_db()
    assert appointment.ends_on is None
    assert RoleAssignment.objects.get(pk=appointment.role_assignment_id).ends_on is None


# --- 3. The true reason for a phased-out cluster ----------------------------------------------


def test_appointment_checks_the_clusters_status_as_stored_not_as_passed_in(world):
    # The page loaded the cluster while it was selected; a decision rejected it
    # before the form was sent. The appointment must go by the stored status.
    stale = type(world.a2).objects.get(pk=world.a2.pk)
    type(world.a2).objects.filter(pk=world.a2.pk).update(status="rejected")
    newcomer = UserFactory()
    with pytest.raises(ValidationError, match="not selected"):
        services.cda_appointment_create(
            actor=world.users["coord_a"],
            cluster=stale,
            kind=AppointmentKind.TEAM_MEMBER,
            user=newcomer,
        )
    assert not CDAAppointment.objects.filter(user=newcomer).exists()


def test_appointing_to_a_phased_out_cluster_gives_the_true_reason(world, client):
    _hand_over(world, world.a2)
    with pytest.raises(ValidationError) as exc:
        services.cda_appointment_create(
            actor=world.users["coord_a"],
            cluster=world.a2,
            kind=AppointmentKind.LEAD,
            user=UserFactory(),
        )
    message = " ".join(exc.value.messages)
    assert "handed over to Chambre de commerce" in message and "phased out" in message
    assert "selection decision" not in message
    client.force_login(world.users["coord_a"])
    response = client.post(
        f"/clusters/{world.a2.pk}/appointments/",
        {"kind": "lead", "username": "cda_a1", "starts_on": TODAY.isoformat()},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "was handed over to Chambre de commerce" in html
    assert "Record the selection decision first" not in html
    with pytest.raises(ValidationError) as exc:
        services.role_grant(
            actor=world.users["coord_a"], user=UserFactory(), role=Role.CDA, cluster=world.a2
        )
    assert "phased out" in exc.value.message_dict["cluster"][0]


# --- 4. No meeting in the future ----------------------------------------------------------------


def test_a_meeting_dated_in_the_future_is_refused_everywhere(gov, client):
    body = gov.extra["commission"]
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(actor=gov.users["cda_a1"], body=body, held_on=TOMORROW)
    assert "held_on" in exc.value.message_dict
    meeting = services.meeting_create(actor=gov.users["cda_a1"], body=body, held_on=TODAY)
    with pytest.raises(ValidationError):
        services.meeting_update(actor=gov.users["cda_a1"], meeting=meeting, held_on=TOMORROW)

    client.force_login(gov.users["cda_a1"])
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
    assert selectors.governance_health(cluster=gov.a1)["meetings"] == 1


# --- 5. Reading a body's page creates nothing ---------------------------------------------------


def test_reading_body_pages_creates_no_body(world, login):
    before = LogEntry.objects.count()
    client = login(world.users["comm_a1"])
    page = client.get(f"/clusters/{world.a1.pk}/commission/")
    assert page.status_code == 200 and "No members yet." in page.content.decode()
    client = login(world.users["steer_a"])
    page = client.get(f"/projects/{world.project_a.pk}/steering-committee/")
    assert page.status_code == 200 and "No members yet." in page.content.decode()
    assert "Add a member" not in page.content.decode()  # steering members only read
    # a CDA may not see the Steering Committee, whether or not it exists
    client = login(world.users["cda_a1"])
    assert client.get(f"/projects/{world.project_a.pk}/steering-committee/").status_code == 404
    page = client.get(f"/clusters/{world.a1.pk}/commission/").content.decode()
    assert f"/clusters/{world.a1.pk}/commission/members/new/" in page
    assert f"/clusters/{world.a1.pk}/commission/meetings/new/" in page
    assert client.get(f"/clusters/{world.a1.pk}/commission/members/new/").status_code == 200
    assert client.get(f"/clusters/{world.a1.pk}/commission/meetings/new/").status_code == 200
    assert not Body.objects.exists()
    assert LogEntry.objects.count() == before
    # the API lists no body either
    assert login(world.users["coord_a"]).get("/api/governance-bodies/").json()["count"] == 0
    assert not Body.objects.exists()


def test_the_first_member_or_meeting_creates_the_body(world, login):
    client = login(world.users["cda_a1"])
    url = f"/clusters/{world.a1.pk}/commission/members/new/"
    response = client.post(url, {"name": " ", "sex": ""})  # invalid: nothing is saved
    assert response.status_code == 200 and {"name", "sex"} <= set(response.context["form"].errors)
    assert not Body.objects.exists()
    response = client.post(url, {"name": "Awa", "role": "chair", "sex": "woman"})
    assert response.status_code == 302
    commission = Body.objects.get()
    assert commission.cluster == world.a1 and commission.members.get().name == "Awa"
    # the next member joins the same body (through either address)
    client.post(url, {"name": "Ibou", "role": "member", "sex": "man"})
    client.post(
        f"/bodies/{commission.pk}/members/new/", {"name": "Sy", "role": "chair", "sex": "woman"}
    )
    assert Body.objects.count() == 1 and commission.members.count() == 3
    # The Steering Committee: created by the coordinator's first meeting
    steering_url = f"/projects/{world.project_a.pk}/steering-committee/meetings/new/"
    assert client.post(steering_url, {"held_on": TODAY.isoformat()}).status_code == 404
    client = login(world.users["steer_a"])
    assert client.post(steering_url, {"held_on": TODAY.isoformat()}).status_code == 403
    client = login(world.users["coord_a"])
    response = client.post(
        steering_url, {"held_on": TODAY.isoformat(), "other_women": "2", "other_men": "0"}
    )
    assert response.status_code == 302
    steering = Body.objects.get(kind="steering")
    assert steering.meetings.get().other_women == 2
    page = login(world.users["steer_a"]).get(f"/projects/{world.project_a.pk}/steering-committee/")
    assert page.status_code == 200
    assert f"/meetings/{steering.meetings.get().pk}/" in page.content.decode()


def test_a_phased_out_clusters_cda_cannot_create_its_commission(world, login):
    services.cda_appointment_create(
        actor=world.users["coord_a"],
        cluster=world.a1,
        kind=AppointmentKind.LEAD,
        user=world.users["cda_a1"],
    )
    services.hand_over_record(
        actor=world.users["coord_a"],
        cluster=world.a1,
        recipient_name="CMO",
        recipient_kind="cmo",
        handed_over_on=TODAY,
        cda_withdrawal_on=TODAY + datetime.timedelta(days=30),
    )
    client = login(world.users["cda_a1"])
    url = f"/clusters/{world.a1.pk}/commission/members/new/"
    assert client.post(url, {"name": "Awa", "role": "chair", "sex": "woman"}).status_code == 403
    assert not Body.objects.exists()


def test_body_page_without_a_body_query_count_is_pinned(world, login, django_assert_num_queries):
    client = login(world.users["cda_a1"])
    # session, user, cluster (authorized), Commission (none yet), can work
    with django_assert_num_queries(5):
        assert client.get(f"/clusters/{world.a1.pk}/commission/").status_code == 200
    client = login(world.users["steer_a"])
    # session, user, project, Steering Committee (none), can view, can work
    with django_assert_num_queries(6):
        assert client.get(f"/projects/{world.project_a.pk}/steering-committee/").status_code == 200


# --- 6. A member's user account: someone in the project -----------------------------------------


def test_member_account_is_limited_to_people_of_the_project(gov, login):
    body = gov.extra["commission"]
    client = login(gov.users["cda_a1"])
    url = f"/bodies/{body.pk}/members/new/"
    answers = {}
    for username in ("coord_b", "nobody", "admin"):  # other project, unknown, no role
        data = {"name": "X", "role": "member", "sex": "man", "username": username}
        response = client.post(url, data)
        assert response.status_code == 200
        answers[username] = response.context["form"].errors["username"]
    assert all(errors == [NOT_IN_PROJECT] for errors in answers.values()), answers
    # anyone holding a role in the project (any cluster) may be linked
    for username in ("comm_a1", "cda_a2", "STEER_A"):
        data = {"name": username, "role": "member", "sex": "man", "username": username}
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
    assert BodyMember.objects.get(name="cda_a2").user == gov.users["cda_a2"]
    assert BodyMember.objects.get(name="STEER_A").user == gov.users["steer_a"]
    with pytest.raises(ValidationError) as exc:
        services.body_member_create(
            actor=gov.users["coord_a"], body=body, name="Y", sex="man", user=gov.users["coord_b"]
        )
    assert exc.value.message_dict == {"user": [NOT_IN_PROJECT]}
    member = gov.extra["members"][0]
    with pytest.raises(ValidationError):
        services.body_member_update(
            actor=gov.users["coord_a"], member=member, user=gov.users["admin"]
        )


def test_member_account_link_kept_when_the_role_ends(gov, login):
    """An unchanged link stays on an edit even after the person's role has ended."""
    member = services.body_member_create(
        actor=gov.users["coord_a"],
        body=gov.extra["commission"],
        name="Comm",
        sex="woman",
        user=gov.users["comm_a1"],
    )
    services.role_end(actor=None, assignment=gov.users["comm_a1"].role_assignments.get())
    client = login(gov.users["cda_a1"])
    page = client.get(f"/members/{member.pk}/edit/")
    data = {
        "name": "Comm B.",
        "sex": "woman",
        "role": "member",
        "username": "comm_a1",
        "updated_at": page.context["form"].initial["updated_at"],
    }
    assert client.post(f"/members/{member.pk}/edit/", data).status_code == 302
    member.refresh_from_db()
    assert member.name == "Comm B." and member.user == gov.users["comm_a1"]


def test_api_member_account_is_limited_to_people_of_the_project(gov, client):
    client.force_login(gov.users["cda_a1"])
    body = gov.extra["commission"]
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


# --- 7. (share of decisions done: tests/governance/test_phase2.py) -------------------------------


def test_decisions_done_share_leaves_dropped_decisions_out(gov):
    meeting = services.meeting_create(
        actor=gov.users["coord_a"], body=gov.extra["commission"], held_on=TODAY
    )
    for status in ["done", "dropped", "dropped", "dropped"]:
        Decision.objects.create(meeting=meeting, text=status, status=status)
    health = selectors.governance_health(cluster=gov.a1)
    assert health["decisions_done_share"] == 100  # 1 done of 1 followed (old: 25 %)
    assert (health["decisions"], health["decisions_dropped"]) == (4, 3)
    Decision.objects.filter(status="done").update(status="dropped")
    assert selectors.governance_health(cluster=gov.a1)["decisions_done_share"] is None


# --- 8. API: decisions overdue first, health, uploads --------------------------------------------


def test_api_decisions_are_listed_overdue_first_with_a_status_filter(gov, client):
    coord = gov.users["coord_a"]
    meeting = services.meeting_create(
        actor=coord, body=gov.extra["commission"], held_on=TODAY - datetime.timedelta(days=30)
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
    client.force_login(gov.users["cda_a1"])
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
    client.force_login(gov.users["cda_a2"])
    assert client.get("/api/meeting-decisions/").json()["count"] == 0


def test_api_health_of_a_body(gov, client):
    body = gov.extra["commission"]
    meeting = Meeting.objects.create(body=body, held_on=TODAY, other_women=1, other_men=1)
    Attendance.objects.create(meeting=meeting, member=gov.extra["members"][0])
    Decision.objects.create(meeting=meeting, text="a", status="done")
    Decision.objects.create(meeting=meeting, text="b", status="dropped")
    client.force_login(gov.users["comm_a1"])
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
    assert response.json() == selectors.governance_health(cluster=gov.a1)
    steering = gov.extra["steering"]
    for persona in ("cda_a2", "coord_b"):
        client.force_login(gov.users[persona])
        assert client.get(f"/api/governance-bodies/{body.pk}/health/").status_code == 404
    client.force_login(gov.users["cda_a1"])
    assert client.get(f"/api/governance-bodies/{steering.pk}/health/").status_code == 404
    assert client.get("/api/governance-bodies/x/health/").status_code == 404
    client.force_login(gov.users["steer_a"])
    health = client.get(f"/api/governance-bodies/{steering.pk}/health/").json()
    assert health["meetings"] == 0 and health["decisions_done_share"] is None


def _multipart(client, method, url, data):
    return getattr(client, method)(
        url, encode_multipart(BOUNDARY, data), content_type=MULTIPART_CONTENT
    )


def test_api_meeting_minutes_upload(gov, client):
    client.force_login(gov.users["cda_a1"])
    body, members = gov.extra["commission"], gov.extra["members"]
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
    assert meeting.recorded_by == gov.users["cda_a1"]
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
def test_api_meeting_minutes_upload_bad_file_is_a_400(gov, client, upload, message):
    client.force_login(gov.users["cda_a1"])
    response = client.post(
        "/api/meetings/",
        {"body": gov.extra["commission"].pk, "held_on": "2025-05-01", "minutes_file": upload()},
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()["minutes_file"])
    assert not Meeting.objects.exists()


def test_api_minutes_in_json_and_another_projects_ids(gov, client):
    client.force_login(gov.users["coord_b"])
    body = gov.extra["commission"]
    response = client.post(
        "/api/meetings/",
        {"body": body.pk, "held_on": "2025-05-01", "minutes_file": pdf()},
    )
    assert response.status_code == 400 and "body" in response.json()
    meeting = services.meeting_create(actor=gov.users["coord_a"], body=body, held_on=TODAY)
    response = _multipart(client, "patch", f"/api/meetings/{meeting.pk}/", {"minutes_file": pdf()})
    assert response.status_code == 404
    client.force_login(gov.users["cda_a1"])
    response = client.post(
        "/api/meetings/",
        {"body": body.pk, "held_on": "yesterday", "minutes_file": "abc"},
        content_type="application/json",
    )
    assert response.status_code == 400 and {"held_on", "minutes_file"} <= set(response.json())
    assert Meeting.objects.count() == 1


def test_api_appointment_terms_of_reference_upload(world, client):
    client.force_login(world.users["coord_a"])
    UserFactory(username="apicda")
    response = client.post(
        "/api/cda-appointments/",
        {"cluster": world.a2.pk, "kind": "lead", "user": "apicda", "terms_file": pdf("tor.pdf")},
    )
    assert response.status_code == 201, response.json()
    url = response.json()["terms_file_url"]
    assert url and b"".join(client.get(url).streaming_content) == b"%PDF-1.4 minutes"
    response = client.post(
        "/api/cda-appointments/",
        {
            "cluster": world.a1.pk,
            "kind": "cmo",
            "organisation_name": "CMO",
            "terms_file": SimpleUploadedFile("tor.sh", b"#!/bin/sh"),
        },
    )
    assert response.status_code == 400 and "terms_file" in response.json()
    client.force_login(world.users["coord_b"])
    response = client.post(
        "/api/cda-appointments/",
        {"cluster": world.a1.pk, "kind": "cmo", "organisation_name": "X", "terms_file": pdf()},
    )
    assert response.status_code == 400 and "cluster" in response.json()
    assert CDAAppointment.objects.count() == 1


# --- 9. The meeting page's query count -----------------------------------------------------------


def _big_meeting(gov, n):
    body = gov.extra["commission"]
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
    gov, login, django_assert_num_queries, persona, queries
):
    client = login(gov.users[persona])
    small, large = _big_meeting(gov, 5), _big_meeting(gov, 50)
    # session, user, meeting (authorized), can work, members present, decisions
    with django_assert_num_queries(queries):
        response = client.get(f"/meetings/{small.pk}/")
    assert response.status_code == 200 and response.context["total_present"] == 6
    with django_assert_num_queries(queries):
        response = client.get(f"/meetings/{large.pk}/")
    assert response.status_code == 200 and response.context["total_present"] == 51
    assert response.content.decode().count("<tr>") == 51  # header + 50 decisions
