"""The base apps name no later phase: no URL name, template or module of diagnostics,
actionplans or monitoring appears in clusters' or governance's code and templates.
(Python imports are also checked by the import contracts: `make lint`.)"""

import importlib
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver

ROOT = Path(__file__).resolve().parent.parent
LATER_APPS = ("diagnostics", "actionplans", "monitoring")
BASE_FILES = [
    *sorted((ROOT / "templates" / "clusters").rglob("*.html")),
    *sorted((ROOT / "templates" / "governance").rglob("*.html")),
    *sorted(p for p in (ROOT / "clusters").rglob("*.py") if "migrations" not in p.parts),
    *sorted(p for p in (ROOT / "governance").rglob("*.py") if "migrations" not in p.parts),
]


def _url_names(patterns) -> set[str]:
    names = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            names |= _url_names(entry.url_patterns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def later_phase_url_names() -> set[str]:
    names = set()
    for app in LATER_APPS:
        try:
            module = importlib.import_module(f"{app}.urls")
        except ModuleNotFoundError:
            continue  # an app without pages yet
        names |= _url_names(module.urlpatterns)
    return names


def test_the_check_sees_the_later_phases_and_the_base_files():
    names = later_phase_url_names()
    assert {"project-dashboard", "report-list", "activity-create", "activity-list"} <= names
    assert ROOT / "templates" / "clusters" / "home.html" in BASE_FILES
    assert ROOT / "governance" / "access" / "policy.py" in BASE_FILES


def test_base_apps_name_no_later_phase_url():
    names = later_phase_url_names()
    alternatives = "|".join(re.escape(name) for name in sorted(names))
    quoted = re.compile(rf"""["']({alternatives})["']""")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(1)}"
        for path in BASE_FILES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in quoted.finditer(line)
    ]
    assert not found, "register a link in the later app's AppConfig.ready() instead:\n" + "\n".join(
        found
    )


def test_base_apps_name_no_later_phase_template_or_module():
    later = "|".join(LATER_APPS)
    pattern = re.compile(rf"""["'](?:{later})[/.]|\b(?:from|import) (?:{later})\b""")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in BASE_FILES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, "\n".join(found)
