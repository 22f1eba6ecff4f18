"""The Content-Security-Policy is on every page, and nothing in the code base needs
(or smuggles) inline script, inline style or HTML built from strings.

The browser side (no violation on any page, for any role) is
tests/security/test_xss_sweep.py; these checks are fast and need no browser.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from tests.conftest import build_world

from .test_permission_matrix import CASES

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = ("governance", "clusters", "diagnostics", "actionplans", "monitoring")

EXPECTED = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_policy(header: str | None, where: str) -> None:
    assert header, f"{where}: no Content-Security-Policy header"
    policy = directives(header)
    for name, sources in EXPECTED.items():
        assert policy.get(name) == sources, f"{where}: {name} is {policy.get(name)}"
    assert policy["img-src"][:2] == ["'self'", "data:"], f"{where}: img-src {policy['img-src']}"
    assert "unsafe" not in header, f"{where}: {header}"


@pytest.mark.django_db
def test_every_page_of_the_app_carries_the_policy(client):
    """Every GET route of the permission matrix, as the first persona that may open it
    (and the 403/404/login pages others get): the header is there with every directive."""
    world = build_world()
    html_pages = 0
    for case in CASES:
        if case.method != "get":
            continue
        if case.setup:
            case.setup(world)
        url = case.url(world)
        personas = [p for p, status in case.expect.items() if status == 200] or ["anon"]
        # One that may read it, and one that is refused (403/404) or sent to login.
        others = [p for p, status in case.expect.items() if status in (302, 403, 404)]
        for persona in personas[:1] + others[:1]:
            client.logout()
            if world.user(persona) is not None:
                client.force_login(world.user(persona))
            response = client.get(url)
            where = f"GET {url} as {persona} ({response.status_code})"
            assert_policy(response.headers.get("Content-Security-Policy"), where)
            if response.headers.get("Content-Type", "").startswith("text/html"):
                html_pages += 1
    assert html_pages >= 30, html_pages


# A stored payload that reached the page as markup (not as escaped text).
RAW_PAYLOAD = re.compile(
    r"<img src=x onerror=|<svg onload=|<script>window\.__xss|href=[\"']?javascript:", re.I
)


@pytest.mark.django_db
def test_no_page_or_report_echoes_a_stored_payload_as_markup(client):
    """Server side of the XSS sweep, without a browser: with a payload in every text
    field, no HTML page of the matrix (as a persona who may open it) and no PDF report
    source carries it unescaped. JSON answers carry it as a string, which is right."""
    from monitoring.reports.selectors import progress_report_data

    from .test_xss_sweep import fill_every_text_field

    world = build_world()
    pages = []  # the matrix's rows build their objects first, then every field is filled
    for case in CASES:
        readers = [p for p, status in case.expect.items() if status == 200]
        if case.method == "get" and readers:
            if case.setup:
                case.setup(world)
            pages.append((case.url(world), readers[0]))
    fill_every_text_field(world)
    checked = 0
    for url, reader in pages:
        client.logout()
        if world.user(reader) is not None:
            client.force_login(world.user(reader))
        response = client.get(url)
        if getattr(response, "streaming", False):
            continue
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        checked += 1
        body = response.content.decode()
        found = RAW_PAYLOAD.search(body)
        assert not found, (
            f"GET {url} as {reader}: {body[max(0, found.start() - 120) : found.end() + 80]}"
        )
    assert checked >= 25, checked
    pdf_source = render_to_string(
        "monitoring/report_progress.html", progress_report_data(project=world.project_a)
    )
    assert "Cluster.name" in pdf_source  # the payloads are there, escaped
    assert not RAW_PAYLOAD.search(pdf_source)


@pytest.mark.django_db
def test_the_api_docs_need_no_inline_script_or_style(client):
    world = build_world()
    client.force_login(world.user("coord_a"))
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts and all("src=" in attrs for attrs in scripts), scripts
    assert "<style" not in html and " style=" not in html
    init = re.search(r'<script src="([^"]*\?[^"]*script[^"]*)"', html).group(1)
    script = client.get(init.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in script.content.decode()


def policy_with_env(**env) -> str:
    """The img-src the settings build when the process starts with ``env``."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_map_tiles_are_allowed_only_from_the_configured_host():
    assert policy_with_env(MAP_TILE_URL="") == ["'self'", "data:"]
    assert policy_with_env(MAP_TILE_URL="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png") == [
        "'self'",
        "data:",
        "https://*.tile.openstreetmap.org",
    ]
    assert policy_with_env(MAP_TILE_URL="https://tiles.example.org:8443/{z}/{x}/{y}.png") == [
        "'self'",
        "data:",
        "https://tiles.example.org:8443",
    ]


def test_production_settings_keep_the_policy():
    source = (ROOT / "config" / "production.py").read_text()
    assert "CONTENT_SECURITY_POLICY" not in source  # inherited from config.settings as is
    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE


# Static checks ----------------------------------------------------------------------
def template_files():
    folders = [ROOT / "templates"] + [ROOT / app / "templates" for app in PROJECT_APPS]
    for folder in folders:
        if folder.is_dir():
            yield from sorted(folder.rglob("*.html"))


TEMPLATE_RULES = [
    (re.compile(r"\|\s*safe(seq)?\b"), "the |safe filter (user text would become HTML)"),
    (re.compile(r"\bmark_safe\b"), "mark_safe"),
    (re.compile(r"{%\s*autoescape\s+off"), "autoescape off"),
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script> (use a file)"),
    (re.compile(r"<style\b", re.I), "an inline <style> (use static/css)"),
    (re.compile(r"<[^>]*\sstyle\s*=", re.I), "a style= attribute (use a class)"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "an inline event handler (on...=)"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


# Templates that WeasyPrint turns into PDF files and no browser ever gets: their
# inline <style> is the print layout (autoescape still applies to the data in them).
PRINT_ONLY = {"templates/monitoring/report_progress.html"}
COMMENTS = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)


def test_no_template_marks_data_safe_or_carries_inline_script_or_style():
    found = []
    files = list(template_files())
    assert len(files) > 20
    for path in files:
        # Comments are blanked (not removed) so line numbers stay right.
        text = COMMENTS.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), path.read_text())
        if str(path.relative_to(ROOT)) in PRINT_ONLY:
            text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
        for rule, what in TEMPLATE_RULES:
            for match in rule.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {what}: {match.group(0)[:60]}")
    assert not found, "\n".join(found)


def test_no_python_code_marks_strings_safe():
    found = []
    for app in PROJECT_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if re.search(r"\bmark_safe\b|\bSafeString\b|\bSafeData\b|\|safe\b", line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


# Functions in static/js that build DOM nodes (with textContent): the only things a
# Leaflet tooltip or popup may be given. Leaflet writes a string with innerHTML.
NODE_BUILDERS = ("el", "popup")
JS_RULES = [
    (re.compile(r"\.(innerHTML|outerHTML)\b"), "innerHTML/outerHTML (build nodes)"),
    (re.compile(r"\binsertAdjacentHTML\b"), "insertAdjacentHTML (build nodes)"),
    (re.compile(r"\bdocument\.write(ln)?\b"), "document.write"),
    (re.compile(r"\beval\s*\(|\bnew\s+Function\b"), "eval / new Function"),
    (re.compile(r"\bset(Timeout|Interval)\s*\(\s*['\"`]"), "a string given to setTimeout"),
    (re.compile(r"\.(parseFromString|createContextualFragment)\b"), "HTML parsed from a string"),
    (
        re.compile(
            r"\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\s*\(\s*"
            rf"(?!(?:{'|'.join(NODE_BUILDERS)})\s*\()"
        ),
        f"a Leaflet tooltip/popup given something else than a DOM node from {NODE_BUILDERS}",
    ),
    (
        re.compile(
            r"""[{,]\s*["']?href["']?\s*:(?!\s*safeHref\()|\.href\s*=(?!=)|setAttribute\(\s*["']href"""
        ),
        "a link built from data without safeHref()",
    ),
]


def test_no_script_turns_strings_into_html():
    files = sorted((ROOT / "static" / "js").rglob("*.js"))
    assert files
    found = []
    for path in files:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for rule, what in JS_RULES:
                if rule.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {what}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_static_checks_catch_the_old_map_code():
    """The rules above would have caught the stored XSS of issue 6."""
    old = "L.circleMarker(p).bindPopup(popup(c)).bindTooltip(c.name).addTo(points);"
    assert [what for rule, what in JS_RULES if rule.search(old)]
    assert not [
        what for rule, what in JS_RULES if rule.search(old.replace("c.name", 'el("span", c.name)'))
    ]
    for bad in (
        '<img src=x onerror="alert(1)">',
        "{{ c.name|safe }}",
        '<a style="x">',
        "<script>x</script>",
    ):
        assert [what for rule, what in TEMPLATE_RULES if rule.search(bad)], bad
    assert not [w for r, w in TEMPLATE_RULES if r.search('<script src="/static/js/a.js"></script>')]
