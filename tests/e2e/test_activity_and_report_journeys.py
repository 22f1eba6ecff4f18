"""The walking skeleton in a real browser: a CDA logs a field activity on a phone,
the coordinator sees it; a Steering Committee member downloads the progress report."""

import datetime

import pytest
from django.utils import timezone

from monitoring.models import ReportJob
from monitoring.reports.services import report_job_run
from tests.conftest import build_world
from tests.factories import PASSWORD

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_cda_logs_activity_on_a_phone_and_coordinator_sees_it(
    live_server, browser, shot, eager_celery
):
    world = build_world()
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, "cda_a1", PASSWORD)
    shot(page, "cda-home-360")
    page.get_by_role("button", name="Log activity").click()
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    # A future date is refused next to the field.
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    page.fill("#id_occurred_on", future)
    page.select_option("#id_kind", "training")
    page.fill("#id_summary", "Training on vegetable tanning")
    page.fill("#id_women", "9")
    page.fill("#id_men", "-2")
    page.click("main button[type=submit]")
    # The outbox stores the entry on the phone before the form goes: wait for the answer.
    page.wait_for_selector("#id_occurred_on-errors li", timeout=15_000)
    assert "The date cannot be in the future." in page.inner_text("#id_occurred_on-errors")
    assert "greater than or equal to 0" in page.inner_text("#id_men-errors")
    shot(page, "cda-activity-errors-360")
    page.fill("#id_occurred_on", yesterday)
    page.fill("#id_men", "6")
    page.fill("#id_location", "Thiès tannery")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Activity recorded.")
    assert "Training on vegetable tanning" in page.inner_text("#activities")
    # Nothing overflows the 360 px screen horizontally.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "cda-activity-list-360")
    phone.close()

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    login(page, live_server, "coord_a", PASSWORD)
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/dashboard/")
    row = page.locator("#dashboard tr", has_text="Cluster A1")
    # From the field-activity roll-up, refreshed once the entry was committed.
    assert row.locator("td").nth(2).inner_text().strip() != "—"  # last activity shown
    assert row.locator("td").nth(3).inner_text().strip() == "1"  # this quarter
    shot(page, "coordinator-dashboard")
    desk.close()


def test_steering_member_downloads_the_progress_report(
    live_server, browser, shot, tmp_path, queued_tasks
):
    world = build_world()
    context = browser.new_context(viewport={"width": 1024, "height": 800}, accept_downloads=True)
    page = context.new_page()
    login(page, live_server, "steer_a", PASSWORD)
    page.goto(f"{live_server.url}/projects/{world.project_a.pk}/reports/")
    page.click("#request-report")
    # Queued: the row says so and polls (htmx) until a worker has rendered the file.
    page.wait_for_selector("text=Preparing")
    job = ReportJob.objects.get()
    assert job.requested_by == world.users["steer_a"]
    report_job_run(job_id=job.pk)  # what the Celery worker does
    page.wait_for_selector("a.download", timeout=15_000)
    shot(page, "steering-reports")
    with page.expect_download() as download_info:
        page.click("a.download")
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    context.close()
