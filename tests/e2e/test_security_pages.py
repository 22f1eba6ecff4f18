"""The pages the security work added fit a phone and say what happens, at 360 and 1280 px:
the lockout page after too many failed logins, and the confirmation before a role ends."""

import pytest

from tests.conftest import build_world
from tests.factories import PASSWORD

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_lockout_page_after_failed_logins(live_server, browser, shot, settings, width):
    build_world()
    settings.AXES_FAILURE_LIMIT = 3
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    for _ in range(3):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", "coord_a")
        page.fill("#id_password", "wrong-password")
        page.click("main button[type=submit]")
    # The right password is now refused too, with the lockout page.
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "coord_a")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    text = page.locator("main").text_content()
    assert "Too many failed login attempts" in text
    assert "administrator" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    back = page.get_by_role("link", name="Back to the login page")
    box = back.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    shot(page, f"security-lockout-{width}")
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_ending_a_role_asks_first(live_server, browser, shot, width):
    world = build_world()
    assignment = world.users["cda_a2"].role_assignments.get()
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    login(page, live_server, "coord_a", PASSWORD)
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/people/")
    page.locator(f"a[href$='/people/{assignment.pk}/end/']").first.click()
    button = page.get_by_role("button", name="End the role now")
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"security-end-role-confirm-{width}")
    # Nothing has ended yet: the page only asked.
    assignment.refresh_from_db()
    assert assignment.ends_on is None
    button.click()
    page.wait_for_url(f"**/projects/{world.project_a.pk}/people/")
    assignment.refresh_from_db()
    assert assignment.ends_on is not None
    shot(page, f"security-end-role-done-{width}")
    context.close()
