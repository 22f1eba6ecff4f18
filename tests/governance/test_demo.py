"""Governance demo data: idempotent, linking the roles it finds."""

from __future__ import annotations

import pytest

from governance.bodies import selectors as body_selectors
from governance.models import (
    Attendance,
    Body,
    BodyMember,
    CDAAppointment,
    Decision,
    Meeting,
    Role,
    RoleAssignment,
)
from governance.roles.services import role_grant
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_links_existing_roles(world):
    from governance.demo import LEATHER, extend_demo

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
    health = body_selectors.governance_health(cluster=leather)
    assert health["meetings"] == 1 and health["women_share"] is not None
