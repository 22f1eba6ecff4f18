"""Login protection: lockout after repeated failures, throttling, expiring and
revocable API tokens, idle session expiry (issue 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

from governance.models import TokenUse
from tests.conftest import require
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LOCKED = "Too many failed login attempts"
ASK_ADMIN = "ask an administrator to unlock it"

# endpoint -> (URL, the user who logs in there)
ENDPOINTS = {
    "login page": ("/accounts/login/", "cda_a1"),
    "admin login": ("/admin/login/", "admin"),
    "token endpoint": ("/api/auth/token/", "cda_a1"),
}


def attempt(client, endpoint, password, *, username=None, ip="10.0.0.1"):
    url, default_user = ENDPOINTS[endpoint]
    data = {"username": username or default_user, "password": password}
    if endpoint == "admin login":
        data["next"] = "/admin/"
    return client.post(url, data, REMOTE_ADDR=ip)


def signed_in(client, endpoint, response) -> bool:
    """Did that answer log the user in (a session, or a token)?"""
    if endpoint == "token endpoint":
        return response.status_code == 200 and "token" in response.json()
    return "_auth_user_id" in client.session


def fail_until_locked(client, endpoint, **kwargs):
    for n in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = attempt(client, endpoint, "wrong-password", **kwargs)
        if n < settings.AXES_FAILURE_LIMIT:
            # Below the limit a wrong password is just a wrong password.
            assert response.status_code in (200, 400), (n, response.status_code)
    return response


def assert_locked_message(endpoint, response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= settings.AXES_COOLOFF_TIME.total_seconds()
    if endpoint == "token endpoint":
        detail = response.json()["detail"]
    else:
        detail = response.content.decode()
        assert "You can try again after" in detail
    assert LOCKED in detail and ASK_ADMIN in detail


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


# Lockout -----------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_five_wrong_passwords_lock_out_even_the_right_one(client, world, endpoint):
    assert_locked_message(endpoint, fail_until_locked(client, endpoint))
    response = attempt(client, endpoint, PASSWORD)
    assert_locked_message(endpoint, response)
    assert not signed_in(client, endpoint, response)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_lock_holds_one_username_from_one_address(client, world, endpoint):
    fail_until_locked(client, endpoint)
    # The same user from another address logs in.
    response = attempt(client, endpoint, PASSWORD, ip="10.0.0.2")
    assert response.status_code in (200, 302)
    assert signed_in(client, endpoint, response)
    client.logout()
    # Another user from the locked address logs in too.
    other = "admin" if endpoint != "admin login" else "coord_a"
    if endpoint == "admin login":
        world.users["coord_a"].is_staff = True
        world.users["coord_a"].save()
    response = attempt(client, endpoint, PASSWORD, username=other)
    assert response.status_code in (200, 302)
    assert signed_in(client, endpoint, response)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_login_works_again_after_the_cool_off(client, world, endpoint):
    fail_until_locked(client, endpoint)
    assert attempt(client, endpoint, PASSWORD).status_code == 429
    # Move the clock: the failures now lie just beyond the cool-off.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    response = attempt(client, endpoint, PASSWORD)
    assert response.status_code in (200, 302)
    assert signed_in(client, endpoint, response)


def test_lockout_page_says_when_to_try_again(client, world):
    response = fail_until_locked(client, "login page")
    page = response.content.decode()
    assert "30 more minutes" in page
    until = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    assert f"You can try again after {until:%H:%M}" in page
    assert 'href="/accounts/login/"' in page


def test_reset_command_unlocks_a_username(client, world):
    fail_until_locked(client, "login page")
    call_command("axes_reset_username", "cda_a1")
    response = attempt(client, "login page", PASSWORD)
    assert response.status_code == 302 and signed_in(client, "login page", response)


def test_administrator_sees_the_attempt_and_unlocks_it(client, world):
    fail_until_locked(client, "token endpoint")
    locked = AccessAttempt.objects.get(username="cda_a1")
    admin = client_for(world.users["admin"])
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "cda_a1" in listing.content.decode()
    response = admin.post(f"/admin/axes/accessattempt/{locked.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    response = attempt(client, "token endpoint", PASSWORD)
    assert response.status_code == 200 and "token" in response.json()


def test_non_administrators_cannot_unlock(client, world):
    fail_until_locked(client, "login page")
    locked = AccessAttempt.objects.get(username="cda_a1")
    coordinator = client_for(world.users["coord_a"])
    coordinator.post(f"/admin/axes/accessattempt/{locked.pk}/delete/", {"post": "yes"})
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()


def client_for(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


def test_a_successful_login_clears_earlier_failures(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "login page", "wrong-password")
    assert attempt(client, "login page", PASSWORD).status_code == 302
    client.logout()
    # The count starts again: four more mistakes do not lock.
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "login page", "wrong-password").status_code == 200
    assert attempt(client, "login page", PASSWORD).status_code == 302


# Throttling --------------------------------------------------------------------------


@pytest.fixture
def rates(monkeypatch):
    """rates(anon=..., user=..., **{"auth-token": ...}): the throttle rates for a test."""

    def _set(**overrides):
        monkeypatch.setattr(
            SimpleRateThrottle,
            "THROTTLE_RATES",
            {"anon": "1000/min", "user": "1000/min", "auth-token": "1000/min", **overrides},
        )

    return _set


def test_anonymous_callers_are_throttled_over_the_limit_only(client, world, rates):
    rates(anon="3/min")
    for _ in range(3):
        assert attempt(client, "token endpoint", PASSWORD).status_code == 200
    response = attempt(client, "token endpoint", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"].lower()
    # Counted per address: another caller is not held up.
    assert attempt(client, "token endpoint", PASSWORD, ip="10.0.0.9").status_code == 200


def test_signed_in_users_are_throttled_over_the_limit_only(client, world, rates):
    rates(user="5/min")
    coordinator = client_for(world.users["coord_a"])
    for _ in range(5):
        assert coordinator.get("/api/projects/").status_code == 200
    response = coordinator.get("/api/projects/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # Counted per user: another user's normal work goes on.
    assert client_for(world.users["steer_a"]).get("/api/projects/").status_code == 200


def test_the_token_endpoint_has_its_own_strict_rate(client, world, rates):
    rates(**{"auth-token": "2/min"})
    assert attempt(client, "token endpoint", PASSWORD).status_code == 200
    assert attempt(client, "token endpoint", PASSWORD).status_code == 200
    response = attempt(client, "token endpoint", PASSWORD)
    assert response.status_code == 429 and "Retry-After" in response
    # The rest of the API is not held up by it.
    assert client_for(world.users["coord_a"]).get("/api/projects/").status_code == 200


def test_default_rates_are_generous_and_come_from_the_environment():
    rates = _settings_under({})["rates"]
    assert rates == {"anon": "60/min", "user": "1200/min", "auth-token": "10/min"}
    custom = _settings_under({"API_THROTTLE_USER": "100/min", "API_TOKEN_IDLE_DAYS": "7"})
    assert custom["rates"]["user"] == "100/min" and custom["idle_days"] == 7


def test_throttle_counts_are_shared_through_redis_when_configured():
    assert _settings_under({})["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    chosen = _settings_under({"REDIS_URL": "redis://cache.example:6379/3"})
    assert chosen["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert chosen["cache_location"] == "redis://cache.example:6379/3"


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL")
    if not url:
        return None
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:
        return None
    return url


def test_two_workers_count_in_the_same_redis(client, world, rates, monkeypatch):
    url = _redis_url()
    require("Redis", url is not None, "set REDIS_URL to a running Redis server")
    from django.core.cache.backends.redis import RedisCache

    prefix = f"test-throttle-{uuid.uuid4().hex}"
    worker_a, worker_b = (RedisCache(url, {"KEY_PREFIX": prefix}) for _ in range(2))
    rates(user="2/min")
    coordinator = client_for(world.users["coord_a"])
    key = f"throttle_user_{world.users['coord_a'].pk}"
    try:
        monkeypatch.setattr(SimpleRateThrottle, "cache", worker_a)
        assert coordinator.get("/api/projects/").status_code == 200
        assert coordinator.get("/api/projects/").status_code == 200
        monkeypatch.setattr(SimpleRateThrottle, "cache", worker_b)
        assert coordinator.get("/api/projects/").status_code == 429
    finally:
        worker_a.delete(key)


def _settings_under(env: dict[str, str]) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'rates': s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'], "
        "'cache': s.CACHES['default']['BACKEND'], "
        "'cache_location': s.CACHES['default'].get('LOCATION'), "
        "'idle_days': s.API_TOKEN_IDLE_DAYS, 'session_age': s.SESSION_COOKIE_AGE}))"
    )
    names = ("REDIS_URL", "CACHE_URL", "SESSION_COOKIE_AGE", "API_TOKEN_IDLE_DAYS")
    clean = {
        k: v for k, v in os.environ.items() if k not in names and not k.startswith("API_THROTTLE")
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# API tokens --------------------------------------------------------------------------


def get_token(client, username="cda_a1") -> str:
    response = client.post("/api/auth/token/", {"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.content
    return response.json()["token"]


def api_get(client, token):
    return client.get("/api/clusters/", HTTP_AUTHORIZATION=f"Token {token}")


def idle_for(token: str, days: float) -> None:
    TokenUse.objects.filter(token_id=token).update(
        last_used_at=timezone.now() - timedelta(days=days)
    )


def test_an_idle_token_expires_and_a_fresh_one_works(client, world):
    token = get_token(client)
    assert api_get(client, token).status_code == 200
    idle_for(token, settings.API_TOKEN_IDLE_DAYS - 1)
    assert api_get(client, token).status_code == 200  # used: the clock starts again
    idle_for(token, settings.API_TOKEN_IDLE_DAYS + 1)
    response = api_get(client, token)
    assert response.status_code == 401
    assert "This API token has expired" in response.json()["detail"]
    assert "WWW-Authenticate" in response.headers
    fresh = get_token(client)
    assert fresh != token
    assert api_get(client, fresh).status_code == 200
    assert api_get(client, token).status_code == 401


def test_a_token_never_used_expires_from_its_creation(client, world):
    token = Token.objects.create(user=world.users["cda_a1"])
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=31))
    assert api_get(client, token.key).status_code == 401


def test_an_expired_token_in_the_header_does_not_block_getting_a_new_one(client, world):
    token = get_token(client)
    idle_for(token, settings.API_TOKEN_IDLE_DAYS + 1)
    response = client.post(
        "/api/auth/token/",
        {"username": "cda_a1", "password": PASSWORD},
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 200 and response.json()["token"] != token


def test_last_use_is_written_at_most_once_per_interval(client, world):
    token = get_token(client)
    recent = timezone.now() - timedelta(seconds=settings.API_TOKEN_USE_WRITE_SECONDS / 2)
    TokenUse.objects.filter(token_id=token).update(last_used_at=recent)
    assert api_get(client, token).status_code == 200
    assert TokenUse.objects.get(token_id=token).last_used_at == recent  # no write
    stale = timezone.now() - timedelta(seconds=settings.API_TOKEN_USE_WRITE_SECONDS + 5)
    TokenUse.objects.filter(token_id=token).update(last_used_at=stale)
    assert api_get(client, token).status_code == 200
    assert TokenUse.objects.get(token_id=token).last_used_at > recent  # recorded


def test_the_owner_revokes_their_token(client, world):
    token = get_token(client)
    response = client.delete("/api/auth/token/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 204
    assert api_get(client, token).status_code == 401


def test_nobody_revokes_someone_elses_token(client, world):
    mine = get_token(client, "cda_a1")
    theirs = get_token(client, "cda_a2")
    assert client.delete("/api/auth/token/", HTTP_AUTHORIZATION=f"Token {theirs}").status_code == (
        204
    )
    assert api_get(client, mine).status_code == 200
    assert client.delete("/api/auth/token/").status_code == 401
    assert api_get(client, mine).status_code == 200


def test_the_schema_documents_the_token_endpoint(client, world):
    client.force_login(world.users["coord_a"])
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operations = schema["paths"]["/api/auth/token/"]
    assert {"200", "400", "429"} <= set(operations["post"]["responses"])
    assert {"204", "401", "429"} <= set(operations["delete"]["responses"])


# Sessions ----------------------------------------------------------------------------


def test_sessions_end_after_eight_idle_hours_not_while_in_use(client, world):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert not settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    start = timezone.now()

    def at(hours):
        return mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=hours))

    with at(0):
        assert attempt(client, "login page", PASSWORD).status_code == 302
    with at(7):
        assert client.get("/").status_code == 200  # in use: the session is renewed
    with at(14.5):
        assert client.get("/").status_code == 200  # 7.5 idle hours since the last request
    with at(14.5 + 8 + 0.1):
        response = client.get("/")  # more than 8 idle hours
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
