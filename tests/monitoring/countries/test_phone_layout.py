"""The country view on a 360 px phone: the page never scrolls sideways and its tables
fit the screen (nothing hidden behind a sideways scroll)."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import build_world
from tests.e2e.conftest import (  # noqa: F401 (the browser tests' fixtures)
    _allow_orm_beside_playwright,
    _need_chromium,
    browser_type_launch_args,
    login,
)
from tests.factories import PASSWORD, ProjectFactory

from .helpers import activities, project_indicator, stamp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 360


def test_the_country_view_fits_a_phone(live_server, browser):
    world = build_world()
    long = ProjectFactory(
        name="Programme de développement des grappes agro-alimentaires de Casamance",
        donor="Agence de coopération internationale pour le développement",
        country="SN",
    )
    project_indicator(long, code="IND-LONG-01", target=12500000, actual=9876543.21)
    activities(world.a1, month=datetime.date(timezone.localdate().year, 1, 1), count=1234)
    stamp(world.project_a, timezone.now())
    phone = browser.new_context(viewport={"width": WIDTH, "height": 740}, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, "po_a", PASSWORD)
    for path in ("/countries/", "/countries/SN/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, path
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('main table')]"
            ".map(t => t.getBoundingClientRect().right))"
        )
        assert widest <= WIDTH, (path, widest)
    assert "Casamance" in page.locator("#country-projects").text_content()
    phone.close()
