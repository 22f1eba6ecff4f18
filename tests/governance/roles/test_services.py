"""Granting and ending roles (services): access ends at once or on the end date, the
right target, the CDA role only on a selected cluster, audited grants."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from clusters import phases
from governance.access import Action, can
from governance.models import (
    ClusterUserObjectPermission,
    Role,
    RoleAssignment,
)
from governance.roles import services as role_services
from governance.roles.services import role_end, role_grant
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["candidate", "rejected"])
def test_role_grant_refuses_the_cda_role_on_a_cluster_that_is_not_selected(world, status):
    cluster = ClusterFactory(project=world.project_a, name="Not selected", status=status)
    with pytest.raises(ValidationError) as exc:
        role_services.role_grant(
            actor=world.users["coord_a"], user=UserFactory(), role=Role.CDA, cluster=cluster
        )
    assert "Only a selected cluster gets a CDA" in exc.value.message_dict["cluster"][0]
    assert not RoleAssignment.objects.filter(cluster=cluster).exists()
    assert not phases.has_active_cda(cluster)
    # the Commission role is not an appointment: it stays possible on a candidate
    role_services.role_grant(
        actor=world.users["coord_a"], user=UserFactory(), role=Role.COMMISSION, cluster=cluster
    )


def test_ending_a_role_removes_access_at_once(world, client):
    cda = world.users["cda_a1"]
    client.force_login(cda)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 200
    role_end(actor=world.users["coord_a"], assignment=cda.role_assignments.get())
    assert not can(cda, Action.VIEW, world.a1)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404
    assert client.get(f"/api/clusters/{world.a1.pk}/").status_code == 404
    assert not ClusterUserObjectPermission.objects.filter(user=cda).exists()


def test_an_end_date_takes_effect_on_its_day_without_the_nightly_sync(world, client, monkeypatch):
    cda, coord = world.users["cda_a1"], world.users["coord_a"]
    steer = world.users["steer_a"]
    today = timezone.localdate()
    for user in (cda, steer):
        user.role_assignments.update(ends_on=today + datetime.timedelta(days=1))
    assert can(cda, Action.WORK, world.a1) and can(steer, Action.REPORT, world.project_a)
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    # The guardian rows are still there (beat has not run) ...
    assert ClusterUserObjectPermission.objects.filter(user=cda).exists()
    # ... but the roles ended today: no access, on pages and in the API.
    assert not can(cda, Action.VIEW, world.a1)
    assert not can(steer, Action.VIEW, world.project_a)
    client.force_login(cda)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404
    assert client.get("/api/clusters/").json()["results"] == []
    # Other people's roles are untouched.
    assert can(coord, Action.MANAGE, world.project_a)


def test_role_needs_the_right_target(world):
    with pytest.raises(ValidationError):
        role_grant(
            actor=world.users["admin"], user=UserFactory(), role=Role.CDA, project=world.project_a
        )


def test_role_grant_is_audited(world):
    assignment = world.users["cda_a1"].role_assignments.get()
    entry = LogEntry.objects.get_for_object(assignment).get()
    assert entry.actor == world.users["admin"]
