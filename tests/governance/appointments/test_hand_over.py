"""Hand-over: the cluster is phased out, appointments end, dates are checked."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clusters.models import ClusterStatus
from governance.access import Action, can
from governance.appointments import services as appointment_services
from governance.bodies import services as body_services
from governance.models import (
    AppointmentKind,
    HandOver,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_hand_over_phases_the_cluster_out_and_ends_appointments(world, login):
    coord, cda = world.users["coord_a"], world.users["cda_a1"]
    appointment = appointment_services.cda_appointment_create(
        actor=coord, cluster=world.a1, kind=AppointmentKind.LEAD, user=cda
    )
    commission = body_services.commission_ensure(actor=coord, cluster=world.a1)
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
        appointment_services.hand_over_record(
            actor=coord,
            cluster=world.a1,
            recipient_name="Other",
            recipient_kind="other",
            handed_over_on=TODAY,
            cda_withdrawal_on=TODAY,
        )


def test_hand_over_with_later_withdrawal_makes_the_cluster_read_only_for_its_cda(world, login):
    coord, cda = world.users["coord_a"], world.users["cda_a1"]
    appointment_services.cda_appointment_create(
        actor=coord, cluster=world.a1, kind="lead", user=cda
    )
    commission = body_services.commission_ensure(actor=coord, cluster=world.a1)
    appointment_services.hand_over_record(
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
