"""Every URL pattern × every persona × method answers the expected status.

Adding a route without a matrix row makes ``test_every_route_is_in_the_matrix``
fail. Django admin's own patterns are covered by the ``admin:`` rows (admin is
for administrators only, and the admin site enforces it for all its pages).
"""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import build_world

from . import matrix

ROUTE_MODULES = [
    importlib.import_module(f"{__package__}.{m.name}")
    for m in pkgutil.iter_modules(importlib.import_module(__package__).__path__)
    if m.name.startswith("routes_")
]
CASES = [case for module in ROUTE_MODULES for case in module.CASES]


def url_patterns(resolver=None, namespace=""):
    """(URL name, pattern) for every route of the project."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, ns)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or f'<unnamed {pattern.pattern}>'}", pattern


def url_names():
    for name, _pattern in url_patterns():
        yield name


def test_every_route_is_in_the_matrix():
    covered = {case.name for case in CASES}
    missing = sorted(
        name for name in set(url_names()) if name not in covered and not name.startswith("admin:")
    )
    assert not missing, f"Routes without a permission-matrix row: {missing}"
    assert any(c.name.startswith("admin:") for c in CASES)


def test_url_names_are_unique():
    # The matrix keys rows by URL name: a second route under a taken name would hide.
    names = [n for n in url_names() if not n.startswith("admin:")]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"URL names used by more than one route: {duplicates}"


def test_every_api_method_is_in_the_matrix():
    """Each HTTP method a DRF viewset route answers (GET, PUT, PATCH, DELETE, ...)
    has its own row, so a full update cannot slip past the policy unnoticed."""
    covered = {(case.name, case.method) for case in CASES}
    missing = sorted(
        (name, method)
        for name, pattern in url_patterns()
        for method in getattr(pattern.callback, "actions", {})
        # DRF answers HEAD as GET (and adds it to ``actions`` on the first request).
        if method not in ("head", "options") and (name, method) not in covered
    )
    assert not missing, f"API methods without a permission-matrix row: {missing}"


def test_matrix_rows_name_real_routes():
    names = set(url_names())
    unknown = sorted({c.name for c in CASES} - names)
    assert not unknown, f"Matrix rows for routes that do not exist: {unknown}"


def _answer(case, world, persona, client):
    """The status ``persona`` gets for ``case`` (and the start of the body, to explain)."""
    if case.setup:
        case.setup(world)
    url = case.url(world)
    client.logout()
    user = world.user(persona)
    if user is not None:
        client.force_login(user)
    data = case.data(world) if case.data else None
    send = getattr(client, case.method)
    if case.json:
        response = send(url, data=data, content_type="application/json")
    elif data is not None:
        response = send(url, data=data)
    else:
        response = send(url)
    body = b"" if getattr(response, "streaming", False) else response.content[:300]
    return url, response.status_code, body


class _Undo(Exception):
    """Rolls back what one persona's request wrote, so the next starts from the same world."""


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_permission_matrix(case, db, client):
    """Every persona, each on the same world: the world is built once per row and each
    persona's request runs in a savepoint that is rolled back (a POST that one persona
    may make must not change what the next one finds)."""
    world = build_world()
    wrong = []
    for persona in matrix.PERSONAS:
        world.extra = {}  # objects a row makes lazily are made again inside the savepoint
        try:
            with transaction.atomic():
                url, status, body = _answer(case, world, persona, client)
                raise _Undo
        except _Undo:
            pass
        expected = case.expect[persona]
        if status != expected:
            wrong.append(
                f"{case.method.upper()} {url} as {persona}: {status}, expected {expected}: {body!r}"
            )
    assert not wrong, "\n".join(wrong)
