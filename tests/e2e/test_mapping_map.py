"""The map and the candidate list in a real browser, with no internet at all."""

import pytest

from clusters.models import Cluster
from tests.conftest import build_world
from tests.factories import PASSWORD, ClusterFactory

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_coordinator_sees_the_map_offline_and_filters_it(live_server, browser, shot, settings):
    settings.MAP_TILE_URL = ""
    world = build_world()
    Cluster.objects.filter(pk=world.a1.pk).update(latitude="14.79", longitude="-16.93", phase=3)
    Cluster.objects.filter(pk=world.a2.pk).update(latitude="14.15", longitude="-16.07")
    ClusterFactory(
        project=world.project_a,
        name="Ziguinchor Cashew",
        sector="agro_food",
        region="Ziguinchor",
        latitude="12.57",
        longitude="-16.27",
        enterprises_micro=90,
    )
    ClusterFactory(project=world.project_a, name="Nowhere yet", sector="wood")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside = []

    def block_outside(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", block_outside)
    page = context.new_page()
    login(page, live_server, "coord_a", PASSWORD)
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/map/")
    page.wait_for_selector("#cluster-map[data-points='3']")
    # The project's country outline comes from its own small file (static/geo/).
    page.wait_for_function("document.querySelectorAll('#cluster-map path').length > 0")
    assert "Nowhere yet" in page.inner_text("#map-unplaced")
    assert "3. Diagnostic" in page.inner_text("#map-legend")
    page.check("input[name=colour][value=status]")
    assert "Selected" in page.inner_text("#map-legend")
    assert "Candidate" in page.inner_text("#map-legend")
    shot(page, "map-coordinator-offline")
    page.select_option("#id_sector", "agro_food")
    page.wait_for_selector("#cluster-map[data-points='1']")
    assert "sector=agro_food" in page.url
    assert outside == []
    context.close()

    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, "cda_a1", PASSWORD)
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/map/")
    page.wait_for_selector("#cluster-map[data-points='1']")
    shot(page, "map-cda-360")
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/candidates/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "candidates-cda-360")
    page.goto(f"{live_server.url}/clusters/{world.a1.pk}/mapping/")
    page.fill("#id_enterprises_micro", "-4")
    page.click("#candidate-form button[type=submit]")
    assert "greater than or equal to 0" in page.inner_text("#id_enterprises_micro-errors")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "candidate-edit-errors-360")
    phone.close()


def test_coordinator_imports_a_file_after_fixing_its_errors(live_server, browser, shot):
    world = build_world()
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(page, live_server, "coord_a", PASSWORD)
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/candidates/")
    page.get_by_role("button", name="Import").click()
    bad = (
        "name,sector,latitude,enterprises_micro\nKolda Rice,agro_food,95,12\nCluster A1,mining,,x\n"
    )
    page.set_input_files(
        "#id_file", {"name": "bad.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    page.click("#import-form button[type=submit]")
    errors = page.inner_text("#import-errors")
    assert "Row 2, column “latitude”" in errors
    assert "Row 3, column “sector”" in errors and "Row 3, column “name”" in errors
    assert "Row 3, column “enterprises_micro”" in errors
    shot(page, "import-errors")
    good = "name,sector,latitude,enterprises_micro\nKolda Rice,agro_food,12.9,12\nTouba,metal,,3\n"
    page.set_input_files(
        "#id_file", {"name": "good.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    page.click("#import-form button[type=submit]")
    page.get_by_role("button", name="Import 2 clusters").click()
    page.wait_for_selector("text=2 candidate clusters imported")
    assert "Kolda Rice" in page.inner_text("#candidates")
    shot(page, "import-done")
