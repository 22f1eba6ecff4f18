"""Django admin for role assignments: the administrator assigns roles; an assignment
cannot be handed to another person."""

from __future__ import annotations

import pytest
from django.utils import timezone

from governance.access import Action, can
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_cannot_hand_an_assignment_to_another_person(world, client):
    commission = world.users["comm_a1"]
    assignment = commission.role_assignments.get()
    other = UserFactory(username="someone-else")
    client.force_login(world.users["admin"])
    response = client.post(
        f"/admin/governance/roleassignment/{assignment.pk}/change/",
        {
            "user": other.pk,
            "role": assignment.role,
            "project": assignment.project_id or "",
            "cluster": world.a2.pk,  # nor move it to another cluster
            "starts_on": assignment.starts_on.isoformat(),
            "ends_on": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assignment.refresh_from_db()
    assert (assignment.user, assignment.cluster) == (commission, world.a1)
    assert can(commission, Action.VIEW, world.a1)
    assert not can(other, Action.VIEW, world.a1)


def test_administrator_assigns_a_role_in_django_admin(world, client):
    newcomer = UserFactory(username="fieldagent")
    client.force_login(world.users["admin"])
    response = client.post(
        "/admin/governance/roleassignment/add/",
        {
            "user": newcomer.pk,
            "role": "cda",
            "project": world.project_a.pk,
            "cluster": world.a2.pk,
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert can(newcomer, Action.WORK, world.a2)
    assignment = newcomer.role_assignments.get()
    # ending it in the admin removes access at once
    client.post(
        "/admin/governance/roleassignment/",
        {"action": "end_now", "_selected_action": [assignment.pk]},
    )
    assert not can(newcomer, Action.VIEW, world.a2)
