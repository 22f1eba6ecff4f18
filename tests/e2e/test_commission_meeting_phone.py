"""A CDA records a Commission meeting on a 360 px phone (Chromium)."""

import pytest

from governance.bodies import services as body_services
from tests.conftest import build_world
from tests.factories import PASSWORD

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_cda_records_a_commission_meeting_on_a_phone(live_server, browser, shot):
    world = build_world()
    coord = world.users["coord_a"]
    commission = body_services.commission_ensure(actor=coord, cluster=world.a1)
    for name, sex in [("Awa Ba", "woman"), ("Ibrahima Fall", "man")]:
        body_services.body_member_create(
            actor=coord, body=commission, name=name, sex=sex, represents="Tanners' association"
        )
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, "cda_a1", PASSWORD)
    page.goto(f"{live_server.url}/clusters/{world.a1.pk}/commission/")
    page.get_by_role("button", name="Record a meeting").click()
    page.fill("#id_place", "Chambre de commerce")
    page.get_by_label("Awa Ba").check()
    page.fill("#id_other_women", "-1")
    page.click("main button[type=submit]")
    assert "greater than or equal to 0" in page.inner_text("#id_other_women-errors")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "cda-meeting-errors-360")
    page.fill("#id_other_women", "3")
    page.fill("#id_other_men", "2")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Meeting recorded.")
    assert "6 present, of whom 4 women" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "cda-meeting-detail-360")
    page.goto(f"{live_server.url}/clusters/{world.a1.pk}/")
    assert "Commission meetings" in page.inner_text("#governance")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "cda-cluster-governance-360")
    phone.close()
