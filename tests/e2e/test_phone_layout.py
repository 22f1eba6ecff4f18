"""At 360 px the page never scrolls sideways, whatever the user's name is.

Factory names are random, so a long name once made the header 2 px too wide on
some runs only; this test makes the long name deliberate.
"""

import pytest

from governance.models import User
from tests.conftest import build_world
from tests.factories import PASSWORD

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 360


def test_long_user_name_does_not_widen_phone_pages(live_server, browser, shot):
    world = build_world()
    User.objects.filter(username="cda_a1").update(
        first_name="Maximiliana-Josefina", last_name="Rodriguez-Ouedraogo"
    )
    phone = browser.new_context(viewport={"width": WIDTH, "height": 740}, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, "cda_a1", PASSWORD)
    for path in (
        "/",
        f"/clusters/{world.a1.pk}/",
        f"/projects/{world.project_a.pk}/candidates/",
        f"/clusters/{world.a1.pk}/commission/",
    ):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, path
    # The full name is still there for assistive technology and on hover.
    assert "Maximiliana-Josefina" in page.locator("header details summary").text_content()
    shot(page, "phone-long-name-commission")
    phone.close()
