"""The API's browsable pages work under the Content-Security-Policy: a signed-in user
who opens an API address in the browser gets DRF's page with its scripts run and its
layout (the policy blocks DRF's inline style attributes; a stylesheet gives the same)."""

import pytest

from tests.conftest import build_world
from tests.factories import PASSWORD

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_browsable_api_runs_its_scripts_and_keeps_its_layout(live_server, browser, shot):
    build_world()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "script-src" in message.text else None,
    )
    login(page, live_server, "coord_a", PASSWORD)
    response = page.goto(f"{live_server.url}/api/field-activities/")
    assert response is not None and response.status == 200
    assert "text/html" in response.headers["content-type"]
    page.wait_for_load_state("networkidle")
    assert page.locator(".response-info pre").first.is_visible()
    # Bootstrap's script ran: it turns each button's title into a tooltip.
    get = page.get_by_role("link", name="GET", exact=True)
    assert get.get_attribute("data-original-title")
    # The filters button sits at the right, in the row of the GET button, as DRF lays
    # it out (without the stylesheet it fell to the left, on a row of its own).
    filters = page.get_by_role("button", name="Filters")
    region = page.locator(".region").first.bounding_box()
    box, get_box = filters.bounding_box(), get.bounding_box()
    assert region and box and get_box
    assert box["x"] > region["x"] + region["width"] / 2
    assert abs(box["y"] - get_box["y"]) < 10
    filters.click()
    page.locator("#filtersModal").wait_for(state="visible", timeout=5000)
    shot(page, "browsable-api-1280")
    assert blocked == []
    context.close()
