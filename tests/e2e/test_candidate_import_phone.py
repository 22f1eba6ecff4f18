"""A coordinator imports candidate clusters on a 360 px phone (Chromium).

The preview of an uploaded file shows every row with all its columns. On a phone each
row stacks as label/value pairs: no cell and no control lies off-screen, the page does
not scroll sideways, each row's errors stay in view, and the confirm and cancel buttons
can be reached. At 1280 px the preview stays a normal table.
"""

from __future__ import annotations

import csv
import io

import pytest

from clusters.mapping.fields import CANDIDATE_FIELDS
from clusters.models import Cluster
from tests.conftest import build_world
from tests.factories import PASSWORD

from .conftest import login
from .test_viewport_overflow import OFF_SCREEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# The import's columns, in the order of its template.
HEADER = list(CANDIDATE_FIELDS)
LONG_NAME = "Groupement-interprofessionnel-des-artisans-du-cuir-de-Thiès-Ndiayène-Pendao"
LONG_OTHER = "Kaolack Groundnut Processors and Oil Pressers Cooperative Association"


def row(name: str, **overrides: str) -> list[str]:
    values = {
        "name": name,
        "sector": "leather",
        "main_products": "Chaussures, sacs, ceintures et maroquinerie-de-luxe-en-cuir-végétal",
        "region": "Thiès",
        "locality": "Ndiayène-Pendao-et-communes-rurales-avoisinantes",
        "latitude": "14.79",
        "longitude": "-16.93",
        "enterprises_micro": "100",
        "enterprises_small": "20",
        "enterprises_medium": "3",
        "enterprises_large": "0",
        "employment_women": "300",
        "employment_men": "400",
        "women_owned_share": "25.5",
        "support_institutions": "Chambre-de-commerce-d'industrie-et-d'agriculture-de-Thiès",
        "export_orientation": "low",
        "growth_potential": "4",
        "information_source": "Enquête de terrain 2025",
        "information_date": "2025-01-31",
    }
    values.update(overrides)
    return [values[h] for h in HEADER]


def csv_file(name: str, rows: list[list[str]]) -> dict:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return {"name": name, "mimeType": "text/csv", "buffer": buffer.getvalue().encode("utf-8")}


def upload(page, file: dict) -> None:
    page.set_input_files("#id_file", files=[file])
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-rows")


def assert_on_screen(page, where: str) -> None:
    problems = page.evaluate(OFF_SCREEN, PHONE["width"])
    assert not problems, f"{where}: {len(problems)} off-screen at 360 px:\n" + "\n".join(problems)


def test_coordinator_reads_the_import_preview_on_a_phone(live_server, browser, tmp_path):
    world = build_world()
    import_url = f"{live_server.url}/projects/{world.project_a.pk}/candidates/import/"
    bad = csv_file(
        "candidates-with-errors.csv",
        [
            row(LONG_NAME),
            row(LONG_OTHER, sector="agro_food", main_products="Huile d'arachide"),
            row("Far north", latitude="95", enterprises_micro="ten"),  # row 4: errors
            row("Ziguinchor mango driers", sector="agro_food", growth_potential="5"),
        ],
    )
    good = csv_file(
        "candidates.csv",
        [
            row(LONG_NAME),
            row(LONG_OTHER, sector="agro_food"),
            row("Ziguinchor mango driers", sector="agro_food", information_source=""),
        ],
    )

    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, "coord_a", PASSWORD)

    # Before any upload: the instructions, the templates and the file field.
    page.goto(import_url)
    page.screenshot(path=str(tmp_path / "import-empty-360.png"), full_page=True)
    assert_on_screen(page, "the empty import page")

    # A file with an invalid row: every row is shown, the bad cells flagged in place.
    upload(page, bad)
    assert page.locator("#import-errors").is_visible()
    page.screenshot(path=str(tmp_path / "import-errors-360.png"), full_page=True)
    assert_on_screen(page, "the preview with errors")
    bad_row = page.locator("#import-rows tbody tr.row-error")
    assert bad_row.count() == 1
    assert bad_row.locator("th").inner_text().strip() == "4"
    messages = bad_row.locator(".cell-error .errorlist")
    assert messages.count() == 2
    for i in range(messages.count()):
        box = messages.nth(i).bounding_box()
        assert messages.nth(i).is_visible() and box
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
    # Each value is led by its column, so a stacked row still says what it is.
    cells = page.locator("#import-rows tbody tr").first.locator("td")
    assert cells.count() == len(HEADER)
    assert cells.first.get_attribute("data-label")

    # A valid file: the rows, then the confirm and cancel buttons, all on screen.
    upload(page, good)
    page.screenshot(path=str(tmp_path / "import-ok-360.png"), full_page=True)
    assert_on_screen(page, "the valid preview")
    confirm = page.locator("#import-preview-ok button[name=confirm]")
    cancel = page.locator("#import-preview-ok button[name=cancel]")
    for button in (confirm, cancel):
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert button.is_visible() and box
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box

    # At 1280 px the same preview is a normal table: a header row, cells side by side.
    desktop = browser.new_context(viewport=DESKTOP)
    wide = desktop.new_page()
    login(wide, live_server, "coord_a", PASSWORD)
    wide.goto(import_url)
    upload(wide, bad)
    wide.screenshot(path=str(tmp_path / "import-errors-1280.png"), full_page=True)
    table = wide.locator("#import-rows")
    assert table.locator("thead").is_visible()
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    first = table.locator("tbody tr").first
    assert first.evaluate("r => getComputedStyle(r).display") == "table-row"
    tops = {round(c.bounding_box()["y"]) for c in first.locator("td").all()[:5]}
    assert len(tops) == 1, tops
    desktop.close()

    # The phone's confirm button imports the rows it showed.
    confirm.click()
    page.wait_for_url(f"{live_server.url}/projects/{world.project_a.pk}/candidates/")
    assert Cluster.objects.filter(project=world.project_a, name=LONG_NAME).exists()
    phone.close()
