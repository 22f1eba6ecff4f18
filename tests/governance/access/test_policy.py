"""The access policy: roles derive guardian permissions, visibility follows roles, 404
outside the scope and 403 without the role; future, phased-out and inactive cases."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from clusters.models import Cluster, Project
from governance.access import Action, authorize, can, can_project_wide, visible
from governance.models import (
    ClusterUserObjectPermission,
    ProjectUserObjectPermission,
    Role,
)
from governance.roles.services import role_dates_apply_system, role_grant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_roles_derive_guardian_permissions(world):
    cda = world.users["cda_a1"]
    codenames = set(
        ClusterUserObjectPermission.objects.filter(user=cda).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"view_cluster", "work_cluster"}
    coord = world.users["coord_a"]
    assert set(
        ProjectUserObjectPermission.objects.filter(
            user=coord, content_object=world.project_a
        ).values_list("permission__codename", flat=True)
    ) >= {"view_project", "manage_project", "report_project"}


def test_visibility_follows_roles(world):
    assert set(visible(world.users["cda_a1"], Cluster)) == {world.a1}
    assert set(visible(world.users["coord_a"], Cluster)) == {world.a1, world.a2}
    assert set(visible(world.users["coord_b"], Cluster)) == {world.b1}
    # a CDA reads its project's summary, not other projects
    assert set(visible(world.users["cda_a1"], Project)) == {world.project_a}
    assert set(visible(world.users["admin"], Cluster)) == {world.a1, world.a2, world.b1}


def test_authorize_answers_404_out_of_scope_and_403_without_role(world):
    with pytest.raises(Http404):
        authorize(world.users["cda_a2"], Action.VIEW, world.a1)
    with pytest.raises(PermissionDenied):
        authorize(world.users["comm_a1"], Action.WORK, world.a1)
    with pytest.raises(PermissionDenied):
        authorize(world.users["steer_a"], Action.MANAGE, world.project_a)
    assert authorize(world.users["cda_a1"], Action.WORK, world.a1) == world.a1


def test_future_role_grants_nothing_until_it_starts(world, monkeypatch):
    user = UserFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    role_grant(
        actor=world.users["admin"], user=user, role=Role.CDA, cluster=world.a2, starts_on=tomorrow
    )
    assert not can(user, Action.VIEW, world.a2)
    # Tomorrow it applies on its own: no nightly sync needed (make run has no beat).
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert can(user, Action.VIEW, world.a2)
    assert [c.pk for c in visible(user, Cluster)] == [world.a2.pk]
    # The nightly sync keeps it.
    role_dates_apply_system()
    assert can(user, Action.VIEW, world.a2)


def test_phased_out_cluster_is_read_only_for_its_cda(world):
    Cluster.objects.filter(pk=world.a1.pk).update(status="phased_out")
    cda = world.users["cda_a1"]
    assert can(cda, Action.VIEW, world.a1)
    assert not can(cda, Action.WORK, world.a1)
    assert can(world.users["coord_a"], Action.WORK, world.a1)


def test_inactive_user_sees_nothing(world):
    coord = world.users["coord_a"]
    coord.is_active = False
    coord.save()
    assert not visible(coord, Cluster).exists()


def test_project_wide_records_are_for_project_level_roles(world):
    # A cluster's CDA reads the project's summary but not its project-wide records.
    cda, steer, coord = world.users["cda_a1"], world.users["steer_a"], world.users["coord_a"]
    assert can(cda, Action.VIEW, world.project_a)
    assert not can_project_wide(cda, Action.VIEW, world.project_a)
    assert can_project_wide(steer, Action.VIEW, world.project_a)
    assert not can_project_wide(steer, Action.MANAGE, world.project_a)
    assert can_project_wide(coord, Action.MANAGE, world.project_a)
    assert not can_project_wide(coord, Action.VIEW, world.project_b)
    assert can_project_wide(world.users["admin"], Action.MANAGE, world.project_b)
