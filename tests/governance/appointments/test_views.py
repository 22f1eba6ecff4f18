"""CDA appointment pages: appointing grants the CDA role, ending it (or the role on the
People page) ends both; errors next to fields."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from governance.appointments import services as appointment_services
from governance.models import (
    AppointmentKind,
    CDAAppointment,
    Role,
    RoleAssignment,
)
from tests.conftest import pdf
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_appointment_grants_the_cda_role_and_ending_it_removes_access(world, login):
    coord = world.users["coord_a"]
    newcomer = UserFactory(username="newcda")
    client = login(newcomer)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404

    login(coord)
    response = client.post(
        f"/clusters/{world.a1.pk}/appointments/",
        {
            "kind": "lead",
            "user": newcomer.pk,
            "starts_on": TODAY.isoformat(),
            "terms_of_reference": "Facilitate the Commission",
            "terms_file": pdf("tor.pdf"),
        },
    )
    assert response.status_code == 302
    appointment = CDAAppointment.objects.get(user=newcomer)
    assert appointment.role_assignment.role == Role.CDA
    assert appointment.role_assignment.cluster == world.a1
    assert appointment.terms_file

    login(newcomer)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 200
    assert client.get(f"/appointments/{appointment.pk}/terms/").status_code == 200

    login(coord)
    assert client.post(f"/appointments/{appointment.pk}/end/").status_code == 302
    appointment.refresh_from_db()
    assert appointment.ends_on == TODAY
    assert appointment.role_assignment.ends_on == TODAY

    login(newcomer)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404


def test_appointment_to_a_cluster_that_is_not_selected_is_refused(world, login):
    candidate = ClusterFactory(project=world.project_a, name="Candidate", status="candidate")
    client = login(world.users["coord_a"])
    response = client.post(
        f"/clusters/{candidate.pk}/appointments/",
        {"kind": "lead", "user": world.users["cda_a2"].pk, "starts_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert "Only a selected cluster gets a CDA" in response.content.decode()
    assert not CDAAppointment.objects.exists()
    assert not RoleAssignment.objects.filter(cluster=candidate).exists()


def test_appointment_form_shows_errors_next_to_fields(world, login):
    client = login(world.users["coord_a"])
    response = client.post(f"/clusters/{world.a1.pk}/appointments/", {"kind": "lead"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "user" in errors and "starts_on" in errors
    response = client.post(
        f"/clusters/{world.a1.pk}/appointments/",
        {
            "kind": "cmo",
            "organisation_name": "CMO",
            "starts_on": "2026-01-01",
            "terms_file": SimpleUploadedFile("tor.exe", b"MZ"),
        },
    )
    assert "terms_file" in response.context["form"].errors
    assert not CDAAppointment.objects.exists()


def test_ending_a_cda_role_on_the_people_page_ends_its_appointment(world, client):
    coord, cda = world.users["coord_a"], UserFactory(username="newcda", first_name="Fatou")
    appointment = appointment_services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.LEAD, user=cda
    )
    client.force_login(coord)
    assert "Fatou" in client.get(f"/clusters/{world.a2.pk}/").content.decode()
    response = client.post(
        f"/projects/{world.project_a.pk}/people/{appointment.role_assignment_id}/end/",
        follow=True,
    )
    assert "the CDA appointment ended" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.ends_on == TODAY and not appointment.is_active()
    assert appointment.role_assignment.ends_on == TODAY
    # the API, the cluster page and the appointments page agree
    api = client.get(f"/api/cda-appointments/{appointment.pk}/").json()
    assert api["active"] is False and api["ends_on"] == TODAY.isoformat()
    panel = client.get(f"/clusters/{world.a2.pk}/").content.decode()
    assert "Fatou" not in panel.split('id="governance"')[1].split("</section>")[0]
    # the appointment's end is audited with the coordinator as actor
    entry = LogEntry.objects.get_for_object(appointment).order_by("-pk").first()
    assert entry.actor == coord and "ends_on" in entry.changes_dict
    # and re-appointing the same person works, with a new CDA role
    again = appointment_services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.LEAD, user=cda
    )
    assert again.is_active() and again.role_assignment_id != appointment.role_assignment_id
    assert again.role_assignment.is_active()


def test_ending_an_appointment_ends_its_role_on_the_people_page(world, client):
    coord, cda = world.users["coord_a"], UserFactory(username="newcda")
    appointment = appointment_services.cda_appointment_create(
        actor=coord, cluster=world.a2, kind=AppointmentKind.TEAM_MEMBER, user=cda
    )
    client.force_login(coord)
    people = client.get(f"/projects/{world.project_a.pk}/people/").content.decode()
    assert "by appointment: ending it ends the appointment" in people
    assert client.post(f"/appointments/{appointment.pk}/end/").status_code == 302
    role = RoleAssignment.objects.get(pk=appointment.role_assignment_id)
    assert role.ends_on == TODAY and not role.is_active()
    assert not RoleAssignment.objects.active().filter(user=cda).exists()
