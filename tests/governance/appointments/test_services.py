"""CDA appointments (services): linked to the CDA role, ended with it, refused on a
cluster that is not selected (as stored) with the true reason."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.appointments import services as appointment_services
from governance.models import (
    AppointmentKind,
    CDAAppointment,
    Role,
    RoleAssignment,
)
from governance.roles import services as role_services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_appointment_links_an_existing_cda_role_instead_of_duplicating_it(world):
    cda = world.users["cda_a1"]
    before = RoleAssignment.objects.filter(user=cda).count()
    appointment = appointment_services.cda_appointment_create(
        actor=world.users["coord_a"], cluster=world.a1, kind=AppointmentKind.LEAD, user=cda
    )
    assert RoleAssignment.objects.filter(user=cda).count() == before
    assert appointment.role_assignment == cda.role_assignments.get()
    with pytest.raises(ValidationError) as exc:
        appointment_services.cda_appointment_create(
            actor=world.users["coord_a"], cluster=world.a1, kind=AppointmentKind.LEAD, user=cda
        )
    assert "user" in exc.value.message_dict


def test_cmo_appointment_needs_an_organisation_and_only_the_coordinator_appoints(world):
    with pytest.raises(ValidationError) as exc:
        appointment_services.cda_appointment_create(
            actor=world.users["coord_a"], cluster=world.a1, kind=AppointmentKind.CMO
        )
    assert "organisation_name" in exc.value.message_dict
    cmo = appointment_services.cda_appointment_create(
        actor=world.users["coord_a"],
        cluster=world.a1,
        kind=AppointmentKind.CMO,
        organisation_name="Thiès Leather CMO",
    )
    assert cmo.role_assignment is None
    with pytest.raises(PermissionDenied):
        appointment_services.cda_appointment_create(
            actor=world.users["cda_a1"],
            cluster=world.a1,
            kind=AppointmentKind.CMO,
            organisation_name="x",
        )


def _hand_over(world, cluster):
    appointment_services.hand_over_record(
        actor=world.users["coord_a"],
        cluster=cluster,
        recipient_name="Chambre de commerce",
        recipient_kind="local_institution",
        handed_over_on=TODAY,
        cda_withdrawal_on=TODAY,
    )
    cluster.refresh_from_db()


def test_a_role_ended_later_ends_its_appointment_that_day_not_before(world):
    coord, cda = world.users["coord_a"], UserFactory()
    appointment = appointment_services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.LEAD, user=cda
    )
    later = TODAY + datetime.timedelta(days=20)
    role_services.role_end(actor=coord, assignment=appointment.role_assignment, ends_on=later)
    appointment.refresh_from_db()
    assert appointment.ends_on == later and appointment.is_active()


def test_a_failed_role_end_leaves_the_appointment_alone(world, monkeypatch):
    coord, cda = world.users["coord_a"], UserFactory()
    appointment = appointment_services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.LEAD, user=cda
    )

    def boom(**kwargs):
        raise RuntimeError("permission sync failed")

    monkeypatch.setattr(role_services, "role_permissions_sync", boom)
    with pytest.raises(RuntimeError):
        role_services.role_end(actor=coord, assignment=appointment.role_assignment)
    appointment.refresh_from_db()
    assert appointment.ends_on is None
    assert RoleAssignment.objects.get(pk=appointment.role_assignment_id).ends_on is None


def test_appointment_checks_the_clusters_status_as_stored_not_as_passed_in(world):
    # The page loaded the cluster while it was selected; a decision rejected it
    # before the form was sent. The appointment must go by the stored status.
    stale = type(world.a2).objects.get(pk=world.a2.pk)
    type(world.a2).objects.filter(pk=world.a2.pk).update(status="rejected")
    newcomer = UserFactory()
    with pytest.raises(ValidationError, match="not selected"):
        appointment_services.cda_appointment_create(
            actor=world.users["coord_a"],
            cluster=stale,
            kind=AppointmentKind.TEAM_MEMBER,
            user=newcomer,
        )
    assert not CDAAppointment.objects.filter(user=newcomer).exists()


def test_appointing_to_a_phased_out_cluster_gives_the_true_reason(world, client):
    _hand_over(world, world.a2)
    with pytest.raises(ValidationError) as exc:
        appointment_services.cda_appointment_create(
            actor=world.users["coord_a"],
            cluster=world.a2,
            kind=AppointmentKind.LEAD,
            user=UserFactory(),
        )
    message = " ".join(exc.value.messages)
    assert "handed over to Chambre de commerce" in message and "phased out" in message
    assert "selection decision" not in message
    client.force_login(world.users["coord_a"])
    response = client.post(
        f"/clusters/{world.a2.pk}/appointments/",
        {"kind": "lead", "user": world.users["cda_a1"].pk, "starts_on": TODAY.isoformat()},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "was handed over to Chambre de commerce" in html
    assert "Record the selection decision first" not in html
    with pytest.raises(ValidationError) as exc:
        role_services.role_grant(
            actor=world.users["coord_a"], user=UserFactory(), role=Role.CDA, cluster=world.a2
        )
    assert "phased out" in exc.value.message_dict["cluster"][0]
