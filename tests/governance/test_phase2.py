"""Phase 2: CDA appointments, Commission and Steering Committee, meetings, decisions,
governance health and hand-over (services, pages and API)."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusters.models import ClusterStatus
from governance import selectors, services
from governance.access import Action, can, visible
from governance.concurrency import StaleEditError
from governance.models import (
    AppointmentKind,
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    CDAAppointment,
    Decision,
    DecisionStatus,
    HandOver,
    Meeting,
    Role,
    RoleAssignment,
)
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def pdf(name="minutes.pdf", size=None):
    content = b"%PDF-1.4 minutes" if size is None else b"0" * size
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def gov(world):
    """A1's Commission with three members, project A's Steering Committee with one."""
    coord = world.users["coord_a"]
    commission = services.commission_ensure(actor=coord, cluster=world.a1)
    steering = services.steering_committee_ensure(actor=coord, project=world.project_a)
    members = [
        services.body_member_create(actor=coord, body=commission, name=n, sex=s, role="member")
        for n, s in [("Awa", "woman"), ("Ibou", "man"), ("Mariama", "woman")]
    ]
    chair = services.body_member_create(actor=coord, body=steering, name="Sy", sex="woman")
    world.extra.update(commission=commission, steering=steering, members=members, chair=chair)
    return world


# --- Appointments ----------------------------------------------------------------------


def test_appointment_grants_the_cda_role_and_ending_it_removes_access(world, login):
    coord = world.users["coord_a"]
    newcomer = UserFactory(username="newcda")
    client = login(newcomer)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404

    login(coord)
    response = client.post(
        f"/clusters/{world.a1.pk}/appointments/",
        {
            "kind": "lead",
            "username": "newcda",
            "starts_on": TODAY.isoformat(),
            "terms_of_reference": "Facilitate the Commission",
            "terms_file": pdf("tor.pdf"),
        },
    )
    assert response.status_code == 302
    appointment = CDAAppointment.objects.get(user=newcomer)
    assert appointment.role_assignment.role == Role.CDA
    assert appointment.role_assignment.cluster == world.a1
    assert appointment.terms_file

    login(newcomer)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 200
    assert client.get(f"/appointments/{appointment.pk}/terms/").status_code == 200

    login(coord)
    assert client.post(f"/appointments/{appointment.pk}/end/").status_code == 302
    appointment.refresh_from_db()
    assert appointment.ends_on == TODAY
    assert appointment.role_assignment.ends_on == TODAY

    login(newcomer)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404


def test_appointment_to_a_cluster_that_is_not_selected_is_refused(world, login):
    candidate = ClusterFactory(project=world.project_a, name="Candidate", status="candidate")
    client = login(world.users["coord_a"])
    response = client.post(
        f"/clusters/{candidate.pk}/appointments/",
        {"kind": "lead", "username": "cda_a2", "starts_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert "Only a selected cluster gets a CDA" in response.content.decode()
    assert not CDAAppointment.objects.exists()
    assert not RoleAssignment.objects.filter(cluster=candidate).exists()


def test_appointment_links_an_existing_cda_role_instead_of_duplicating_it(world):
    cda = world.users["cda_a1"]
    before = RoleAssignment.objects.filter(user=cda).count()
    appointment = services.cda_appointment_create(
        actor=world.users["coord_a"], cluster=world.a1, kind=AppointmentKind.LEAD, user=cda
    )
    assert RoleAssignment.objects.filter(user=cda).count() == before
    assert appointment.role_assignment == cda.role_assignments.get()
    with pytest.raises(ValidationError) as exc:
        services.cda_appointment_create(
            actor=world.users["coord_a"], cluster=world.a1, kind=AppointmentKind.LEAD, user=cda
        )
    assert "user" in exc.value.message_dict


def test_cmo_appointment_needs_an_organisation_and_only_the_coordinator_appoints(world):
    with pytest.raises(ValidationError) as exc:
        services.cda_appointment_create(
            actor=world.users["coord_a"], cluster=world.a1, kind=AppointmentKind.CMO
        )
    assert "organisation_name" in exc.value.message_dict
    cmo = services.cda_appointment_create(
        actor=world.users["coord_a"],
        cluster=world.a1,
        kind=AppointmentKind.CMO,
        organisation_name="Thiès Leather CMO",
    )
    assert cmo.role_assignment is None
    with pytest.raises(PermissionDenied):
        services.cda_appointment_create(
            actor=world.users["cda_a1"],
            cluster=world.a1,
            kind=AppointmentKind.CMO,
            organisation_name="x",
        )


def test_appointment_form_shows_errors_next_to_fields(world, login):
    client = login(world.users["coord_a"])
    response = client.post(f"/clusters/{world.a1.pk}/appointments/", {"kind": "lead"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "username" in errors and "starts_on" in errors
    response = client.post(
        f"/clusters/{world.a1.pk}/appointments/",
        {
            "kind": "cmo",
            "organisation_name": "CMO",
            "starts_on": "2026-01-01",
            "terms_file": SimpleUploadedFile("tor.exe", b"MZ"),
        },
    )
    assert "terms_file" in response.context["form"].errors
    assert not CDAAppointment.objects.exists()


# --- Bodies and members ----------------------------------------------------------------


def test_one_commission_per_cluster_and_one_steering_committee_per_project(gov):
    assert (
        services.commission_ensure(actor=gov.users["cda_a1"], cluster=gov.a1)
        == gov.extra["commission"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=BodyKind.COMMISSION, project=gov.project_a, cluster=gov.a1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=BodyKind.STEERING, project=gov.project_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=BodyKind.STEERING, project=gov.project_a, cluster=gov.a2)


def test_commission_rows_follow_the_cluster_and_steering_rows_are_project_wide(gov):
    cda, steer = gov.users["cda_a1"], gov.users["steer_a"]
    commission, steering = gov.extra["commission"], gov.extra["steering"]
    assert can(cda, Action.WORK, commission)
    assert not can(cda, Action.VIEW, steering)
    assert not can(gov.users["cda_a2"], Action.VIEW, commission)
    assert can(steer, Action.VIEW, steering) and not can(steer, Action.WORK, steering)
    assert can(gov.users["coord_a"], Action.WORK, steering)
    assert set(visible(gov.users["comm_a1"], BodyMember)) == set(gov.extra["members"])


def test_cda_manages_its_commission_members_not_the_steering_committee(gov, login):
    client = login(gov.users["cda_a1"])
    data = {"name": "Cheikh", "represents": "Chamber", "role": "member", "sex": "man"}
    url = f"/bodies/{gov.extra['commission'].pk}/members/new/"
    assert client.post(url, data).status_code == 302
    assert gov.extra["commission"].members.filter(name="Cheikh").exists()
    assert client.post(f"/bodies/{gov.extra['steering'].pk}/members/new/", data).status_code == 404
    response = client.post(url, {"name": " ", "sex": ""})
    assert response.status_code == 200
    assert {"name", "sex"} <= set(response.context["form"].errors)


def test_member_edit_refuses_a_stale_edit(gov, login):
    member = gov.extra["members"][0]
    client = login(gov.users["cda_a1"])
    page = client.get(f"/members/{member.pk}/edit/")
    stamp = page.context["form"].initial["updated_at"]
    services.body_member_update(actor=gov.users["coord_a"], member=member, represents="Changed")
    response = client.post(
        f"/members/{member.pk}/edit/",
        {"name": "Awa B.", "role": "chair", "sex": "woman", "updated_at": stamp},
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    member.refresh_from_db()
    assert member.name == "Awa" and member.represents == "Changed"


# --- Meetings ----------------------------------------------------------------------------


def meeting_form(gov, **extra):
    data = {
        "held_on": "2025-05-01",
        "place": "Thiès",
        "agenda": "Joint purchase",
        "minutes": "Agreed to compare prices",
        "members_present": [m.pk for m in gov.extra["members"][:2]],
        "other_women": "3",
        "other_men": "1",
    }
    data.update(extra)
    return data


def test_cda_records_a_commission_meeting_with_attendance_and_minutes(gov, login):
    client = login(gov.users["cda_a1"])
    url = f"/bodies/{gov.extra['commission'].pk}/meetings/new/"
    response = client.post(url, meeting_form(gov, minutes_file=pdf()))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.recorded_by == gov.users["cda_a1"]
    assert set(meeting.members_present.all()) == set(gov.extra["members"][:2])
    assert meeting.minutes_file.name.endswith(".pdf")
    page = client.get(f"/meetings/{meeting.pk}/")
    assert page.status_code == 200
    assert "6 present, of whom 4 women" in page.content.decode()
    download = client.get(f"/meetings/{meeting.pk}/minutes/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 minutes"
    # audited, with the actor
    entry = LogEntry.objects.get_for_object(meeting).get()
    assert entry.actor == gov.users["cda_a1"]
    # never served from MEDIA_URL; another cluster's CDA gets 404
    assert client.get("/media/" + meeting.minutes_file.name).status_code == 404
    login(gov.users["cda_a2"])
    assert client.get(f"/meetings/{meeting.pk}/minutes/").status_code == 404


def test_steering_committee_meetings_are_the_coordinators(gov, login):
    client = login(gov.users["steer_a"])
    url = f"/bodies/{gov.extra['steering'].pk}/meetings/new/"
    assert client.post(url, meeting_form(gov, members_present=[])).status_code == 403
    login(gov.users["coord_a"])
    data = meeting_form(gov, members_present=[gov.extra["chair"].pk])
    assert client.post(url, data).status_code == 302
    login(gov.users["steer_a"])
    meeting = Meeting.objects.get()
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
    login(gov.users["cda_a1"])
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
def test_bad_meeting_input_is_refused_next_to_the_field(gov, login, bad, field):
    client = login(gov.users["cda_a1"])
    response = client.post(
        f"/bodies/{gov.extra['commission'].pk}/meetings/new/", meeting_form(gov, **bad)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists() and not Attendance.objects.exists()


def test_a_member_of_another_body_cannot_be_in_attendance(gov, login):
    chair = gov.extra["chair"]  # sits on the Steering Committee, not on A1's Commission
    client = login(gov.users["coord_a"])
    response = client.post(
        f"/bodies/{gov.extra['commission'].pk}/meetings/new/",
        meeting_form(gov, members_present=[chair.pk]),
    )
    assert "members_present" in response.context["form"].errors
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            actor=gov.users["coord_a"],
            body=gov.extra["commission"],
            held_on=TODAY,
            members_present=[chair],
        )
    assert "members_present" in exc.value.message_dict
    assert not Meeting.objects.exists()


def test_empty_meeting_form_and_stale_edit(gov, login):
    client = login(gov.users["cda_a1"])
    response = client.post(f"/bodies/{gov.extra['commission'].pk}/meetings/new/", {})
    assert "held_on" in response.context["form"].errors
    meeting = services.meeting_create(
        actor=gov.users["cda_a1"], body=gov.extra["commission"], held_on=TODAY, place="Thiès"
    )
    page = client.get(f"/meetings/{meeting.pk}/edit/")
    stamp = page.context["form"].initial["updated_at"]
    services.meeting_update(actor=gov.users["coord_a"], meeting=meeting, place="Chamber")
    response = client.post(
        f"/meetings/{meeting.pk}/edit/",
        meeting_form(gov, place="Market", updated_at=stamp),
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "Chamber" and not meeting.attendances.exists()
    # with a fresh stamp the edit goes through, attendance included
    response = client.post(
        f"/meetings/{meeting.pk}/edit/",
        meeting_form(gov, place="Market", updated_at=meeting.updated_at.isoformat()),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Market" and meeting.attendances.count() == 2
    with pytest.raises(StaleEditError):
        services.meeting_update(
            actor=gov.users["cda_a1"], meeting=meeting, seen_updated_at=stamp, place="X"
        )


# --- Decisions ---------------------------------------------------------------------------


def test_decisions_open_list_overdue_first_and_status_update(gov, login):
    coord = gov.users["coord_a"]
    meeting = services.meeting_create(actor=coord, body=gov.extra["commission"], held_on=TODAY)
    later = services.decision_create(
        actor=coord, meeting=meeting, text="Later", due_on=TODAY + datetime.timedelta(days=9)
    )
    undated = services.decision_create(actor=coord, meeting=meeting, text="Undated")
    overdue = services.decision_create(
        actor=coord, meeting=meeting, text="Late", due_on=TODAY - datetime.timedelta(days=3)
    )
    steering_meeting = services.meeting_create(
        actor=coord, body=gov.extra["steering"], held_on=TODAY
    )
    services.decision_create(actor=coord, meeting=steering_meeting, text="Steering decision")

    client = login(gov.users["cda_a1"])
    page = client.get(f"/clusters/{gov.a1.pk}/open-decisions/")
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
    page = client.get(f"/projects/{gov.project_a.pk}/open-decisions/")
    assert [d.text for d in page.context["decisions"]] == ["Later", "Undated", "Steering decision"]
    # a stale status form changes nothing
    login(gov.users["cda_a1"])
    client.post(
        f"/meeting-decisions/{overdue.pk}/status/",
        {"status": "dropped", "updated_at": "2000-01-01T00:00:00+00:00"},
    )
    overdue.refresh_from_db()
    assert overdue.status == DecisionStatus.DONE


def test_commission_member_reads_but_does_not_record(gov, login):
    meeting = services.meeting_create(
        actor=gov.users["coord_a"], body=gov.extra["commission"], held_on=TODAY
    )
    decision = services.decision_create(actor=gov.users["coord_a"], meeting=meeting, text="Do")
    client = login(gov.users["comm_a1"])
    assert client.get(f"/clusters/{gov.a1.pk}/commission/").status_code == 200
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
    assert (
        client.post(f"/meeting-decisions/{decision.pk}/status/", {"status": "done"}).status_code
        == 403
    )


# --- Query counts and the cluster panel ---------------------------------------------------


def _meetings(gov, n):
    body, members = gov.extra["commission"], gov.extra["members"]
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
def test_page_query_counts_do_not_grow_with_meetings(gov, login, url):
    client = login(gov.users["coord_a"])
    _meetings(gov, 5)
    small = _count(client, url(gov))
    _meetings(gov, 45)
    assert _count(client, url(gov)) == small


def test_body_page_query_count_is_pinned(gov, login, django_assert_num_queries):
    client = login(gov.users["cda_a1"])
    _meetings(gov, 5)
    # session, user, cluster (authorized), Commission, can work, members, meetings
    with django_assert_num_queries(7):
        assert client.get(f"/clusters/{gov.a1.pk}/commission/").status_code == 200
    _meetings(gov, 45)
    with django_assert_num_queries(7):
        assert client.get(f"/clusters/{gov.a1.pk}/commission/").status_code == 200


def test_governance_health_panel(gov, login, django_assert_num_queries):
    body, members = gov.extra["commission"], gov.extra["members"]
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
    Meeting.objects.create(body=gov.extra["steering"], held_on=TODAY, other_women=9)
    # nor does a meeting dated in the future (stored before such dates were refused)
    future = Meeting.objects.create(
        body=body, held_on=TODAY + datetime.timedelta(days=3), other_women=5
    )
    Decision.objects.create(meeting=future, text="e", status="done")
    with django_assert_num_queries(3):
        health = selectors.governance_health(cluster=gov.a1)
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
    page = login(gov.users["comm_a1"]).get(f"/clusters/{gov.a1.pk}/")
    html = page.content.decode()
    assert 'id="governance"' in html and "67 %" in html and "50 %" in html
    assert "Decisions done (dropped ones not counted)" in html and "1 dropped" in html


# --- Hand-over -------------------------------------------------------------------------------


def test_hand_over_phases_the_cluster_out_and_ends_appointments(world, login):
    coord, cda = world.users["coord_a"], world.users["cda_a1"]
    appointment = services.cda_appointment_create(
        actor=coord, cluster=world.a1, kind=AppointmentKind.LEAD, user=cda
    )
    commission = services.commission_ensure(actor=coord, cluster=world.a1)
    client = login(coord)
    response = client.post(
        f"/clusters/{world.a1.pk}/hand-over/",
        {
            "recipient_name": "Chambre de commerce de Thiès",
            "recipient_kind": "local_institution",
            "handed_over_on": (TODAY - datetime.timedelta(days=10)).isoformat(),
            "cda_withdrawal_on": TODAY.isoformat(),
            "notes": "Facilitation passes to the Chamber",
        },
    )
    assert response.status_code == 302
    world.a1.refresh_from_db()
    assert world.a1.status == ClusterStatus.PHASED_OUT
    appointment.refresh_from_db()
    assert appointment.ends_on == TODAY
    assert appointment.role_assignment.ends_on == TODAY
    assert HandOver.objects.get().recorded_by == coord
    login(cda)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404
    # the Commission member may still read, not write (phased out)
    login(world.users["comm_a1"])
    assert client.get(f"/clusters/{world.a1.pk}/commission/").status_code == 200
    assert not can(world.users["comm_a1"], Action.WORK, commission)
    # a second hand-over is refused
    login(coord)
    assert client.get(f"/clusters/{world.a1.pk}/hand-over/").status_code == 200
    with pytest.raises(ValidationError):
        services.hand_over_record(
            actor=coord,
            cluster=world.a1,
            recipient_name="Other",
            recipient_kind="other",
            handed_over_on=TODAY,
            cda_withdrawal_on=TODAY,
        )


def test_hand_over_with_later_withdrawal_makes_the_cluster_read_only_for_its_cda(world, login):
    coord, cda = world.users["coord_a"], world.users["cda_a1"]
    services.cda_appointment_create(actor=coord, cluster=world.a1, kind="lead", user=cda)
    commission = services.commission_ensure(actor=coord, cluster=world.a1)
    services.hand_over_record(
        actor=coord,
        cluster=world.a1,
        recipient_name="CMO",
        recipient_kind="cmo",
        handed_over_on=TODAY,
        cda_withdrawal_on=TODAY + datetime.timedelta(days=30),
    )
    client = login(cda)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 200
    data = {"name": "New", "role": "member", "sex": "man"}
    assert client.post(f"/bodies/{commission.pk}/members/new/", data).status_code == 403


def test_hand_over_dates_are_checked(world, login):
    client = login(world.users["coord_a"])
    response = client.post(
        f"/clusters/{world.a1.pk}/hand-over/",
        {
            "recipient_name": "X",
            "recipient_kind": "other",
            "handed_over_on": "2026-02-01",
            "cda_withdrawal_on": "2026-01-01",
        },
    )
    assert "cda_withdrawal_on" in response.context["form"].errors
    world.a1.refresh_from_db()
    assert world.a1.status == ClusterStatus.SELECTED and not HandOver.objects.exists()


# --- API -------------------------------------------------------------------------------------


def test_api_meeting_bad_input_gives_field_errors(gov, client):
    client.force_login(gov.users["cda_a1"])
    body = gov.extra["commission"]
    response = client.post(
        "/api/meetings/",
        {"body": body.pk, "held_on": "2025-01-01", "other_women": -2},
        content_type="application/json",
    )
    assert response.status_code == 400 and "other_women" in response.json()
    response = client.post(
        "/api/meetings/",
        {"body": body.pk, "held_on": "2025-01-01", "members_present": [gov.extra["chair"].pk]},
        content_type="application/json",
    )
    # the Steering Committee's member is not even visible to the CDA
    assert response.status_code == 400 and "members_present" in response.json()
    client.force_login(gov.users["coord_a"])
    response = client.post(
        "/api/meetings/",
        {"body": body.pk, "held_on": "2025-01-01", "members_present": [gov.extra["chair"].pk]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "members_present" in response.json()
    response = client.post("/api/meetings/", {}, content_type="application/json")
    assert response.status_code == 400 and {"body", "held_on"} <= set(response.json())
    assert not Meeting.objects.exists()


def test_api_meeting_roundtrip_and_stale_update(gov, client):
    client.force_login(gov.users["cda_a1"])
    members = [m.pk for m in gov.extra["members"]]
    response = client.post(
        "/api/meetings/",
        {
            "body": gov.extra["commission"].pk,
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


def test_api_appointment_refused_for_unselected_cluster_and_end(world, client):
    client.force_login(world.users["coord_a"])
    candidate = ClusterFactory(project=world.project_a, name="Candidate", status="candidate")
    response = client.post(
        "/api/cda-appointments/",
        {"cluster": candidate.pk, "kind": "lead", "user": "cda_a2", "starts_on": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "selected" in str(response.json())
    newcomer = UserFactory(username="apicda")
    response = client.post(
        "/api/cda-appointments/",
        {"cluster": world.a2.pk, "kind": "team_member", "user": "apicda"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert can(newcomer, Action.WORK, world.a2)
    response = client.post(
        f"/api/cda-appointments/{response.json()['id']}/end/", {}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["active"] is False
    assert not can(newcomer, Action.VIEW, world.a2)


# --- Demo data ---------------------------------------------------------------------------------


def test_demo_is_idempotent_and_links_existing_roles(world):
    from governance.demo import LEATHER, extend_demo
    from governance.services import role_grant

    leather = ClusterFactory(project=world.project_a, name=LEATHER, status="selected")
    admin = world.users["admin"]
    users = {"admin": admin}
    for username, role, cluster in [
        ("coordinator", Role.COORDINATOR, None),
        ("steering", Role.STEERING, None),
        ("cda", Role.CDA, leather),
        ("cda2", Role.CDA, world.a2),
        ("commission", Role.COMMISSION, leather),
    ]:
        users[username] = UserFactory(username=username)
        role_grant(
            actor=admin, user=users[username], role=role, project=world.project_a, cluster=cluster
        )
    roles = RoleAssignment.objects.count()
    extend_demo(project=world.project_a, clusters={LEATHER: leather}, users=users)
    counts = [
        m.objects.count() for m in (CDAAppointment, Body, BodyMember, Meeting, Attendance, Decision)
    ]
    extend_demo(project=world.project_a, clusters={LEATHER: leather}, users=users)
    assert [
        m.objects.count() for m in (CDAAppointment, Body, BodyMember, Meeting, Attendance, Decision)
    ] == counts
    assert RoleAssignment.objects.count() == roles
    assert counts[0] == 2 and counts[3] == 1 and counts[5] == 3
    assert CDAAppointment.objects.get(user=users["cda"]).role_assignment.cluster == leather
    health = selectors.governance_health(cluster=leather)
    assert health["meetings"] == 1 and health["women_share"] is not None
