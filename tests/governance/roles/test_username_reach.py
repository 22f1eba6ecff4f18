"""Granting a role or appointing a CDA cannot tell whether a person of another project
exists: on the pages a person is chosen by account id from a search, and an id outside
the coordinator's reach answers exactly as an unknown one; in the API a username outside
it answers as an unknown username. The access policy decides who is within reach
(people of the coordinator's projects, and accounts with no role yet)."""

from __future__ import annotations

import pytest

from governance.access import Action, visible
from governance.models import CDAAppointment, RoleAssignment, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UNKNOWN = "nobody-here"
UNKNOWN_ID = 987654


def _people_post(client, world, user_id):
    return client.post(
        f"/projects/{world.project_a.pk}/people/",
        {"user": user_id, "role": "commission", "cluster": world.a1.pk},
    )


def _appoint_post(client, world, user_id):
    return client.post(
        f"/clusters/{world.a1.pk}/appointments/",
        {"kind": "team_member", "user": user_id, "starts_on": "2026-01-01"},
    )


@pytest.mark.parametrize("post", [_people_post, _appoint_post], ids=["people", "appointments"])
def test_another_projects_user_answers_like_an_unknown_id_on_the_pages(post, world, login):
    client = login(world.users["coord_a"])
    before = (RoleAssignment.objects.count(), CDAAppointment.objects.count())
    unknown = post(client, world, UNKNOWN_ID)
    elsewhere = post(client, world, world.users["cda_b1"].pk)
    assert unknown.status_code == elsewhere.status_code == 200
    assert unknown.context["form"].errors == elsewhere.context["form"].errors
    assert elsewhere.context["form"].errors["user"] == ["Choose a person from the search results."]
    assert (RoleAssignment.objects.count(), CDAAppointment.objects.count()) == before


def test_another_projects_user_answers_like_an_unknown_username_in_the_api(world, login):
    client = login(world.users["coord_a"])

    def appoint(username):
        return client.post(
            "/api/cda-appointments/",
            {"cluster": world.a1.pk, "kind": "team_member", "user": username},
            content_type="application/json",
        )

    unknown, elsewhere = appoint(UNKNOWN), appoint("steer_b")
    assert unknown.status_code == elsewhere.status_code == 400
    assert unknown.content == elsewhere.content
    assert elsewhere.json() == {"user": ["No active user has this username."]}
    assert not CDAAppointment.objects.exists()


def test_people_of_the_project_and_new_accounts_are_within_reach(world, login):
    client = login(world.users["coord_a"])
    assert _people_post(client, world, world.users["cda_a2"].pk).status_code == 302
    newcomer = UserFactory(username="newcomer")  # created by an administrator, no role yet
    assert _appoint_post(client, world, newcomer.pk).status_code == 302
    assert CDAAppointment.objects.filter(user=newcomer, cluster=world.a1).exists()


def test_a_non_coordinator_cannot_probe_usernames_through_the_api(world, login):
    """Someone who may see the cluster but not appoint gets 403 whatever the username."""
    client = login(world.users["cda_a1"])
    for username in (UNKNOWN, "coord_b", "cda_a2"):
        response = client.post(
            "/api/cda-appointments/",
            {"cluster": world.a1.pk, "kind": "team_member", "user": username},
            content_type="application/json",
        )
        assert response.status_code == 403, username


def test_the_policy_decides_which_people_a_user_sees_and_reaches(world):
    users = world.users
    names = lambda qs: set(qs.values_list("username", flat=True))  # noqa: E731
    project_a_people = {"coord_a", "steer_a", "cda_a1", "cda_a2", "comm_a1"}
    project_b_people = {"coord_b", "steer_b", "cda_b1", "comm_b1"}
    newcomer = UserFactory(username="newcomer")
    assert names(visible(users["steer_a"], User)) == project_a_people
    assert names(visible(users["comm_b1"], User)) == project_b_people
    assert names(visible(users["coord_a"], User, Action.MANAGE)) == project_a_people | {
        newcomer.username
    }
    # Without a project to manage, nobody is within reach.
    assert not visible(users["steer_a"], User, Action.MANAGE).exists()
    assert visible(users["admin"], User).count() == User.objects.count()
    assert not visible(None, User).exists()
