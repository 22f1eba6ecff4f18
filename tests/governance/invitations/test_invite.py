"""A coordinator invites a person by name and e-mail with a role: the account and the
role are made at once and an e-mail with a link to choose a password leaves on commit."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core import mail

from governance.access import Action, can
from governance.models import CDAAppointment, Invitation, Role, RoleAssignment, User
from tests.factories import ClusterFactory, UserFactory

from .helpers import INVITEE, invite, link_in

pytestmark = pytest.mark.django_db


def test_the_coordinator_invites_a_new_person(world, login, django_capture_on_commit_callbacks):
    client = login(world.users["coord_a"])
    people = client.get(f"/projects/{world.project_a.pk}/people/").content.decode()
    assert f"/projects/{world.project_a.pk}/people/invite/" in people  # "Invite a person"
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, world.project_a)
    assert response.status_code == 302
    user = User.objects.get(email="fatou.diop@example.org")
    assert (user.first_name, user.last_name, user.username) == ("Fatou", "Diop", "fatou.diop")
    assert not user.has_usable_password()
    assert RoleAssignment.objects.active().get(user=user).role == Role.STEERING
    assert can(user, Action.REPORT, world.project_a)
    [message] = mail.outbox
    assert message.to == ["fatou.diop@example.org"]
    assert "Steering Committee member" in message.body and "fatou.diop" in message.body
    page = client.get(f"/projects/{world.project_a.pk}/people/").content.decode()
    assert "Invitation sent to fatou.diop@example.org" in page
    assert "Invitations waiting for a password" in page
    assert client.get(link_in(message)).status_code == 200
    # Audited, with the coordinator as actor.
    invitation = Invitation.objects.get(user=user)
    assert LogEntry.objects.get_for_object(invitation).get().actor == world.users["coord_a"]
    assert LogEntry.objects.get_for_object(user).get().actor == world.users["coord_a"]


def test_a_cda_is_invited_through_an_appointment_to_a_selected_cluster(world, login):
    client = login(world.users["coord_a"])
    response = invite(client, world.project_a, invited_as="cda_team_member", cluster=world.a2.pk)
    assert response.status_code == 302
    appointment = CDAAppointment.objects.get(user__email=INVITEE["email"])
    assert appointment.kind == "team_member" and appointment.cluster == world.a2
    assert appointment.role_assignment.role == Role.CDA
    candidate = ClusterFactory(project=world.project_a, status="candidate")
    refused = invite(
        client,
        world.project_a,
        email="other@example.org",
        invited_as="cda_lead",
        cluster=candidate.pk,
    )
    assert refused.status_code == 200
    assert "Only a selected cluster gets a CDA" in str(refused.context["form"].errors["cluster"])
    assert not User.objects.filter(email="other@example.org").exists()  # nothing half-saved


def test_bad_input_is_shown_next_to_the_fields_and_nothing_is_saved(world, login):
    client = login(world.users["coord_a"])
    users, mails = User.objects.count(), len(mail.outbox)
    response = invite(client, world.project_a, email="not-an-address", invited_as="commission")
    errors = response.context["form"].errors
    assert response.status_code == 200 and {"email", "cluster"} <= set(errors)
    other_project = invite(client, world.project_a, invited_as="commission", cluster=world.b1.pk)
    assert "cluster" in other_project.context["form"].errors
    assert (User.objects.count(), len(mail.outbox)) == (users, mails)


def test_an_existing_account_with_that_e_mail_is_reused(
    world, login, django_capture_on_commit_callbacks
):
    known = UserFactory(username="fdiop", email="Fatou.Diop@example.org")
    client = login(world.users["coord_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, world.project_a, follow=True)
    assert response.status_code == 200
    assert User.objects.filter(email__iexact=INVITEE["email"]).count() == 1
    assert RoleAssignment.objects.active().get(user=known).role == Role.STEERING
    assert "already had an account" in response.content.decode()
    [message] = mail.outbox  # told of the role; the password stays as it was
    assert "/invitations/" not in message.body and "/accounts/login/" in message.body
    known.refresh_from_db()
    assert known.check_password("test-pass-123")
    again = invite(client, world.project_a)
    assert "This person already holds this role." in again.context["form"].errors["email"]


@pytest.mark.parametrize("persona", ["steer_a", "cda_a1", "comm_a1"])
def test_only_the_coordinator_invites(world, login, persona):
    client = login(world.users[persona])
    assert client.get(f"/projects/{world.project_a.pk}/people/invite/").status_code == 403
    assert invite(client, world.project_a).status_code == 403
    assert not User.objects.filter(email=INVITEE["email"]).exists()


def test_another_projects_coordinator_gets_404(world, login):
    client = login(world.users["coord_b"])
    assert invite(client, world.project_a).status_code == 404
    assert not User.objects.filter(email=INVITEE["email"]).exists()
    assert not mail.outbox


def test_sending_again_makes_a_new_link_and_ends_the_old_one(
    world, login, django_capture_on_commit_callbacks
):
    client = login(world.users["coord_a"])
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world.project_a)
    invitation = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/projects/{world.project_a.pk}/people/invitations/{invitation.pk}/resend/"
        )
    assert response.status_code == 302
    first, second = mail.outbox
    assert link_in(first) != link_in(second)
    old = client.get(link_in(first))
    assert old.status_code == 410 and "A newer link was sent" in old.content.decode()
    assert client.get(link_in(second)).status_code == 200
    # Another project's coordinator cannot send it.
    login(world.users["coord_b"])
    url = f"/projects/{world.project_a.pk}/people/invitations/{invitation.pk}/resend/"
    assert client.post(url).status_code == 404
