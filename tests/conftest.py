"""Shared fixtures: personas over two projects, and service requirements.

Personas: administrator, coordinator of project A, steering member of A, CDA of
cluster A1, CDA of cluster A2 (same project, other cluster), commission member
of A1, coordinator of project B, steering member of B, CDA of cluster B1,
commission member of B1, a Programme Officer of project A's country (project B is in
another country), and anonymous.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import Role
from governance.roles.country_services import country_role_grant
from governance.roles.services import role_grant

from .factories import PASSWORD, ClusterFactory, ProjectFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
# The personas below the administrator: role, and the project or cluster it is held on
# (attribute names of World). PERSONAS lists every persona, in this order.
GRANTS = {
    "coord_a": (Role.COORDINATOR, "project_a", None),
    "steer_a": (Role.STEERING, "project_a", None),
    "cda_a1": (Role.CDA, None, "a1"),
    "cda_a2": (Role.CDA, None, "a2"),
    "comm_a1": (Role.COMMISSION, None, "a1"),
    "coord_b": (Role.COORDINATOR, "project_b", None),
    "steer_b": (Role.STEERING, "project_b", None),
    "cda_b1": (Role.CDA, None, "b1"),
    "comm_b1": (Role.COMMISSION, None, "b1"),
}
# Country roles: the persona reads every project of the country of this project.
COUNTRY_GRANTS = {"po_a": "project_a"}
PERSONAS = ["admin", *GRANTS, *COUNTRY_GRANTS, "anon"]


def pdf(name: str = "minutes.pdf", size: int | None = None) -> SimpleUploadedFile:
    """A small PDF upload (or ``size`` bytes that are not a PDF, to pass a size limit)."""
    content = b"%PDF-1.4 minutes" if size is None else b"0" * size
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def eager_celery():
    """Run Celery tasks in the calling process (as under `make run`), even when the
    suite runs against Redis: roll-ups queued on commit are then written before the
    next request (a browser test's live server runs in this process too)."""
    from config.celery import app as celery_app

    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def require(service: str, available: bool, why: str) -> None:
    """Skip with a clear reason when a service is missing; fail in CI (REQUIRE_SERVICES=1)."""
    if available:
        return
    message = f"{service} is not available: {why}"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} (REQUIRE_SERVICES=1, nothing may be skipped)")
    pytest.skip(message)


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    return path if os.path.exists(path) else shutil.which("chromium")


@dataclass
class World:
    project_a: Any
    project_b: Any
    a1: Any
    a2: Any
    b1: Any
    users: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, persona: str) -> Any:
        return self.users.get(persona)


def build_world() -> World:
    project_a = ProjectFactory(name="Project A")
    # Another country, so that project A's Programme Officer does not read project B.
    project_b = ProjectFactory(name="Project B", country="GH")
    a1 = ClusterFactory(project=project_a, name="Cluster A1", status="selected", phase=2)
    a2 = ClusterFactory(project=project_a, name="Cluster A2", status="selected", phase=2)
    b1 = ClusterFactory(project=project_b, name="Cluster B1", status="selected", phase=2)
    world = World(project_a, project_b, a1, a2, b1)
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    world.users["admin"] = admin
    for persona, (role, project, cluster) in GRANTS.items():
        user = UserFactory(username=persona)
        role_grant(
            actor=admin,
            user=user,
            role=role,
            project=getattr(world, project) if project else None,
            cluster=getattr(world, cluster) if cluster else None,
        )
        world.users[persona] = user
    for persona, project in COUNTRY_GRANTS.items():
        user = UserFactory(username=persona)
        country_role_grant(actor=admin, user=user, country=getattr(world, project).country)
        world.users[persona] = user
    world.users["anon"] = None
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def login(client):
    """login(user) logs the test client in as that user (None stays anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the process's memory): a dashboard kept by
    one test must not answer another's, whose rows may reuse the same ids."""
    from django.core.cache import cache

    cache.clear()
