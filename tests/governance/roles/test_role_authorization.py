"""Granting and ending a role is the most sensitive write: the service itself asks the
access policy (MANAGE on the project), whoever calls it, and always needs an actor."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from governance.models import Role, RoleAssignment
from governance.roles.services import role_end, role_grant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["steer_a", "cda_a1", "comm_a1"])
def test_role_grant_refuses_an_actor_without_manage_on_the_project(world, persona):
    newcomer = UserFactory()
    with pytest.raises(PermissionDenied):
        role_grant(
            actor=world.users[persona], user=newcomer, role=Role.STEERING, project=world.project_a
        )
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_role_grant_refuses_the_cluster_role_without_manage_too(world):
    newcomer = UserFactory()
    with pytest.raises(PermissionDenied):
        role_grant(
            actor=world.users["cda_a1"], user=newcomer, role=Role.COMMISSION, cluster=world.a1
        )
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_role_grant_on_another_project_answers_not_found(world):
    newcomer = UserFactory()
    with pytest.raises(Http404):
        role_grant(
            actor=world.users["coord_b"], user=newcomer, role=Role.STEERING, project=world.project_a
        )
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_role_grant_without_an_actor_is_refused(world):
    newcomer = UserFactory()
    with pytest.raises(PermissionDenied):
        role_grant(actor=None, user=newcomer, role=Role.STEERING, project=world.project_a)
    with pytest.raises(TypeError):
        role_grant(user=newcomer, role=Role.STEERING, project=world.project_a)  # type: ignore[call-arg]
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_the_coordinator_grants_a_role_on_their_project(world):
    newcomer = UserFactory()
    granted = role_grant(
        actor=world.users["coord_a"], user=newcomer, role=Role.STEERING, project=world.project_a
    )
    assert granted.created_by == world.users["coord_a"]
    assert RoleAssignment.objects.active().filter(user=newcomer).count() == 1


@pytest.mark.parametrize("persona", ["steer_a", "cda_a1", None])
def test_role_end_refuses_an_actor_without_manage(world, persona):
    assignment = world.users["comm_a1"].role_assignments.get()
    actor = world.users[persona] if persona else None
    with pytest.raises(PermissionDenied):
        role_end(actor=actor, assignment=assignment)
    assignment.refresh_from_db()
    assert assignment.ends_on is None


def test_role_end_on_another_project_answers_not_found(world):
    assignment = world.users["comm_a1"].role_assignments.get()
    with pytest.raises(Http404):
        role_end(actor=world.users["coord_b"], assignment=assignment)
    assignment.refresh_from_db()
    assert assignment.ends_on is None


def test_a_steering_member_posting_on_the_people_page_gets_403(world, login, client):
    login(world.users["steer_a"])
    response = client.post(
        f"/projects/{world.project_a.pk}/people/",
        {"username": "cda_a2", "role": "steering"},
    )
    assert response.status_code == 403
    assert not RoleAssignment.objects.filter(user=world.users["cda_a2"], role="steering").exists()
