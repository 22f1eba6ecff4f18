"""A project cannot lose its last active coordinator, and ending a role or an
appointment asks for confirmation first (GET shows what ends, POST ends it)."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from governance.access import Action, can
from governance.models import AppointmentKind, CDAAppointment, Role, RoleAssignment
from governance.roles import services as role_services
from tests.conftest import build_world, require
from tests.factories import UserFactory

LAST_COORDINATOR = (
    "A project needs at least one active coordinator; appoint another coordinator "
    "before ending this role."
)


def _end_url(world, persona_or_assignment):
    assignment = (
        persona_or_assignment
        if isinstance(persona_or_assignment, RoleAssignment)
        else world.users[persona_or_assignment].role_assignments.get()
    )
    return f"/projects/{assignment.project_id}/people/{assignment.pk}/end/"


def _second_coordinator(world):
    other = UserFactory(username="coord_a2")
    role_services.role_grant(
        actor=world.users["admin"], user=other, role=Role.COORDINATOR, project=world.project_a
    )
    return other


@pytest.mark.django_db
def test_the_last_coordinator_cannot_end_their_own_role_on_the_people_page(world, login):
    client = login(world.users["coord_a"])
    response = client.post(_end_url(world, "coord_a"))
    assert response.status_code == 200
    assert LAST_COORDINATOR in response.content.decode()
    assert world.users["coord_a"].role_assignments.get().ends_on is None
    assert can(world.users["coord_a"], Action.MANAGE, world.project_a)
    # The People page still opens for them.
    assert client.get(f"/projects/{world.project_a.pk}/people/").status_code == 200


@pytest.mark.django_db
def test_the_confirmation_page_explains_the_refusal_and_offers_no_button(world, login):
    client = login(world.users["admin"])
    response = client.get(_end_url(world, "coord_a"))
    page = response.content.decode()
    assert response.status_code == 200
    assert LAST_COORDINATOR in page
    confirmation = page.split('id="end-confirmation"')[1].split("</article>")[0]
    assert 'method="post"' not in confirmation
    # An administrator is refused too (Django admin is the way to close a project).
    assert client.post(_end_url(world, "coord_a")).status_code == 200
    assert world.users["coord_a"].role_assignments.get().ends_on is None


@pytest.mark.django_db
def test_the_service_refuses_to_end_the_last_coordinator_whoever_asks(world):
    """The API and any other caller go through role_end, which keeps the rule."""
    assignment = world.users["coord_b"].role_assignments.get()
    with pytest.raises(ValidationError) as refused:
        role_services.role_end(actor=world.users["admin"], assignment=assignment)
    assert refused.value.messages == [LAST_COORDINATOR]
    assignment.refresh_from_db()
    assert assignment.ends_on is None
    assert can(world.users["coord_b"], Action.MANAGE, world.project_b)


@pytest.mark.django_db
def test_with_two_coordinators_one_can_end_the_other(world, login):
    other = _second_coordinator(world)
    client = login(world.users["coord_a"])
    url = _end_url(world, other.role_assignments.get())
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "coord_a2" in confirm.content.decode()
    assert other.role_assignments.get().ends_on is None  # nothing ended yet
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{world.project_a.pk}/people/"
    assert other.role_assignments.get().ends_on == timezone.localdate()
    assert not can(other, Action.MANAGE, world.project_a)
    # Now coord_a is the last one again.
    assert client.post(_end_url(world, "coord_a")).status_code == 200
    assert world.users["coord_a"].role_assignments.get().ends_on is None


@pytest.mark.django_db
def test_ending_ones_own_role_beside_another_coordinator_lands_on_the_home_page(world, login):
    _second_coordinator(world)
    client = login(world.users["coord_a"])
    confirm = client.get(_end_url(world, "coord_a"))
    assert "This is your own role" in confirm.content.decode()
    response = client.post(_end_url(world, "coord_a"), follow=True)
    assert response.status_code == 200  # not a 404 on the People page they lost
    assert response.redirect_chain[-1][0] == "/"
    assert not can(world.users["coord_a"], Action.MANAGE, world.project_a)


@pytest.mark.django_db
def test_end_now_on_the_people_page_leads_to_a_confirmation_page(world, login):
    client = login(world.users["coord_a"])
    people = client.get(f"/projects/{world.project_a.pk}/people/").content.decode()
    url = _end_url(world, "cda_a2")
    # A link to the confirmation page, not a form that ends the role at once.
    assert f'<a href="{url}" role="button"' in people
    assert f'action="{url}"' not in people
    confirm = client.get(url)
    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "cda_a2" in page and "Cluster A2" in page
    assert world.users["cda_a2"].role_assignments.get().ends_on is None
    assert client.post(url).status_code == 302
    assert world.users["cda_a2"].role_assignments.get().ends_on == timezone.localdate()


@pytest.mark.django_db
def test_ending_an_appointment_asks_for_confirmation(world, login):
    cda = world.users["cda_a1"]
    appointment = CDAAppointment.objects.create(
        cluster=world.a1,
        kind=AppointmentKind.LEAD,
        user=cda,
        role_assignment=cda.role_assignments.get(),
    )
    client = login(world.users["coord_a"])
    listing = client.get(f"/clusters/{world.a1.pk}/appointments/").content.decode()
    url = f"/appointments/{appointment.pk}/end/"
    assert f'<a href="{url}" role="button"' in listing
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "cda_a1" in confirm.content.decode()
    appointment.refresh_from_db()
    assert appointment.ends_on is None
    assert can(cda, Action.WORK, world.a1)
    response = client.post(url)
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.ends_on == timezone.localdate()
    assert not can(cda, Action.WORK, world.a1)


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_ending_each_other_at_once_cannot_both_pass(monkeypatch):
    """The rule is checked under a lock on the project row: the second end waits for
    the first, then sees that only one coordinator is left."""
    require(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "row locks (select_for_update) need PostgreSQL; set DATABASE_URL",
    )
    world = build_world()
    other = _second_coordinator(world)
    mine = world.users["coord_a"].role_assignments.get()
    theirs = other.role_assignments.get()
    check = role_services.last_coordinator_refusal

    def slow_check(**kwargs):
        result = check(**kwargs)
        time.sleep(0.5)  # both would decide "another coordinator is left" without the lock
        return result

    monkeypatch.setattr(role_services, "last_coordinator_refusal", slow_check)
    outcomes: list[str] = []

    def end(actor, assignment):
        try:
            role_services.role_end(actor=actor, assignment=assignment)
            outcomes.append("ended")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=end, args=(world.users["coord_a"], theirs)),
        threading.Thread(target=end, args=(other, mine)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ended", "refused"]
    active = RoleAssignment.objects.active().filter(project=world.project_a, role=Role.COORDINATOR)
    assert active.count() == 1
