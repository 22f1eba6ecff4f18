"""The ranking page recomputes in the browser when a weight changes (no reload)."""

import pytest

from clusters.models import Cluster, Criterion
from tests.conftest import build_world
from tests.factories import PASSWORD

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_changing_a_weight_reranks_without_reload(live_server, browser, shot):
    world = build_world()
    project = world.project_a
    Cluster.objects.filter(pk=world.a1.pk).update(employment_women=100, women_owned_share=10)
    Cluster.objects.filter(pk=world.a2.pk).update(employment_women=10, women_owned_share=90)
    jobs = Criterion.objects.create(
        project=project, name="Jobs", kind="mapping", source="employment_total", weight=2, order=1
    )
    women = Criterion.objects.create(
        project=project, name="Women", kind="mapping", source="women_owned_share", weight=1, order=2
    )
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, "coord_a", PASSWORD)
    page.goto(f"{live_server.url}/projects/{project.pk}/selection/")
    first = page.locator("#ranking-table tbody tr").first
    assert "Cluster A1" in first.inner_text()
    page.evaluate("window.__marker = 1")
    page.fill(f"input[name=weight-{women.pk}]", "3")
    assert "Cluster A2" in page.locator("#ranking-table tbody tr").first.inner_text()
    assert page.evaluate("window.__marker") == 1  # same page: no reload
    page.fill(f"input[name=weight-{jobs.pk}]", "0")
    page.fill(f"input[name=weight-{women.pk}]", "0")
    assert page.locator("#ranking-zero").is_visible()
    page.fill(f"input[name=weight-{women.pk}]", "3")
    page.fill(f"input[name=weight-{jobs.pk}]", "2")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "selection-ranking-360")
    page.get_by_role("button", name="Save these weights").click()
    page.wait_for_selector("text=Weights saved")
    assert str(Criterion.objects.get(pk=women.pk).weight) == "3.00"
    assert "Cluster A2" in page.locator("#ranking-table tbody tr").first.inner_text()
    phone.close()


def test_tie_and_weight_banners_follow_the_weights(live_server, browser):
    world = build_world()
    project = world.project_a
    # With equal weights A1 (jobs) and A2 (women) tie at 0.5.
    Cluster.objects.filter(pk=world.a1.pk).update(employment_women=100, women_owned_share=10)
    Cluster.objects.filter(pk=world.a2.pk).update(employment_women=10, women_owned_share=90)
    jobs = Criterion.objects.create(
        project=project, name="Jobs", kind="mapping", source="employment_total", weight=1, order=1
    )
    women = Criterion.objects.create(
        project=project, name="Women", kind="mapping", source="women_owned_share", weight=1, order=2
    )
    coop = Criterion.objects.create(  # nobody scored it: no values, left out
        project=project, name="Cooperation", kind="expert", weight=0, order=3
    )
    context = browser.new_context()
    page = context.new_page()
    login(page, live_server, "coord_a", PASSWORD)
    url = f"{live_server.url}/projects/{project.pk}/selection/"
    page.goto(url)
    ties, zero = page.locator("#ranking-ties"), page.locator("#ranking-zero")
    assert ties.is_visible() and not zero.is_visible()
    page.fill(f"input[name=weight-{women.pk}]", "3")
    assert not ties.is_visible()
    page.fill(f"input[name=weight-{women.pk}]", "1")
    assert ties.is_visible()
    page.fill(f"input[name=weight-{jobs.pk}]", "0")
    page.fill(f"input[name=weight-{women.pk}]", "0")
    assert zero.is_visible() and "All weights are zero" in zero.inner_text()
    assert not ties.is_visible()
    page.fill(f"input[name=weight-{coop.pk}]", "2")
    assert "Only criteria without any values carry weight" in zero.inner_text()
    page.fill(f"input[name=weight-{jobs.pk}]", "1")
    assert not zero.is_visible() and not ties.is_visible()
    assert "Cluster A1" in page.locator("#ranking-table tbody tr").first.inner_text()
    # A page drawn with every weight at zero loses its message once a weight is given.
    Criterion.objects.filter(project=project).update(weight=0)
    page.goto(url)
    assert zero.is_visible() and "All weights are zero" in zero.inner_text()
    page.fill(f"input[name=weight-{jobs.pk}]", "1")
    assert not zero.is_visible()
    assert page.locator("p.message:visible", has_text="All weights are zero").count() == 0
    assert page.locator("#ranking-table tbody tr .rank").first.inner_text().strip() == "1"
    context.close()
