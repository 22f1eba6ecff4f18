"""The named rules of the access policy: creating a project, and a body that is not
saved yet (404 outside the scope, 403 in scope without the role)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from governance.access import Action, authorize_body, may_act_on_body, may_create_project
from governance.bodies import selectors as body_selectors

pytestmark = pytest.mark.django_db


def test_only_an_administrator_may_create_a_project(world):
    assert may_create_project(world.users["admin"])
    for persona in ("coord_a", "steer_a", "cda_a1", "comm_a1", "coord_b"):
        assert not may_create_project(world.users[persona]), persona


def test_nobody_anonymous_or_inactive_creates_a_project(world):
    from django.contrib.auth.models import AnonymousUser

    assert not may_create_project(AnonymousUser())
    admin = world.users["admin"]
    admin.is_active = False
    assert not may_create_project(admin)


def test_an_unsaved_commission_follows_its_cluster(world):
    commission = body_selectors.commission_of(cluster=world.a1)
    assert commission.pk is None
    assert may_act_on_body(world.users["cda_a1"], Action.WORK, commission)
    assert not may_act_on_body(world.users["cda_a2"], Action.VIEW, commission)
    assert authorize_body(world.users["comm_a1"], Action.VIEW, commission) is commission
    with pytest.raises(PermissionDenied):
        authorize_body(world.users["comm_a1"], Action.WORK, commission)
    with pytest.raises(Http404):
        authorize_body(world.users["coord_b"], Action.VIEW, commission)


def test_an_unsaved_steering_committee_is_project_wide(world):
    steering = body_selectors.steering_committee_of(project=world.project_a)
    assert steering.pk is None
    assert may_act_on_body(world.users["coord_a"], Action.WORK, steering)
    # A cluster's CDA reads the project's summary, not its Steering Committee.
    with pytest.raises(Http404):
        authorize_body(world.users["cda_a1"], Action.VIEW, steering)
    with pytest.raises(PermissionDenied):
        authorize_body(world.users["steer_a"], Action.WORK, steering)
