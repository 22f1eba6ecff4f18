"""At 360 px the result chain and indicator pages never scroll sideways (tables scroll
inside their box) and their key links stay on screen."""

import pytest

from monitoring.indicators import plan_services, services
from monitoring.models import IndicatorDefinition
from monitoring.results import services as result_services
from tests.conftest import build_world
from tests.e2e.conftest import (  # noqa: F401  (the browser set-up of the e2e tests)
    _allow_orm_beside_playwright,
    _need_chromium,
    browser_type_launch_args,
    login,
    shot,
)
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTH = 360


def test_monitoring_set_up_pages_fit_a_phone(live_server, browser, shot):  # noqa: F811
    world = build_world()
    coord = world.users["coord_a"]
    result_services.result_chain_start(actor=coord, project=world.project_a, cluster=world.a1)
    services.pool_adopt_starter(actor=coord, project=world.project_a)
    pool = IndicatorDefinition.objects.filter(project=world.project_a)
    indicator = plan_services.indicators_adopt(
        actor=coord, project=world.project_a, cluster=world.a1, definitions=pool
    )[0]
    trained = next(
        i
        for i in plan_services.indicators_adopt(
            actor=coord, project=world.project_a, cluster=world.a2, definitions=pool
        )
        if i.definition.code == "TRAINED"
    )
    phone = browser.new_context(viewport={"width": WIDTH, "height": 740}, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, "coord_a", PASSWORD)
    pages = {
        "chain": f"/clusters/{world.a1.pk}/result-chain/",
        "pool": f"/projects/{world.project_a.pk}/indicator-pool/",
        "indicators": f"/clusters/{world.a1.pk}/indicators/",
        "plan": f"/indicators/{trained.pk}/plan/",
        "targets": f"/indicators/{trained.pk}/targets/",
        "definition": f"/indicator-definitions/{indicator.definition_id}/edit/",
        "settings": f"/projects/{world.project_a.pk}/monitoring/settings/",
        "adopt": f"/projects/{world.project_a.pk}/indicators/adopt/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, path
        shot(page, f"phone-monitoring-{name}")
    page.goto(live_server.url + pages["indicators"])
    plan_link = page.locator("a", has_text="M&E plan").first
    box = plan_link.bounding_box()
    assert box is not None and box["x"] + box["width"] <= WIDTH
    phone.close()
