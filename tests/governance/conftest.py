"""Fixtures of the governance tests: a Commission and a Steering Committee with members."""

import pytest

from governance.bodies import services as body_services


@pytest.fixture
def bodies(world):
    """A1's Commission with three members (Awa, Ibou, Mariama), and project A's Steering
    Committee with none; in ``world.extra``: commission, steering, members."""
    coord = world.users["coord_a"]
    commission = body_services.commission_ensure(actor=coord, cluster=world.a1)
    steering = body_services.steering_committee_ensure(actor=coord, project=world.project_a)
    members = [
        body_services.body_member_create(actor=coord, body=commission, name=n, sex=s)
        for n, s in [("Awa", "woman"), ("Ibou", "man"), ("Mariama", "woman")]
    ]
    world.extra.update(commission=commission, steering=steering, members=members)
    return world


@pytest.fixture
def bodies_with_steering_member(bodies):
    """``bodies``, and Sy sitting on the Steering Committee (``world.extra["chair"]``)."""
    coord = bodies.users["coord_a"]
    steering = bodies.extra["steering"]
    chair = body_services.body_member_create(actor=coord, body=steering, name="Sy", sex="woman")
    bodies.extra.update(chair=chair)
    return bodies
