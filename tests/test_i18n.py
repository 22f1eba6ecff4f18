"""Translations: complete French, Spanish and Arabic catalogs, compiled .mo files in step
with their .po files, pages rendered in the visitor's language and writing direction
(Arabic right to left, the PDF included), and the language switcher.

The .po files are read by a small reader below (no polib in the project); the .mo
files by Python's own ``gettext``.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as gettext_

from monitoring.reports.selectors import progress_report_data
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
LANGS = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# The same ignores as the README's makemessages command.
MAKEMESSAGES_IGNORES = [".venv", "node_modules", "tests", "bench", "staticfiles"]

# What a page must (and must not) say, per language.
LOGIN_TEXT = {"fr": "Se connecter", "es": "Iniciar sesión", "ar": "تسجيل الدخول"}
MY_CLUSTERS = {"fr": "Mes clusters", "es": "Mis clústeres", "ar": "تجمعاتي"}
DASHBOARD_TEXT = {
    "fr": "Tableau de bord du projet",
    "es": "Panel de control del proyecto",
    "ar": "لوحة متابعة المشروع",
}
# Plural forms per language, as the catalog header must declare them (gettext's own rules).
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 ? 4 : 5;"
    ),
}


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """LocaleMiddleware activates the request's language for the thread: reset it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


# A tiny .po reader -------------------------------------------------------------------


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: flags, msgctxt, msgid, msgid_plural, msgstr
    ({index: text}). Obsolete (``#~``) entries are left out; the header is included
    (msgid "")."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry: dict = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": {}}
        field = None
        for line in block.splitlines():
            line = line.strip()
            if not line or line.startswith("#~"):
                continue
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
                continue
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                text = ast.literal_eval(line)
            else:
                keyword, _, rest = line.partition(" ")
                text = ast.literal_eval(rest)
                match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
                if match:
                    field = ("msgstr", int(match.group(1)))
                elif keyword == "msgstr":
                    field = ("msgstr", 0)
                elif keyword in ("msgctxt", "msgid", "msgid_plural"):
                    field = (keyword, None)
                else:
                    raise ValueError(f"{path}: cannot read {line!r}")
                if field[0] == "msgstr":
                    entry["msgstr"].setdefault(field[1], "")
                else:
                    entry[keyword] = ""
            if field is None:
                raise ValueError(f"{path}: text before any keyword: {line!r}")
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += text
            else:
                entry[field[0]] += text
        if "msgid" in entry:
            entries.append(entry)
    return entries


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


def catalog_key(entry: dict) -> str:
    """The key gettext uses: the context, EOT, the msgid."""
    if entry["msgctxt"] is not None:
        return f"{entry['msgctxt']}\x04{entry['msgid']}"
    return entry["msgid"]


def mo_catalog(path: Path) -> dict:
    with path.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def expected_catalog(entries: list[dict]) -> dict:
    """What msgfmt puts in the .mo for these entries (translated, not fuzzy, no header)."""
    catalog: dict = {}
    for e in entries:
        if not e["msgid"] or "fuzzy" in e["flags"] or not all(e["msgstr"].values()):
            continue
        if e["msgid_plural"] is None:
            catalog[catalog_key(e)] = e["msgstr"][0]
        else:
            for index, text in e["msgstr"].items():
                catalog[(catalog_key(e), index)] = text
    return catalog


def describe(e: dict) -> str:
    return repr(e["msgid"]) + (f" (context {e['msgctxt']!r})" if e["msgctxt"] else "")


# (a) The catalogs ------------------------------------------------------------------


def test_the_po_reader_reads_plurals_and_continuations(tmp_path):
    po = tmp_path / "t.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid "%(n)s one"\nmsgid_plural "%(n)s many"\n'
        'msgstr[0] "%(n)s un"\nmsgstr[1] ""\n"%(n)s plusieurs"\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "Ouvrir \\"x\\""\n\n'
        '#~ msgid "old"\n#~ msgstr "vieux"\n',
        encoding="utf-8",
    )
    header, plural, ctx = read_po(po)
    assert header["msgid"] == "" and header["msgstr"][0] == "Language: fr\n"
    assert plural["flags"] == {"fuzzy", "python-format"}
    assert plural["msgstr"] == {0: "%(n)s un", 1: "%(n)s plusieurs"}
    assert ctx["msgctxt"] == "menu" and ctx["msgstr"][0] == 'Ouvrir "x"'


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_is_translated_and_none_is_fuzzy(lang):
    path = po_path(lang)
    assert path.exists(), f"{path} is missing: run makemessages (see README)"
    entries = read_po(path)
    assert len(entries) > 100, "the catalog looks empty"
    fuzzy = [describe(e) for e in entries if "fuzzy" in e["flags"]]
    untranslated = [
        describe(e) for e in entries[1:] if not e["msgstr"] or not all(e["msgstr"].values())
    ]
    assert not fuzzy, f"{lang}: fuzzy entries (check them, then remove the flag): {fuzzy}"
    assert not untranslated, f"{lang}: untranslated strings: {untranslated}"


@pytest.mark.parametrize("lang", sorted(PLURAL_FORMS))
def test_every_plural_entry_has_the_languages_plural_forms(lang):
    """Arabic has six plural forms (zero, one, two, few, many, other): the header says so
    and every plural entry gives all six, or ngettext falls back to English for some n."""
    header, *entries = read_po(po_path(lang))
    assert f"Plural-Forms: {PLURAL_FORMS[lang]}\n" in header["msgstr"][0]
    count = int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[lang]).group(1))
    plurals = [e for e in entries if e["msgid_plural"] is not None]
    assert plurals, "no plural entry found"
    wrong = [describe(e) for e in plurals if sorted(e["msgstr"]) != list(range(count))]
    assert not wrong, f"{lang}: plural entries without {count} forms: {wrong}"


def test_arabic_plurals_pick_the_right_form():
    """The compiled catalog chooses the form Arabic grammar asks for."""
    mo = po_path("ar").with_suffix(".mo")
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    one, many = "%(n)s indicator", "%(n)s indicators"
    forms = [catalog.ngettext(one, many, n) % {"n": n} for n in (0, 1, 2, 3, 11, 100)]
    assert forms == ["0 مؤشر", "1 مؤشر", "2 مؤشران", "3 مؤشرات", "11 مؤشرًا", "100 مؤشر"]


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match(lang):
    """Python-format placeholders survive translation (msgfmt --check says the same)."""
    pattern = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-z]|%%")
    wrong = []
    for e in read_po(po_path(lang))[1:]:
        if "python-format" not in e["flags"]:
            continue
        for index, text in e["msgstr"].items():
            source = e["msgid"] if index == 0 else (e["msgid_plural"] or e["msgid"])
            if sorted(set(pattern.findall(text))) != sorted(set(pattern.findall(source))):
                wrong.append((e["msgid"], text))
    assert not wrong, wrong


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_mo_is_in_step_with_its_po(lang):
    mo = po_path(lang).with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages (see README)"
    expected = expected_catalog(read_po(po_path(lang)))
    actual = {k: v for k, v in mo_catalog(mo).items() if k != ""}
    stale = sorted(str(k) for k in expected.keys() ^ actual.keys())
    changed = sorted(str(k) for k in expected.keys() & actual.keys() if expected[k] != actual[k])
    assert not stale and not changed, (
        f"{mo} is out of date: run `manage.py compilemessages --ignore=.venv`. "
        f"Different keys: {stale[:10]}; different texts: {changed[:10]}"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_po_passes_msgfmt_check(lang, tmp_path):
    msgfmt = shutil.which("msgfmt")
    require("msgfmt", msgfmt is not None, "install Debian's gettext")
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "django.mo"), str(po_path(lang))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # msgfmt's own output says the same as the committed .mo.
    assert mo_catalog(tmp_path / "django.mo") == mo_catalog(po_path(lang).with_suffix(".mo"))


def test_every_marked_string_is_in_the_catalogs(tmp_path):
    """makemessages run afresh finds no string that the committed catalogs lack: a new
    {% translate %} or gettext() without an updated .po fails here.

    It runs on a copy of the sources (makemessages writes next to the project's own
    locale directory, which must stay untouched)."""
    require("xgettext", shutil.which("xgettext") is not None, "install Debian's gettext")
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            *MAKEMESSAGES_IGNORES, ".git", "locale", "media", "*.sqlite3", "__pycache__"
        ),
    )
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", "PYTHONPATH": str(copy)}
    ignores = [f"--ignore={name}" for name in MAKEMESSAGES_IGNORES]
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", LANGS[0], *ignores],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = {catalog_key(e) for e in read_po(copy / "locale" / LANGS[0] / "LC_MESSAGES/django.po")}
    for lang in LANGS:
        committed = {catalog_key(e) for e in read_po(po_path(lang))}
        missing = sorted(fresh - committed)
        assert not missing, (
            f"{lang}: strings marked for translation but missing from {po_path(lang)}; run "
            f"makemessages, translate them, then compilemessages (see README): {missing}"
        )


# (b) Pages in the visitor's language -----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_login_page_follows_accept_language(client, lang):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f'<html lang="{lang}"' in page
    assert LOGIN_TEXT[lang] in page
    assert "Log in" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_coordinator_dashboard_follows_accept_language(client, world, lang):
    client.force_login(world.users["coord_a"])
    response = client.get(
        f"/projects/{world.project_a.pk}/dashboard/", HTTP_ACCEPT_LANGUAGE=f"{lang},en;q=0.5"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{lang}"' in page
    assert MY_CLUSTERS[lang] in page
    assert DASHBOARD_TEXT[lang] in page
    for english in ("My clusters", "Project dashboard", "Last field activity", "Log out"):
        assert english not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")])
def test_pages_declare_their_language_and_direction(client, lang, direction):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f'<html lang="{lang}" dir="{direction}"' in page


def test_signed_in_pages_are_right_to_left_in_arabic(client, world):
    client.force_login(world.users["coord_a"])
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    # The user menu opens from the end of the bar by CSS (logical properties), not by a
    # hard-wired dir="rtl" list that would open off-screen in a right-to-left page.
    menu = re.search(r'<details class="dropdown">.*?</details>', page, re.S).group(0)
    assert not re.search(r"<ul[^>]*\bdir=", menu)
    # The name sets its own direction, so a long Latin name is cut at its end, not its start.
    assert re.search(r'<summary [^>]*dir="auto"', menu)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr" dir="ltr"' in page


def _text_positions(html: str) -> dict[str, float]:
    """Where WeasyPrint lays out each piece of text (x of its left edge, in px), from the
    layout of the document the PDF is written from (WeasyPrint has no public box API)."""
    from weasyprint import HTML

    positions: dict[str, float] = {}
    for page in HTML(string=html).render().pages:
        for box in page._page_box.descendants():
            text = getattr(box, "text", "").strip()
            if text:
                positions.setdefault(text, box.position_x)
    return positions


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_progress_pdf_is_laid_out_in_the_reports_language(world, lang, direction):
    """The report worker renders under the job's language (translation.override): the PDF
    declares it, and in Arabic its tables run from the right (first column rightmost)."""
    with translation.override(lang):
        html = render_to_string(
            "monitoring/report_progress.html", progress_report_data(project=world.project_a)
        )
        first, last = gettext_("Type"), gettext_("Men")  # one-word headers: no wrapping
    assert f'<html lang="{lang}" dir="{direction}">' in html
    positions = _text_positions(html)
    assert first in positions and last in positions, sorted(positions)
    if direction == "rtl":
        assert positions[first] > positions[last]
        assert "@bottom-left" in html  # the page number at the end of the line
    else:
        assert positions[first] < positions[last]


def test_english_stays_the_default(client, world):
    client.force_login(world.users["coord_a"])
    page = client.get(f"/projects/{world.project_a.pk}/dashboard/").content.decode()
    assert '<html lang="en"' in page and "My clusters" in page


# (c) The language switcher ---------------------------------------------------------


@pytest.mark.django_db
def test_the_switcher_is_on_the_login_page():
    page = Client().get("/accounts/login/").content.decode()
    form = re.search(r'<form action="/i18n/setlang/" method="post".*?</form>', page, re.S)
    assert form, "no language form on the login page"
    assert '<select name="language"' in form.group(0)
    options = re.findall(r'<option value="(\w+)"', form.group(0))
    assert options == [code for code, _name in settings.LANGUAGES]
    assert 'name="csrfmiddlewaretoken"' in form.group(0)
    assert 'name="next" value="/accounts/login/"' in form.group(0)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_anonymous_visitor_switches_language_on_the_login_page(lang):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/").content.decode()
    token = re.search(
        r'action="/i18n/setlang/".*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S
    ).group(1)
    response = client.post(
        "/i18n/setlang/",
        {"language": lang, "next": "/accounts/login/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"  # not the login redirect
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == lang
    page = client.get("/accounts/login/").content.decode()
    assert LOGIN_TEXT[lang] in page
    assert f'<option value="{lang}" lang="{lang}" selected>' in page


@pytest.mark.parametrize("lang", LANGS)
def test_signed_in_user_switches_language(client, world, lang):
    client.force_login(world.users["coord_a"])
    dashboard = f"/projects/{world.project_a.pk}/dashboard/"
    response = client.post("/i18n/setlang/", {"language": lang, "next": dashboard})
    assert response.status_code == 302 and response["Location"] == dashboard
    # The choice outranks the browser's Accept-Language.
    page = client.get(dashboard, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert MY_CLUSTERS[lang] in page and DASHBOARD_TEXT[lang] in page
    # And back to English.
    client.post("/i18n/setlang/", {"language": "en", "next": dashboard})
    assert "My clusters" in client.get(dashboard).content.decode()


@pytest.mark.django_db
def test_unknown_language_and_foreign_next_are_refused(client):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
