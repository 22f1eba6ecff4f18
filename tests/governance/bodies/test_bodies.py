"""The Commission and the Steering Committee and their members: one of each, who sees
and edits them, created by their first member or meeting (reading creates none),
member accounts limited to people of the project."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from governance.access import Action, can, visible
from governance.appointments import services as appointment_services
from governance.bodies import services as body_services
from governance.models import (
    AppointmentKind,
    Body,
    BodyKind,
    BodyMember,
)
from governance.roles import services as role_services

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_one_commission_per_cluster_and_one_steering_committee_per_project(
    bodies_with_steering_member,
):
    assert (
        body_services.commission_ensure(
            actor=bodies_with_steering_member.users["cda_a1"],
            cluster=bodies_with_steering_member.a1,
        )
        == bodies_with_steering_member.extra["commission"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(
            kind=BodyKind.COMMISSION,
            project=bodies_with_steering_member.project_a,
            cluster=bodies_with_steering_member.a1,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=BodyKind.STEERING, project=bodies_with_steering_member.project_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(
            kind=BodyKind.STEERING,
            project=bodies_with_steering_member.project_a,
            cluster=bodies_with_steering_member.a2,
        )


def test_commission_rows_follow_the_cluster_and_steering_rows_are_project_wide(
    bodies_with_steering_member,
):
    cda, steer = (
        bodies_with_steering_member.users["cda_a1"],
        bodies_with_steering_member.users["steer_a"],
    )
    commission, steering = (
        bodies_with_steering_member.extra["commission"],
        bodies_with_steering_member.extra["steering"],
    )
    assert can(cda, Action.WORK, commission)
    assert not can(cda, Action.VIEW, steering)
    assert not can(bodies_with_steering_member.users["cda_a2"], Action.VIEW, commission)
    assert can(steer, Action.VIEW, steering) and not can(steer, Action.WORK, steering)
    assert can(bodies_with_steering_member.users["coord_a"], Action.WORK, steering)
    assert set(visible(bodies_with_steering_member.users["comm_a1"], BodyMember)) == set(
        bodies_with_steering_member.extra["members"]
    )


def test_cda_manages_its_commission_members_not_the_steering_committee(
    bodies_with_steering_member, login
):
    client = login(bodies_with_steering_member.users["cda_a1"])
    data = {"name": "Cheikh", "represents": "Chamber", "role": "member", "sex": "man"}
    url = f"/bodies/{bodies_with_steering_member.extra['commission'].pk}/members/new/"
    assert client.post(url, data).status_code == 302
    assert bodies_with_steering_member.extra["commission"].members.filter(name="Cheikh").exists()
    assert (
        client.post(
            f"/bodies/{bodies_with_steering_member.extra['steering'].pk}/members/new/", data
        ).status_code
        == 404
    )
    response = client.post(url, {"name": " ", "sex": ""})
    assert response.status_code == 200
    assert {"name", "sex"} <= set(response.context["form"].errors)


def test_member_edit_refuses_a_stale_edit(bodies_with_steering_member, login):
    member = bodies_with_steering_member.extra["members"][0]
    client = login(bodies_with_steering_member.users["cda_a1"])
    page = client.get(f"/members/{member.pk}/edit/")
    stamp = page.context["form"].initial["updated_at"]
    body_services.body_member_update(
        actor=bodies_with_steering_member.users["coord_a"], member=member, represents="Changed"
    )
    response = client.post(
        f"/members/{member.pk}/edit/",
        {"name": "Awa B.", "role": "chair", "sex": "woman", "updated_at": stamp},
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    member.refresh_from_db()
    assert member.name == "Awa" and member.represents == "Changed"


NOT_IN_PROJECT = "No user with that name in this project."


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
    appointment_services.cda_appointment_create(
        actor=world.users["coord_a"],
        cluster=world.a1,
        kind=AppointmentKind.LEAD,
        user=world.users["cda_a1"],
    )
    appointment_services.hand_over_record(
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


def test_member_account_is_limited_to_people_of_the_project(bodies, login):
    body = bodies.extra["commission"]
    client = login(bodies.users["cda_a1"])
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
    assert BodyMember.objects.get(name="cda_a2").user == bodies.users["cda_a2"]
    assert BodyMember.objects.get(name="STEER_A").user == bodies.users["steer_a"]
    with pytest.raises(ValidationError) as exc:
        body_services.body_member_create(
            actor=bodies.users["coord_a"],
            body=body,
            name="Y",
            sex="man",
            user=bodies.users["coord_b"],
        )
    assert exc.value.message_dict == {"user": [NOT_IN_PROJECT]}
    member = bodies.extra["members"][0]
    with pytest.raises(ValidationError):
        body_services.body_member_update(
            actor=bodies.users["coord_a"], member=member, user=bodies.users["admin"]
        )


def test_member_account_link_kept_when_the_role_ends(bodies, login):
    """An unchanged link stays on an edit even after the person's role has ended."""
    member = body_services.body_member_create(
        actor=bodies.users["coord_a"],
        body=bodies.extra["commission"],
        name="Comm",
        sex="woman",
        user=bodies.users["comm_a1"],
    )
    role_services.role_end(
        actor=bodies.users["coord_a"], assignment=bodies.users["comm_a1"].role_assignments.get()
    )
    client = login(bodies.users["cda_a1"])
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
    assert member.name == "Comm B." and member.user == bodies.users["comm_a1"]
