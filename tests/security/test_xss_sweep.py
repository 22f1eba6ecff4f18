"""Stored XSS sweep: every user-editable text field holds a payload, every role crawls
every page it can reach, and nothing may run or be blocked.

The sweep grows with the app on its own:
- the fields come from introspecting the project's models (every CharField/TextField
  without choices, URL fields get a ``javascript:`` URL), so a new model or field is
  filled without touching this file; a model with text fields but no row yet gets one
  built from its required fields (``build_row``);
- the pages come from following links from home (same origin, GET), as each persona,
  so a new page is visited as soon as something links to it.

A page fails on: the marker ``window.__xss`` set (a payload ran), an element carrying
an inline event handler or a ``javascript:`` link (a payload became markup, even where
the CSP stopped it from running), a Content-Security-Policy violation (listened to in
the page and in Chromium's console), a JavaScript error, or a server error.
On the map every marker is hovered (tooltip) and clicked (popup).
"""

from __future__ import annotations

import datetime
import re
from collections import deque
from decimal import Decimal
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from clusters.models import Cluster, Project
from tests.conftest import build_world
from tests.e2e.conftest import (  # noqa: F401  (the browser fixtures of tests/e2e)
    _allow_orm_beside_playwright,
    _need_chromium,
    browser_type_launch_args,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROJECT_APPS = ("governance", "clusters", "diagnostics", "actionplans", "monitoring")
SWEEP_PERSONAS = ("coord_a", "steer_a", "cda_a1", "comm_a1", "admin")
# Fields that are not user text (secrets) or not shown as text.
NOT_TEXT = {("governance", "User", "password")}
MAX_PAGES = 45  # app pages per persona; the crawl is breadth first, the app first
MAX_ADMIN_SITE_PAGES = 12  # Django's admin pages are alike; a few of them are enough
SKIP_PATH = re.compile(
    r"logout|/i18n/|download|export|/minutes/|/file|/media/|\.(pdf|xlsx|csv|json)$"
    r"|/map/data/|/template|/admin/jsi18n/|/delete/|/admin/r/|/api/(?!docs/)"
)


# Payloads ---------------------------------------------------------------------------
def payloads(tag: str, max_length: int | None, url: bool) -> str | None:
    """The strongest payload that fits the field, each setting window.__xss to the tag
    (which field it came from) if it ever runs."""
    mark = f"window.__xss='{tag}'"
    if url:
        options = [f"javascript:{mark}", "javascript:window.__xss=1"]
    else:
        img = f'<img src=x onerror="{mark}">'
        svg = f'"><svg onload="{mark}">'
        script = f"<script>{mark}</script>"
        options = [
            img + svg + script,
            img + svg,
            img,
            svg,
            '<img src=x onerror="window.__xss=1">',
            '"><svg onload="window.__xss=1">',
            "<svg onload=__xss=1>",
        ]
    for option in options:
        if max_length is None or len(option) <= max_length:
            return option
    return None


def is_url_field(field) -> bool:
    return isinstance(field, models.URLField) or re.search(r"url|website|link", field.name)


def text_fields(model):
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and (model._meta.app_label, model.__name__, field.name) not in NOT_TEXT
        ):
            yield field


def project_models():
    return [
        m
        for m in apps.get_models()
        # An unmanaged model (the roll-up's temporary table) has no rows to fill.
        if m._meta.app_label in PROJECT_APPS
        and m._meta.managed
        and not m._meta.proxy
        and any(text_fields(m))
    ]


# One row per model ------------------------------------------------------------------
def in_world(model, world):
    """Rows of the model that belong to project A (cluster A1 first), by access_scope."""
    qs = model._default_manager.all()
    scope = getattr(model, "access_scope", None)
    if model is Cluster:
        return qs.filter(pk=world.a1.pk)
    if not scope:
        return qs
    paths = [p for p in scope[1:] if p]
    if not paths:
        return qs.filter(pk=world.project_a.pk) if scope[0] == "project" else qs
    condition = Q()
    for path in paths:
        leaf = path.rsplit("__", 1)[-1]
        condition |= Q(**{path: world.a1 if leaf == "cluster" else world.project_a})
    return qs.filter(condition)


def value_for(field, model, world, building):
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.OneToOneField | models.ForeignKey):
        target = field.related_model
        if target is Project:
            return world.project_a
        if target is Cluster:
            if isinstance(field, models.OneToOneField):
                taken = set(model._default_manager.values_list(field.attname, flat=True))
                return next(c for c in (world.a1, world.a2) if c.pk not in taken)
            return world.a1
        if target is get_user_model():
            return world.user("cda_a1")
        return in_world(target, world).first() or build_row(target, world, building)
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate() - datetime.timedelta(days=1)
    if isinstance(field, models.DecimalField):
        return Decimal(1)
    if isinstance(field, models.FloatField):
        return 1.0
    if isinstance(field, models.IntegerField):
        return 1
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.EmailField):
        return "someone@example.org"
    if isinstance(field, models.URLField):
        return "https://example.org/"
    if isinstance(field, models.CharField | models.TextField):
        return "x"
    return None


def build_row(model, world, building=()):
    """A row of ``model`` in project A, with every required field filled."""
    if model in building:
        raise RuntimeError(f"circular required relations building {model.__name__}")
    building = (*building, model)
    values, optional_anchors = {}, []
    for field in model._meta.concrete_fields:
        optional = field.has_default() or field.null or field.blank
        # Relations to a cluster or project are set even when optional: the row then
        # sits where the personas look (a commission needs its cluster, for example).
        anchored = isinstance(field, models.ForeignKey) and field.related_model in (
            Cluster,
            Project,
        )
        if field.primary_key or (optional and not anchored):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        value = value_for(field, model, world, building)
        if value is not None:
            values[field.name] = value
            if optional:
                optional_anchors.append(field.name)
    try:
        with transaction.atomic():
            return model._default_manager.create(**values)
    except IntegrityError:
        # A check constraint may tie an optional cluster to another field's value (a
        # cluster report names its cluster, a project report none): leave them unset.
        for name in optional_anchors:
            values.pop(name)
        return model._default_manager.create(**values)


def fill_every_text_field(world) -> list[str]:
    """Give every model a row in project A, then put a payload in every text field of
    every row (through save(), so the audit history carries the payloads too)."""
    skipped = []
    for model in project_models():
        if not in_world(model, world).exists():
            build_row(model, world)
    for model in project_models():
        fields = list(text_fields(model))
        for row in model._default_manager.all():
            changed = []
            for field in fields:
                tag = f"{model.__name__}.{field.name}#{row.pk}"
                value = payloads(tag, field.max_length, url=bool(is_url_field(field)))
                if value is None:
                    skipped.append(f"{model.__name__}.{field.name} (max_length {field.max_length})")
                    continue
                setattr(row, field.attname, value)
                changed.append(field.attname)
            if changed:
                row.save(update_fields=changed)
    # Every cluster on the map, apart from each other so each marker can be hovered.
    for i, cluster in enumerate(Cluster.objects.order_by("pk")):
        Cluster.objects.filter(pk=cluster.pk).update(
            latitude=Decimal("12.0") + i, longitude=Decimal("-16.0") + 2 * i
        )
    return skipped


# The crawl --------------------------------------------------------------------------
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
    " at " + e.sourceFile + ":" + e.lineNumber + " sample " + JSON.stringify(e.sample));
}, true);
"""

INJECTED = """() => {
  const found = [];
  for (const node of document.querySelectorAll("*")) {
    for (const attr of node.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith("on") ||
          (["href", "src", "action", "formaction", "xlink:href"].includes(name) &&
           value.startsWith("javascript:"))) {
        found.push(node.tagName.toLowerCase() + "[" + attr.name + "=" + attr.value + "]");
      }
    }
  }
  return found;
}"""


def pattern_of(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"\d+", "<n>", parts.path) + ("?" + "&".join(keys) if keys else "")


def session_cookie(user, live_server) -> dict:
    client = Client()
    client.force_login(user)
    from django.conf import settings

    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def exercise_map(page) -> int:
    """Hover every marker (tooltip) and click it (popup); returns how many."""
    page.wait_for_selector("#cluster-map[data-points]", timeout=10_000)
    markers = page.locator("#cluster-map path.leaflet-interactive")
    count = markers.count()
    for i in range(count):
        marker = markers.nth(i)
        marker.hover(force=True)
        page.wait_for_selector(".leaflet-tooltip", timeout=3_000)
        marker.click(force=True)
        page.wait_for_selector(".leaflet-popup-content", timeout=3_000)
    return count


def crawl(context, live_server, persona: str, problems: list[str], seeds=()) -> dict:
    origin = live_server.url
    page = context.new_page()
    console: list[str] = []
    errors: list[str] = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    seen = set()
    queue = deque([(0, f"{origin}/")] + [(0, origin + seed) for seed in seeds])
    visited: list[str] = []
    markers = 0
    while queue and len(visited) < MAX_PAGES + MAX_ADMIN_SITE_PAGES:
        # The app's pages before the admin site's, nearest first; each has its own budget,
        # so a growing app never crowds the admin site out.
        queue = deque(sorted(queue, key=lambda item: ("/admin/" in item[1], item[0])))
        depth, url = queue.popleft()
        key = pattern_of(url)
        admin_site = sum(p.startswith("/admin/") for p in visited)
        budget_spent = (
            admin_site >= MAX_ADMIN_SITE_PAGES
            if "/admin/" in url
            else len(visited) - admin_site >= MAX_PAGES
        )
        if key in seen or budget_spent:
            continue
        seen.add(key)
        console.clear()
        errors.clear()
        try:
            response = page.goto(url, wait_until="load")
        except Exception as exc:  # a download, or a page that never loads
            if "Download is starting" not in str(exc):
                problems.append(f"{persona} {url}: {exc}")
            continue
        if response is None:
            continue
        if response.status >= 500:
            problems.append(f"{persona} {url}: server error {response.status}")
            continue
        if not (response.headers.get("content-type") or "").startswith("text/html"):
            continue
        path = urlsplit(page.url).path
        visited.append(path)
        if page.locator("#cluster-map").count():
            markers += exercise_map(page)
        if path.startswith("/api/docs/"):
            page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
        page.wait_for_timeout(50)  # let img onerror / svg onload fire
        where = f"{persona} {path}"
        fired = page.evaluate("window.__xss")
        if fired:
            problems.append(f"{where}: a payload ran (window.__xss = {fired!r})")
        for found in page.evaluate(INJECTED):
            problems.append(f"{where}: injected markup {found}")
        for violation in page.evaluate("window.__violations || []"):
            problems.append(f"{where}: CSP violation {violation}")
        problems.extend(f"{where}: console {text}" for text in console)
        problems.extend(f"{where}: JavaScript error {text}" for text in errors)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            target = urljoin(page.url, href).split("#", 1)[0]
            follow = target.startswith(origin + "/") and pattern_of(target) not in seen
            if follow and not SKIP_PATH.search(urlsplit(target).path):
                queue.append((depth + 1, target))
    page.close()
    return {"visited": visited, "markers": markers}


def test_no_stored_payload_runs_or_is_blocked_on_any_page_for_any_role(
    live_server, browser, settings
):
    settings.MAP_TILE_URL = ""
    world = build_world()
    skipped = fill_every_text_field(world)
    assert not skipped, f"Text fields too short for any payload: {skipped}"
    outside: list[str] = []
    problems: list[str] = []
    report = {}
    for persona in SWEEP_PERSONAS:
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def offline(route, outside=outside):
            if route.request.url.startswith(live_server.url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", offline)
        context.add_init_script(WATCH)
        context.add_cookies([session_cookie(world.user(persona), live_server)])
        # The API docs (not linked from the pages) once, by the coordinator.
        seeds = ["/api/docs/"] if persona == "coord_a" else []
        report[persona] = crawl(context, live_server, persona, problems, seeds)
        context.close()

    assert not problems, "\n".join(dict.fromkeys(problems))
    assert not outside, f"requests left the server: {outside}"
    # The sweep really went where the payloads are shown.
    map_path = f"/projects/{world.project_a.pk}/map/"
    for persona in ("coord_a", "steer_a", "cda_a1", "comm_a1", "admin"):
        visited = report[persona]["visited"]
        assert map_path in visited, f"{persona} never reached the map: {visited}"
        assert f"/clusters/{world.a1.pk}/" in visited, f"{persona}: {visited}"
    assert "/api/docs/" in report["coord_a"]["visited"]
    # The page the stored XSS of issue 6 abused to make a CDA coordinator.
    assert f"/projects/{world.project_a.pk}/people/" in report["coord_a"]["visited"]
    assert report["coord_a"]["markers"] >= 2, report["coord_a"]
    assert len(report["coord_a"]["visited"]) >= 10, report["coord_a"]["visited"]
    assert any(p.startswith("/admin/") for p in report["admin"]["visited"])
