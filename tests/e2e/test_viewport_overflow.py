"""At 360 px nothing a user taps lies off-screen and no page scrolls sideways.

Every HTML page of the permission matrix (a GET row answering 200) is opened by every
persona the matrix lets in, in one browser with one context per persona, signed in by
session cookie. The pages come from the matrix, so a new page is covered as soon as its
row exists. The world is the matrix's, filled with the demo's rows (activities, a
meeting with decisions, indicator values) and with long names, so lists are not empty
and a long word has to wrap. Arabic (right to left) is checked for the CDA and the
coordinator. A failure lists every offending control with its page and persona.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from actionplans.models import ActivityKind, FieldActivity
from clusters.models import Cluster
from config import demo
from governance.models import Decision, DecisionStatus, Meeting, User
from tests.conftest import build_world
from tests.security.test_permission_matrix import CASES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
# Long names with long words: a cluster, a person and an activity a user could write.
LONG_CLUSTER = "Groupement interprofessionnel des artisans du cuir de Thiès-Ndiayène-Pendao"
LONG_OTHER_CLUSTER = "Kaolack-Groundnut-Processors-and-Oil-Pressers-Cooperative-Association"
LONG_SUMMARY = (
    "Atelier de formation sur les techniques de finition du cuir végétal "
    "(tannage-au-mimosa-et-à-l'acacia-nilotica) pour vingt artisanes"
)
# Routes that answer a file, a fragment for htmx, JSON or a service worker: not pages.
NOT_PAGES = (
    "service-worker",
    "health",
    "cluster-map-data",
    "people-search",
    "report-job-status",
    "appointment-terms",
    "meeting-minutes",
)

# Every link, button and form control that is shown, and every table cell, with where it
# lies when its box reaches beyond either edge of the screen. A cell off-screen is a
# column the user cannot read (a table that scrolls sideways without a hint).
OFF_SCREEN = """(width) => {
  const describe = (el, box) => {
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "")
      .trim().replace(/\\s+/g, " ").slice(0, 40);
    const id = el.id ? "#" + el.id : (el.name ? "[name=" + el.name + "]" : "");
    const where = `${Math.round(box.left)}..${Math.round(box.right)}`;
    return `<${el.tagName.toLowerCase()}${id}> "${text}" at ${where}`;
  };
  const shown = (el) => el.type !== "hidden" && el.checkVisibility({checkVisibilityCSS: true});
  const out = [];
  const selector = "a[href], button, input, select, textarea, summary, th, td";
  for (const el of document.querySelectorAll(selector)) {
    if (!shown(el)) continue;
    if (el.closest(".leaflet-container")) continue;  // a map pans; its tiles may overhang
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.left < -1 || box.right > width + 1) out.push(describe(el, box));
  }
  const scroll = document.documentElement.scrollWidth;
  if (scroll > width) out.unshift(`the page scrolls sideways (${scroll} px wide)`);
  return out;
}"""


def enrich(world) -> None:
    """The matrix's world with the demo's rows on project A, then long names."""
    Cluster.objects.filter(pk=world.a1.pk).update(name="Thiès Leather Cluster")
    Cluster.objects.filter(pk=world.a2.pk).update(name="Kaolack Groundnut Cluster")
    world.a1.refresh_from_db()
    world.a2.refresh_from_db()
    users = {
        "admin": world.users["admin"],
        "coordinator": world.users["coord_a"],
        "steering": world.users["steer_a"],
        "cda": world.users["cda_a1"],
        "cda2": world.users["cda_a2"],
        "commission": world.users["comm_a1"],
    }
    clusters = {world.a1.name: world.a1, world.a2.name: world.a2}
    for module in demo.app_demo_modules():
        module.extend_demo(project=world.project_a, clusters=clusters, users=users)
    Cluster.objects.filter(pk=world.a1.pk).update(name=LONG_CLUSTER)
    Cluster.objects.filter(pk=world.a2.pk).update(name=LONG_OTHER_CLUSTER)
    User.objects.filter(username="cda_a1").update(
        first_name="Maximiliana-Josefina", last_name="Rodriguez-Ouedraogo"
    )
    FieldActivity.objects.create(
        cluster=world.a1,
        occurred_on=timezone.localdate() - datetime.timedelta(days=1),
        kind=ActivityKind.TRAINING,
        summary=LONG_SUMMARY,
        location="Chambre-de-commerce-d'industrie-et-d'agriculture-de-Thiès",
        women=1234,
        men=987,
        recorded_by=world.users["cda_a1"],
    )
    # Every meeting the matrix opens has decisions, one with a long text and an owner.
    for meeting in Meeting.objects.filter(decisions__isnull=True):
        for status in (DecisionStatus.OPEN, DecisionStatus.DONE):
            Decision.objects.create(
                meeting=meeting,
                text="Négocier un accord-cadre d'achat groupé de peaux-tannées-au-végétal",
                responsible="Ndeye Faye-Diop, présidente du groupement",
                due_on=timezone.localdate() - datetime.timedelta(days=3),
                status=status,
            )
    for cluster in (world.a1, world.a2, world.b1):
        cluster.refresh_from_db()


def pages(world) -> dict[str, list[tuple[str, str]]]:
    """(row id, path) of every HTML page, by persona allowed to open it."""
    by_persona: dict[str, list[tuple[str, str]]] = {}
    for case in CASES:
        if case.method != "get" or case.name.startswith("admin:") or case.name in NOT_PAGES:
            continue
        allowed = [p for p, status in case.expect.items() if status == 200]
        if not allowed:
            continue
        if case.setup:
            case.setup(world)
        path = case.url(world)
        if path.startswith("/api/") or "download" in case.name or "export" in case.name:
            continue
        for persona in allowed:
            by_persona.setdefault(persona, []).append((case.id, path))
    return by_persona


def session_cookies(user, live_server, language: str | None) -> list[dict]:
    cookies = []
    if user is not None:
        client = Client()
        client.force_login(user)
        value = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": value})
    if language:
        cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": language})
    return [{**c, "url": live_server.url} for c in cookies]


def offenders(
    browser, live_server, world, personas: Iterable[str], language: str | None = None
) -> tuple[list[str], int]:
    """'persona page: what lies off-screen' for every problem on every page, and how
    many pages were opened."""
    found = []
    opened = 0
    # The matrix's rows make the objects they open on the bare world; the demo's rows
    # come after them (the demo looks up what exists before it adds anything).
    by_persona = pages(world)
    enrich(world)
    for persona in personas:
        context = browser.new_context(viewport=PHONE, is_mobile=True)
        context.add_cookies(session_cookies(world.user(persona), live_server, language))
        page = context.new_page()
        for row, path in by_persona.get(persona, []):
            try:
                response = page.goto(live_server.url + path, wait_until="load")
            except Exception as exc:  # a download starts instead of a page
                if "Download is starting" in str(exc):
                    continue
                raise
            content_type = response.headers.get("content-type", "") if response else ""
            if not content_type.startswith("text/html"):
                continue
            if not page.locator("main").count():
                continue  # a fragment for htmx, not a page
            if response.status != 200 or response.url != live_server.url + path:
                continue  # the permission matrix checks who may open what
            opened += 1
            if language:
                assert page.evaluate("document.documentElement.dir") == "rtl", path
            for problem in page.evaluate(OFF_SCREEN, PHONE["width"]):
                found.append(f"{persona} {row} {path}: {problem}")
        context.close()
    return found, opened


def test_nothing_is_off_screen_at_360_px_for_any_persona(live_server, browser):
    world = build_world()
    personas = [p for p in world.users]
    problems, opened = offenders(browser, live_server, world, personas)
    # Pages were really opened: a broken sign-in would leave only the login page.
    assert opened > 100, opened
    assert not problems, f"{len(problems)} controls off-screen at 360 px:\n" + "\n".join(problems)


def test_nothing_is_off_screen_at_360_px_in_arabic(live_server, browser):
    world = build_world()
    problems, opened = offenders(browser, live_server, world, ["cda_a1", "coord_a"], language="ar")
    assert opened > 40, opened
    assert not problems, f"{len(problems)} controls off-screen in Arabic:\n" + "\n".join(problems)
