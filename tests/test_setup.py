"""Set-up and deployment: production settings, docker-compose, demo data."""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from governance.models import RoleAssignment, User
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[1]
STRONG_SECRET = "k3J9-x8Qp2_v7Lm4Rt6Yw1Zs5Nb0Hc8Df3Gj7Kl2Mn9Pq4Rs6Tu1Vw5Xy8Za0Bc3De7"


def run_manage(*args, env_extra=None):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.production", **(env_extra or {})}
    for name in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={"SECRET_KEY": STRONG_SECRET, "ALLOWED_HOSTS": "clusterdev.example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _env_example_secret() -> str:
    return "change-me-to-a-long-random-string-of-at-least-fifty-characters-0123456789"


@pytest.mark.parametrize(
    "secret",
    [
        "",
        "short",
        "dev-only-insecure-key-do-not-use-in-production",
        _env_example_secret(),
        "django-insecure-" + "k3#x9!q" * 8,
    ],
)
def test_production_refuses_to_start_without_a_real_secret(secret):
    result = run_manage("check", env_extra={"SECRET_KEY": secret})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_docker_compose_file_is_valid():
    docker_compose = shutil.which("docker-compose")
    require("docker-compose", docker_compose is not None, "install Debian's docker-compose")
    result = subprocess.run(
        [docker_compose, "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    config = subprocess.run(
        [docker_compose, "-f", "docker-compose.yml", "config", "--services"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    assert set(config) == {"db", "redis", "web", "worker", "beat"}


def test_docker_image_leaves_out_secrets_and_local_state():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".env", ".venv", "db.sqlite3", "media", "node_modules"):
        assert path in ignored
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "DJANGO_SETTINGS_MODULE=config.production" in dockerfile
    assert "collectstatic" in dockerfile


def _settings_under(env: dict[str, str]) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
        "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
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


def test_environment_selects_database_and_broker():
    embedded = _settings_under({})
    assert embedded == {
        "engine": "django.db.backends.sqlite3",
        "eager": True,
        "broker": "memory://",
    }
    services = _settings_under(
        {
            "DATABASE_URL": "postgres://u:p@db.example:5432/cd",
            "REDIS_URL": "redis://cache.example:6379/3",
        }
    )
    assert services == {
        "engine": "django.db.backends.postgresql",
        "eager": False,
        "broker": "redis://cache.example:6379/3",
    }


@pytest.mark.django_db
def test_demo_data_loads_twice_without_duplicates(capsys):
    call_command("load_demo")
    counts = (User.objects.count(), RoleAssignment.objects.count())
    call_command("load_demo")
    assert (User.objects.count(), RoleAssignment.objects.count()) == counts
    out = capsys.readouterr().out
    for username in ("admin", "coordinator", "steering", "cda", "commission"):
        assert f"  {username} " in out
    assert User.objects.get(username="cda").check_password("clusterdev-demo")


@pytest.mark.django_db
def test_demo_is_loaded_by_the_composition_root_with_each_apps_part():
    from django.core.management import get_commands

    from actionplans.models import FieldActivity

    assert get_commands()["load_demo"] == "config"
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    # actionplans' part (actionplans/demo.py): the leather CDA's field log, once.
    activities = FieldActivity.objects.filter(cluster__name="Thiès Leather Cluster")
    assert activities.count() == 3
    assert {a.recorded_by.username for a in activities} == {"cda"}


@pytest.mark.django_db
def test_each_demo_login_reaches_its_home(client):
    call_command("load_demo")
    for username in ("admin", "coordinator", "steering", "cda", "cda2", "commission"):
        assert client.login(username=username, password="clusterdev-demo"), username
        assert client.get("/").status_code == 200
        client.logout()


def test_no_missing_migrations():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_api_schema_validates_without_warnings(tmp_path):
    """`manage.py spectacular --validate --fail-on-warn`: the OpenAPI schema is valid and
    drf-spectacular had to guess nothing; every operation documents its error answers."""
    out = tmp_path / "schema.json"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(out),
    )
    spec = json.loads(out.read_text())
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            if path != "/api/auth/token/":
                assert {"401", "403"} <= codes, (method, path, codes)
            if "{" in path:
                assert "404" in codes, (method, path, codes)
            if method in ("post", "put", "patch"):
                assert "400" in codes, (method, path, codes)
