"""Values on a phone: the CDA submits two due values (one by sex) at 360 px; the
coordinator returns one with a reason and approves the other; the CDA sees the reason,
fixes and resubmits; the coordinator approves; both show approved on the indicator page."""

from pathlib import Path

import pytest

from monitoring.models import Disaggregation, MonitoringSettings
from monitoring.values.views import form_prefix
from tests.conftest import build_world
from tests.factories import PASSWORD
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory
from tests.monitoring.values.helpers import ended

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
SHOTS = Path("/tmp/shots")


def _snap(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _form(page, indicator):
    period = ended(indicator)
    return page.locator(f"#due-{indicator.pk}-{period.key}"), form_prefix(indicator, period)


def test_values_from_phone_entry_to_approval(live_server, browser, shot):
    world = build_world()
    MonitoringSettings.objects.create(project=world.project_a, lock_after_days=366)
    trained = IndicatorFactory(
        cluster=world.a1,
        definition=DefinitionFactory(project=world.project_a, code="PT", name="People trained"),
    )
    jobs = IndicatorFactory(
        cluster=world.a1,
        definition=DefinitionFactory(
            project=world.project_a,
            code="NJ",
            name="New jobs",
            disaggregation=Disaggregation.SEX,
        ),
    )
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    cda = phone.new_page()
    login(cda, live_server, "cda_a1", PASSWORD)
    due_url = f"{live_server.url}/values/due/?cluster={world.a1.pk}"
    cda.goto(due_url)
    _fits(cda, PHONE["width"])
    _snap(cda, "due-360")
    card, prefix = _form(cda, trained)
    card.locator(f"#id_{prefix}-value").fill("25")
    card.get_by_role("button", name="Submit").click()
    cda.wait_for_selector("text=Value submitted for approval.")
    card, prefix = _form(cda, jobs)
    card.locator(f"#id_{prefix}-women").fill("4")
    card.locator(f"#id_{prefix}-men").fill("5")
    card.locator(f"#id_{prefix}-value").fill("10")
    card.get_by_role("button", name="Submit").click()
    assert "add up to 9, not 10" in cda.inner_text("main")
    _fits(cda, PHONE["width"])
    cda.fill(f"#id_{prefix}-value", "9")
    cda.get_by_role("button", name="Submit").click()
    cda.wait_for_selector("text=Value submitted for approval.")

    coord_phone = phone.browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    login(coord_phone, live_server, "coord_a", PASSWORD)
    coord_phone.goto(f"{live_server.url}/projects/{world.project_a.pk}/values/queue/")
    _fits(coord_phone, PHONE["width"])
    _snap(coord_phone, "queue-360")
    coord_phone.context.close()

    desk = browser.new_context(viewport=DESK)
    coord = desk.new_page()
    login(coord, live_server, "coord_a", PASSWORD)
    queue_url = f"{live_server.url}/projects/{world.project_a.pk}/values/queue/"
    coord.goto(queue_url)
    _snap(coord, "queue-1280")
    jobs_card = coord.locator("article.queue-item", has_text="New jobs")
    jobs_card.locator("summary").click()
    jobs_card.locator("textarea").fill("The register lists 6 men")
    jobs_card.get_by_role("button", name="Return with this reason").click()
    coord.wait_for_selector("text=Value returned with your reason.")
    coord.locator("article.queue-item", has_text="People trained").locator(
        "input[type=checkbox]"
    ).check()
    coord.get_by_role("button", name="Approve selected").click()
    coord.wait_for_selector("text=1 value approved.")

    cda.goto(due_url)
    assert "Returned: The register lists 6 men" in cda.inner_text("main")
    card, prefix = _form(cda, jobs)
    card.locator(f"#id_{prefix}-men").fill("6")
    card.locator(f"#id_{prefix}-value").fill("10")
    card.get_by_role("button", name="Submit").click()
    cda.wait_for_selector("text=Value submitted for approval.")

    coord.goto(queue_url)
    coord.locator("article.queue-item", has_text="New jobs").locator("input[type=checkbox]").check()
    coord.get_by_role("button", name="Approve selected").click()
    coord.wait_for_selector("text=1 value approved.")

    for indicator, figure in ((trained, "25"), (jobs, "women 4, men 6")):
        cda.goto(f"{live_server.url}/indicators/{indicator.pk}/")
        row = cda.locator(f"#period-{ended(indicator).key}")
        assert "Approved" in row.inner_text() and figure in row.inner_text()
        _fits(cda, PHONE["width"])
    assert "Resubmitted" in cda.inner_text("#history")
    _snap(cda, "indicator-360")

    coord.goto(f"{live_server.url}/values/due/?project={world.project_a.pk}")
    _snap(coord, "due-1280")
    phone.close()
    desk.close()
