"""The invited person's link: choose a password (Django's validators) and be signed in;
a used, replaced or expired link says so, and an expired one offers a new link."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from governance.models import Invitation

from .helpers import invite, link_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Baobab-on-the-hill-42"


@pytest.fixture
def link(world, login, django_capture_on_commit_callbacks):
    client = login(world.users["coord_a"])
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world.project_a)
    client.logout()
    return link_in(mail.outbox[-1])


def _set(client, link, password=NEW_PASSWORD, confirm=None):
    return client.post(link, {"new_password1": password, "new_password2": confirm or password})


def test_the_link_sets_the_password_and_signs_in(client, link, world):
    page = client.get(link)
    assert page.status_code == 200 and "fatou.diop" in page.content.decode()
    response = _set(client, link)
    assert response.status_code == 302 and response.url == "/"
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None
    assert invitation.user.check_password(NEW_PASSWORD)
    home = client.get(f"/projects/{world.project_a.pk}/")
    assert home.status_code == 200  # signed in, with the steering role
    client.logout()
    assert client.login(username="fatou.diop", password=NEW_PASSWORD)


def test_a_weak_password_is_refused_by_the_validators(client, link):
    response = _set(client, link, password="12345678")
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    assert not Invitation.objects.get().user.has_usable_password()


def test_a_used_link_is_refused(client, link):
    _set(client, link)
    client.logout()
    again = client.get(link)
    assert again.status_code == 410 and "This link was already used" in again.content.decode()
    assert _set(client, link, password="Another-pass-9876").status_code == 410
    assert Invitation.objects.get().user.check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused_and_offers_a_new_one(
    client, link, django_capture_on_commit_callbacks
):
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    page = client.get(link)
    assert page.status_code == 200 and "This link has expired" in page.content.decode()
    assert page.context["form"] is None
    assert _set(client, link).status_code == 200
    assert not Invitation.objects.get().user.has_usable_password()
    with django_capture_on_commit_callbacks(execute=True):
        renewed = client.post(f"{link}renew/")
    assert renewed.status_code == 200 and "A new link is on its way" in renewed.content.decode()
    fresh = link_in(mail.outbox[-1])
    assert mail.outbox[-1].to == ["fatou.diop@example.org"]
    assert fresh != link and client.get(fresh).status_code == 200
    # The expired link cannot ask again.
    sent = len(mail.outbox)
    assert client.post(f"{link}renew/").status_code == 302
    assert len(mail.outbox) == sent


def test_a_tampered_link_is_not_found(client, link):
    assert client.get(link.replace("/invitations/", "/invitations/x")).status_code == 404
