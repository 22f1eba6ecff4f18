"""The field log on a phone (360 px) with a slow or absent connection: a triple tap
makes one entry; an entry typed offline survives the tab being closed and arrives
once; an entry answered 403 (the session ended) waits until the CDA signs in again.
Screenshots go to /tmp/shots/."""

import datetime
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from actionplans.models import FieldActivity
from tests.conftest import build_world
from tests.factories import PASSWORD

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
SHOTS = Path("/tmp/shots")


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _phone(browser, **options):
    context = browser.new_context(viewport=PHONE, is_mobile=True, **options)
    return context, context.new_page()


def _fill(page, summary):
    page.fill("#id_occurred_on", (timezone.localdate() - datetime.timedelta(days=1)).isoformat())
    page.select_option("#id_kind", "training")
    page.fill("#id_summary", summary)
    page.fill("#id_women", "4")
    page.fill("#id_men", "5")


def _form_url(live_server, world):
    return f"{live_server.url}/clusters/{world.a1.pk}/activities/new/"


def _offline_ready(page):
    """The service worker controls the page and holds the form for offline use (polled
    from here: the CSP forbids the string functions of wait_for_function)."""
    check = (
        "async () => navigator.serviceWorker.controller !== null"
        " && Boolean(await caches.match(location.pathname))"
    )
    for _ in range(75):
        if page.evaluate(check):
            return
        page.wait_for_timeout(200)
    raise AssertionError("the service worker did not take the form offline")


def _wait_for_rows(summary, count, timeout=15.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if FieldActivity.objects.filter(summary=summary).count() >= count:
            break
        time.sleep(0.2)
    return FieldActivity.objects.filter(summary=summary).count()


def test_a_triple_tap_on_a_slow_link_makes_one_entry(live_server, browser):
    world = build_world()
    # No service worker here: the page's own requests are the ones slowed down (CDP's
    # throttling does not reach what a service worker fetches).
    context, page = _phone(browser, service_workers="block")
    # Notes what the Save button shows once the submission has started (kept across
    # the navigation; injected by the browser, so the page's CSP does not apply).
    page.add_init_script(
        "document.addEventListener('submit', () => { const b = document.querySelector("
        "'#activity-form button[type=submit]'); if (b) sessionStorage.setItem('busy', "
        "String(b.getAttribute('aria-busy'))); });"
    )
    login(page, live_server, "cda_a1", PASSWORD)
    page.goto(_form_url(live_server, world))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 1500,
            "downloadThroughput": 50_000,
            "uploadThroughput": 20_000,
        },  # noqa: E501
    )
    _fill(page, "Training on dyeing, tapped three times")
    save = page.locator("#activity-form button[type=submit]")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for _ in range(3):  # three taps, not waiting for anything in between
        page.mouse.click(x, y)
        page.wait_for_timeout(400)
    page.wait_for_url(f"**/clusters/{world.a1.pk}/activities/", timeout=20_000)
    page.wait_for_selector("text=Activity recorded.")
    assert page.evaluate("sessionStorage.getItem('busy')") == "true"  # it showed it worked
    # The outbox confirms the entry through the API: the same client id, no second row.
    page.wait_for_selector("#outbox[data-waiting='0']", state="attached", timeout=20_000)
    assert FieldActivity.objects.filter(summary__startswith="Training on dyeing").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, "field-log-list-360")
    context.close()


def test_an_offline_entry_survives_the_tab_and_arrives_once(live_server, browser):
    world = build_world()
    context, page = _phone(browser)
    login(page, live_server, "cda_a1", PASSWORD)
    page.goto(_form_url(live_server, world))
    _offline_ready(page)
    context.set_offline(True)
    _fill(page, "Visit to the cooperative, offline")
    page.click("#activity-form button[type=submit]")
    page.wait_for_selector("text=Saved on this phone.")
    assert "Waiting to be sent: 1" in page.inner_text("#outbox")
    assert page.input_value("#id_summary") == ""  # ready for the next entry
    _shot(page, "field-log-offline-saved-360")
    page.close()  # the tab is closed

    page = context.new_page()
    page.goto(_form_url(live_server, world))  # offline: the service worker's copy
    page.wait_for_selector("text=Waiting to be sent: 1")
    assert "Visit to the cooperative, offline" in page.inner_text("#outbox-entries")
    _shot(page, "field-log-offline-reopened-360")
    assert not FieldActivity.objects.filter(summary__contains="offline").exists()
    context.set_offline(False)  # the "online" event sends it
    page.wait_for_selector("text=Sent to the server: 1", timeout=20_000)
    page.reload()
    page.wait_for_timeout(1000)
    assert FieldActivity.objects.filter(summary="Visit to the cooperative, offline").count() == 1
    _shot(page, "field-log-offline-sent-360")
    context.close()


def test_an_entry_answered_403_waits_until_the_cda_signs_in(live_server, browser):
    world = build_world()
    context, page = _phone(browser)
    login(page, live_server, "cda_a1", PASSWORD)
    page.goto(_form_url(live_server, world))
    _offline_ready(page)
    context.set_offline(True)
    _fill(page, "Meeting with the tanners, session ended")
    page.click("#activity-form button[type=submit]")
    page.wait_for_selector("text=Saved on this phone.")
    Session.objects.all().delete()  # the session ends meanwhile (signed out, expired)
    context.set_offline(False)
    page.wait_for_selector("#outbox-signin", timeout=20_000)
    assert "Sign in again to send 1 waiting entries." in page.inner_text("#outbox-status")
    _shot(page, "field-log-sign-in-again-360")
    assert not FieldActivity.objects.filter(summary__contains="session ended").exists()
    page.click("#outbox-signin")
    page.fill("#id_username", "cda_a1")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/clusters/{world.a1.pk}/activities/new/")
    page.wait_for_selector("text=Sent to the server: 1", timeout=20_000)
    assert _wait_for_rows("Meeting with the tanners, session ended", 1) == 1
    _shot(page, "field-log-sent-after-sign-in-360")
    context.close()


def _logout(page):
    # The menu may be folded on a phone: submit the sign-out form as its button would.
    with page.expect_navigation():
        page.evaluate(
            "document.querySelector(\"form[action='/accounts/logout/']\").requestSubmit()"
        )


def test_a_shared_phone_sends_each_entry_as_the_account_that_typed_it(live_server, browser):
    world = build_world()
    context, page = _phone(browser)
    login(page, live_server, "cda_a1", PASSWORD)
    page.goto(_form_url(live_server, world))
    _offline_ready(page)
    context.set_offline(True)
    _fill(page, "Dyeing workshop, typed by the CDA")
    page.click("#activity-form button[type=submit]")
    page.wait_for_selector("text=Saved on this phone.")
    # The CDA's session ends while the phone is offline: back online, the outbox would
    # otherwise send the entry at once, as hers, before the session is gone.
    Session.objects.all().delete()
    context.set_offline(False)
    page.goto(f"{live_server.url}/")
    # The coordinator signs in on the same phone: the CDA's entry is not sent as hers.
    login(page, live_server, "coord_a", PASSWORD)
    page.goto(_form_url(live_server, world))
    page.wait_for_selector("text=Entries of another account on this phone", timeout=20_000)
    assert "Dyeing workshop" not in page.inner_text("#outbox")  # nor shown to her
    page.wait_for_timeout(1500)
    assert not FieldActivity.objects.filter(summary__startswith="Dyeing workshop").exists()
    _shot(page, "field-log-other-account-360")
    # Signing out deletes the pages the service worker kept for offline use.
    assert page.evaluate("async () => Boolean(await caches.match(location.pathname))")
    _logout(page)
    assert not page.evaluate(
        f"async () => Boolean(await caches.match('/clusters/{world.a1.pk}/activities/new/'))"
    )
    # The CDA signs in again: her entry goes, once, under her name.
    login(page, live_server, "cda_a1", PASSWORD)
    page.goto(_form_url(live_server, world))
    page.wait_for_selector("text=Sent to the server: 1", timeout=20_000)
    assert _wait_for_rows("Dyeing workshop, typed by the CDA", 1) == 1
    activity = FieldActivity.objects.get(summary="Dyeing workshop, typed by the CDA")
    assert activity.recorded_by == world.users["cda_a1"]
    context.close()
