"""Accounts: login, logout, password change (which revokes API tokens), wrong passwords."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_pages_need_login_but_health_does_not(client, world):
    assert client.get("/").status_code == 302
    assert client.get("/").url.startswith("/accounts/login/")
    assert client.get("/health/").json() == {"status": "ok"}


def test_login_logout_and_password_change(client, world):
    response = client.post(
        "/accounts/login/", {"username": "cda_a1", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert "Cluster A1" in response.content.decode()
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-better-passphrase-42",
            "new_password2": "a-much-better-passphrase-42",
        },
    )
    assert response.status_code == 302
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302
    assert client.login(username="cda_a1", password="a-much-better-passphrase-42")


def test_changing_the_password_revokes_api_tokens(client, world):
    token = client.post("/api/auth/token/", {"username": "cda_a1", "password": PASSWORD}).json()[
        "token"
    ]
    assert client.get("/api/clusters/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    client.force_login(world.users["cda_a1"])
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-better-passphrase-42",
            "new_password2": "a-much-better-passphrase-42",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert client.get("/api/clusters/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_wrong_password_is_refused_with_a_message(client, world):
    response = client.post("/accounts/login/", {"username": "cda_a1", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
