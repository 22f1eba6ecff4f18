"""The CDA's field journey in Arabic, right to left, on a 360 px phone: switch to Arabic,
log a field activity from the home page's cluster card, find it in the list. The page
is mirrored (dir="rtl"), nothing lies off-screen sideways, and the user menu opens
inside the screen in both directions. Screenshots go to /tmp/shots/ar-*.png."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from tests.conftest import build_world
from tests.factories import PASSWORD

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
SHOTS = Path("/tmp/shots")

LOG_ACTIVITY = "تسجيل نشاط"
ACTIVITY_RECORDED = "سُجّل النشاط."
FUTURE_DATE_REFUSED = "لا يمكن أن يكون التاريخ في المستقبل."
SUMMARY = "تدريب على الدباغة النباتية لعشرين حرفيًا"

# Every link, button and form control that is shown, and where it lies.
CONTROLS_OFF_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("a, button, input, select, textarea, summary")]
    .filter((el) => el.offsetParent !== null && el.type !== "hidden")
    .map((el) => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
    .filter(([, box]) => box.width > 0 && (box.left < -1 || box.right > width + 1))
    .map(([html, box]) => `${html} (${Math.round(box.left)}..${Math.round(box.right)})`);
}"""


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"ar-{name}.png"), full_page=True)


def assert_fits(page):
    """No sideways scroll, and no control beyond either edge of the screen."""
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert page.evaluate(CONTROLS_OFF_SCREEN) == [], page.url


def direction(page):
    return page.evaluate(
        "[document.documentElement.lang, document.documentElement.dir,"
        " getComputedStyle(document.body).direction]"
    )


def switch_language(page, code):
    page.select_option("#language-select", code)
    with page.expect_navigation():
        page.locator("#language-form button[type=submit]").click()


def assert_user_menu_opens_on_screen(page):
    menu = page.locator("header details.dropdown")
    menu.locator("summary").click()
    box = menu.locator("ul").bounding_box()
    width = page.evaluate("window.innerWidth")
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
    menu.locator("summary").click()  # closed again


def test_cda_logs_a_field_activity_in_arabic_on_a_phone(live_server, browser):
    build_world()
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, "cda_a1", PASSWORD)
    assert direction(page) == ["en", "ltr", "ltr"]
    assert_user_menu_opens_on_screen(page)

    switch_language(page, "ar")
    assert direction(page) == ["ar", "rtl", "rtl"]
    assert "تجمعاتي" in page.inner_text("header")
    # The brand starts the bar on the right, the user menu ends it on the left.
    brand = page.locator("header .brand").bounding_box()
    menu = page.locator("header details.dropdown").bounding_box()
    assert brand["x"] > menu["x"]
    assert_fits(page)
    assert_user_menu_opens_on_screen(page)
    shoot(page, "home-360")

    card = page.locator("article", has_text="Cluster A1")
    card.locator("a, button", has_text=LOG_ACTIVITY).first.click()
    page.wait_for_selector("#id_summary")
    assert direction(page)[1] == "rtl"
    # Labels and fields start on the right.
    label = page.locator("label[for=id_summary]").bounding_box()
    assert label["x"] + label["width"] > PHONE["width"] - 40
    assert_fits(page)
    shoot(page, "activity-form-360")

    # A refused date is explained in Arabic next to its field.
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    page.fill("#id_occurred_on", future)
    page.select_option("#id_kind", "training")
    page.fill("#id_summary", SUMMARY)
    page.fill("#id_location", "مدبغة القيروان")
    page.fill("#id_women", "12")
    page.fill("#id_men", "8")
    page.click("main button[type=submit]")
    page.wait_for_selector("#id_occurred_on-errors")
    assert FUTURE_DATE_REFUSED in page.inner_text("#id_occurred_on-errors")
    assert_fits(page)
    shoot(page, "activity-errors-360")

    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    page.fill("#id_occurred_on", yesterday)
    page.click("main button[type=submit]")
    page.wait_for_selector(f"text={ACTIVITY_RECORDED}")
    listing = page.locator("#activities")
    assert SUMMARY in listing.inner_text()
    assert "تدريب" in listing.inner_text()  # the activity type, translated
    assert direction(page)[1] == "rtl"
    # The table runs right to left: its first column (the date) is the rightmost.
    headers = listing.locator("thead th")
    first, last = headers.first.bounding_box(), headers.last.bounding_box()
    if first["y"] == last["y"]:  # a table row, not stacked cells
        assert first["x"] > last["x"]
    assert_fits(page)
    shoot(page, "activity-list-360")

    page.set_viewport_size(DESK)
    assert_fits(page)
    shoot(page, "activity-list-1280")
    page.goto(f"{live_server.url}/")
    assert direction(page)[1] == "rtl"
    assert_fits(page)
    assert_user_menu_opens_on_screen(page)
    shoot(page, "home-1280")

    # And back to English: left to right again, the menu still on screen.
    page.set_viewport_size(PHONE)
    switch_language(page, "en")
    assert direction(page) == ["en", "ltr", "ltr"]
    assert_fits(page)
    assert_user_menu_opens_on_screen(page)
    phone.close()
