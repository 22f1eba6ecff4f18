"""Mapping, selection and governance (phases 1 and 2) end to end, through the real
pages, as the users would do them.

The coordinator imports candidate clusters from an Excel file, adds the starter
criteria, scores the candidates as an expert and tries a weight on the ranking page
(the order changes without a reload), then saves the weights. A Steering Committee
member records the selection decision; the selected cluster enters phase 2. The
coordinator appoints a lead CDA, who finds the cluster on "My clusters" on a phone,
sets up the Cluster Commission, records its first meeting with attendance and a
decision, and sees the cluster's governance panel count it.
"""

import datetime

import pytest
from django.utils import timezone

from clusters.models import Cluster, ClusterStatus, Criterion, SelectionDecision
from governance.models import (
    AppointmentKind,
    CDAAppointment,
    Decision,
    DecisionStatus,
    Meeting,
    Role,
    RoleAssignment,
)
from tests.clusters.mapping.helpers import XLSX_TYPE, xlsx_bytes
from tests.conftest import build_world
from tests.factories import PASSWORD, UserFactory

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}

TANNERY = "Tannery Row"  # the biggest cluster: many firms and jobs, few women owners
SHEA = "Shea Butter Women"  # smaller, mostly women-owned, strong growth potential
FISH = "Fish Smokers of Joal"  # the smallest on every figure

HEADER = [
    "name",
    "sector",
    "main_products",
    "region",
    "locality",
    "enterprises_micro",
    "enterprises_small",
    "enterprises_medium",
    "employment_women",
    "employment_men",
    "women_owned_share",
    "growth_potential",
    "information_source",
    "information_date",
]
ROWS = [
    [TANNERY, "leather", "Shoes, bags", "Thiès", "Thiès", 300, 40, 5, 200, 900, 10, 3],
    [SHEA, "agro_food", "Shea butter, soap", "Kédougou", "Saraya", 120, 10, 0, 400, 50, 85, 4],
    [FISH, "fisheries", "Smoked fish", "Thiès", "Joal", 60, 5, 0, 100, 150, 30, 2],
]
# My expert scores (0-5): support institutions, willingness to cooperate, poverty.
SCORES = {TANNERY: (4, 4, 2), SHEA: (2, 3, 3), FISH: (1, 2, 4)}
EXPERT = ("Presence of support institutions", "Willingness to cooperate", "Poverty incidence")


def no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 360px phone"


def ranking_order(page) -> list[str]:
    return page.locator("#ranking-table tbody tr td:nth-child(2) a").all_inner_texts()


def import_candidates(page, live_server, project, shot) -> None:
    """Step 1: the coordinator imports three candidate clusters from Excel."""
    page.goto(f"{live_server.url}/projects/{project.pk}/candidates/")
    page.locator("main").get_by_role("button", name="Import", exact=True).click()
    page.wait_for_selector("h1:has-text('Import candidate clusters')")
    when = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    data = xlsx_bytes([HEADER] + [row + ["Mapping survey", when] for row in ROWS])
    page.set_input_files(
        "#id_file", {"name": "candidates.xlsx", "mimeType": XLSX_TYPE, "buffer": data}
    )
    page.get_by_role("button", name="Check the file").click()
    preview = page.locator("#import-preview-ok")
    preview.wait_for()
    assert "candidates.xlsx: all 3 rows are valid." in preview.inner_text()
    rows = page.locator("#import-rows tbody")
    for name in (TANNERY, SHEA, FISH):
        assert name in rows.inner_text()
    assert Cluster.objects.filter(project=project).count() == 2  # nothing saved yet
    shot(page, "journey-01-import-preview")
    page.get_by_role("button", name="Import 3 clusters").click()
    page.wait_for_selector("text=3 candidate clusters imported from candidates.xlsx.")
    table = page.locator("#candidates")
    for name in (TANNERY, SHEA, FISH):
        row = table.locator("tbody tr", has_text=name)
        assert "Candidate" in row.inner_text()
    cells = table.locator("tbody tr", has_text=TANNERY).locator("td").all_inner_texts()
    assert cells[3] == "345" and cells[4].startswith("1100"), cells  # figures as in the file
    shot(page, "journey-02-candidate-list")


def rank_and_weigh(page, live_server, project, shot) -> None:
    """Step 2: criteria, expert scores, and a weight tried on the ranking page."""
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.locator("details.project-nav").get_by_role("link", name="Selection", exact=True).click()
    page.wait_for_selector("text=There are no criteria yet.")
    page.locator("main").get_by_role("link", name="Add criteria").click()
    page.get_by_role("button", name="Add UNIDO's starter criteria").click()
    page.wait_for_selector("text=7 starter criteria added")
    criteria = page.locator("#criteria tbody")
    for name in ("Number of enterprises", "Women's share", "Willingness to cooperate"):
        assert name in criteria.inner_text()
    shot(page, "journey-03-criteria")

    page.locator("nav.selection-nav").get_by_role("link", name="Expert scores").click()
    for cluster, scores in SCORES.items():
        for criterion, score in zip(EXPERT, scores, strict=True):
            select = page.locator(f"select[aria-label^='{cluster} · {criterion}']")
            select.select_option(str(score))
    page.get_by_role("button", name="Save my scores").click()
    page.wait_for_selector("text=Your scores are saved.")
    shot(page, "journey-04-expert-scores")

    page.locator("nav.selection-nav").get_by_role("link", name="Ranking").click()
    order = ranking_order(page)
    assert order[:3] == [TANNERY, SHEA, FISH], order
    page.evaluate("window.__sameDocument = 1")
    page.get_by_label("Weight of Women's share").fill("10")
    page.wait_for_function(
        "n => document.querySelector('#ranking-table tbody tr td:nth-child(2) a')"
        ".textContent.trim() === n",
        arg=SHEA,
    )
    order = ranking_order(page)
    assert order[:3] == [SHEA, TANNERY, FISH], order
    first = page.locator("#ranking-table tbody tr").first
    assert first.locator("td.rank").inner_text().strip() == "1"
    assert page.evaluate("window.__sameDocument") == 1  # recomputed in place, no reload
    shot(page, "journey-05-ranking-reweighted")
    page.get_by_role("button", name="Save these weights").click()
    page.wait_for_selector("text=Weights saved (1 changed).")
    assert page.evaluate("window.__sameDocument") is None  # the save did reload
    assert ranking_order(page)[:3] == [SHEA, TANNERY, FISH]
    assert page.get_by_label("Weight of Women's share").input_value() == "10.00"


def record_selection(page, live_server, project, shot) -> None:
    """Step 3: a Steering Committee member records the selection decision."""
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.locator("details.project-nav").get_by_role("link", name="Selection", exact=True).click()
    page.locator("nav.selection-nav").get_by_role("link", name="Decisions").click()
    page.wait_for_selector("text=No selection decision yet.")
    page.get_by_role("button", name="Record a decision", exact=True).click()
    page.wait_for_selector("h1:has-text('Record a selection decision')")
    assert page.input_value("#id_decided_on") == timezone.localdate().isoformat()
    page.locator("#id_selected").get_by_label(f"{SHEA} (Candidate)").check()
    page.locator("#id_rejected").get_by_label(f"{TANNERY} (Candidate)").check()
    page.locator("#id_rejected").get_by_label(f"{FISH} (Candidate)").check()
    page.fill(
        "#id_rationale",
        "Shea Butter Women ranks first with the agreed weights, which favour women-owned "
        "firms; the committee selects it for the first cycle.",
    )
    shot(page, "journey-06-decision-form")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_selector("text=Selection decision recorded.")
    decision = page.locator("article.decision").first
    text = decision.inner_text()
    assert "In force" in text
    assert SHEA in text and TANNERY in text and FISH in text
    decision.get_by_role("link", name=SHEA).click()
    page.wait_for_selector(f"h1:has-text('{SHEA}')")
    assert "Selected" in page.locator("hgroup").inner_text()
    assert page.locator("main .badge").first.inner_text() == "2. CDA assignment and governance"
    assert "Phase: 2. CDA assignment and governance" in page.inner_text("#phase-tracker")
    shot(page, "journey-07-selected-cluster-phase2")


def appoint_cda(page, live_server, cluster, cda, shot) -> None:
    """Step 4: the coordinator appoints the lead CDA."""
    page.goto(f"{live_server.url}/clusters/{cluster.pk}/")
    assert "no appointment recorded" in page.inner_text("#governance")
    page.locator("#governance").get_by_role("link", name="Appointments").click()
    page.wait_for_selector("text=No CDA appointed yet.")
    page.select_option("#id_kind", AppointmentKind.LEAD)
    # The CDA is found by a search over the people the coordinator may see, then chosen.
    page.locator("main form input[type=search]").first.fill(cda.username)
    page.get_by_role("radio", name="Mariama Sow").check()
    assert page.input_value("#id_starts_on") == timezone.localdate().isoformat()
    page.fill("#id_terms_of_reference", "Facilitate the Commission and the diagnostic.")
    page.get_by_role("button", name="Appoint", exact=True).click()
    page.wait_for_selector("text=Appointment recorded.")
    row = page.locator("#appointments tbody tr").first
    assert "Mariama Sow" in row.inner_text() and "Lead CDA" in row.inner_text()
    shot(page, "journey-08-appointment")
    page.goto(f"{live_server.url}/clusters/{cluster.pk}/")
    assert "Mariama Sow" in page.inner_text("#governance")


def run_commission(page, shot) -> None:
    """Step 5: the CDA, on a phone, sets up the Commission and records a meeting."""
    cards = page.locator("main article", has_text=SHEA)
    assert cards.count() == 1
    assert "2. CDA assignment and governance" in cards.inner_text()
    assert TANNERY not in page.inner_text("main") and FISH not in page.inner_text("main")
    no_horizontal_scroll(page)
    shot(page, "journey-09-cda-my-clusters-360")

    cards.get_by_role("link", name=SHEA).click()
    page.wait_for_selector(f"h1:has-text('{SHEA}')")
    no_horizontal_scroll(page)
    page.locator("#governance").get_by_role("link", name="Cluster Commission").click()
    page.wait_for_selector("text=No members yet.")
    no_horizontal_scroll(page)
    members = [
        ("Fatou Ndiaye", "Women's shea producer group", "chair", "woman"),
        ("Moussa Diallo", "Saraya traders' association", "member", "man"),
        ("Aïssatou Ba", "Regional chamber of trades", "secretary", "woman"),
    ]
    for name, represents, role, sex in members:
        page.get_by_role("button", name="Add a member", exact=True).click()
        page.fill("#id_name", name)
        page.fill("#id_represents", represents)
        page.select_option("#id_role", role)
        page.select_option("#id_sex", sex)
        no_horizontal_scroll(page)
        if role == "chair":
            shot(page, "journey-10-member-form-360")
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_selector("text=Member added.")
    member_table = page.locator("#members table tbody")
    for name, *_rest in members:
        assert name in member_table.inner_text()
    no_horizontal_scroll(page)

    page.get_by_role("button", name="Record a meeting", exact=True).click()
    assert page.input_value("#id_held_on") == timezone.localdate().isoformat()
    page.fill("#id_place", "Saraya town hall")
    page.fill("#id_agenda", "1. Role of the Commission\n2. Packaging costs")
    page.get_by_label("Fatou Ndiaye").check()
    page.get_by_label("Moussa Diallo").check()  # Aïssatou Ba sent apologies
    page.fill("#id_other_women", "3")
    page.fill("#id_other_men", "1")
    no_horizontal_scroll(page)
    shot(page, "journey-11-meeting-form-360")
    page.get_by_role("button", name="Save meeting").click()
    page.wait_for_selector("text=Meeting recorded.")
    main = page.inner_text("main")
    assert "6 present, of whom 4 women" in main
    assert "other participants — women: 3, men: 1" in main
    present = page.locator("main h2:has-text('Members present') + ul").inner_text()
    assert "Fatou Ndiaye" in present and "Moussa Diallo" in present
    assert "Aïssatou Ba" not in present

    due = timezone.localdate() + datetime.timedelta(days=30)
    page.fill("#id_text", "Ask three suppliers for joint packaging quotes")
    page.fill("#id_responsible", "Fatou Ndiaye")
    page.fill("#id_due_on", due.isoformat())
    page.get_by_role("button", name="Add decision").click()
    page.wait_for_selector("text=Decision recorded.")
    row = page.locator("#decisions tbody tr", has_text="joint packaging quotes")
    assert "Fatou Ndiaye" in row.text_content()  # the column is for wider screens
    assert row.locator("select[name=status]").is_visible()  # the status stays in reach
    assert row.locator("select[name=status]").input_value() == DecisionStatus.OPEN
    no_horizontal_scroll(page)
    shot(page, "journey-12-meeting-detail-360")

    page.locator("main hgroup").get_by_role("link").click()  # back to the Commission
    meeting_row = page.locator("#meetings tbody tr").first
    cells = meeting_row.locator("td").all_text_contents()
    assert [c.strip() for c in cells[1:]] == ["Saraya town hall", "6", "4", "1 (1)"], cells
    no_horizontal_scroll(page)
    shot(page, "journey-13-commission-360")
    page.locator("#meetings").get_by_role("link", name="Open decisions", exact=True).click()
    open_row = page.locator("#open-decisions tbody tr", has_text="joint packaging quotes")
    assert "Cluster Commission" in open_row.inner_text()
    no_horizontal_scroll(page)

    page.locator("main hgroup").get_by_role("link", name=SHEA).click()  # the cluster page
    page.wait_for_selector("#governance")
    governance = page.locator("#governance")
    cards = governance.locator(".governance-health article").all_inner_texts()
    health = {c.split("\n")[0].strip(): c.split("\n")[-1].strip() for c in cards}
    assert health["Commission meetings"] == "1", health
    assert health["Average attendance"] in ("6", "6.0"), health
    assert health["Women's share of attendance"] == "67 %", health
    assert "Mariama Sow" in governance.inner_text()
    no_horizontal_scroll(page)
    shot(page, "journey-14-cluster-governance-360")


def test_from_imported_candidates_to_a_commission_meeting(live_server, browser, shot):
    world = build_world()
    project = world.project_a
    cda = UserFactory(username="msow", first_name="Mariama", last_name="Sow")

    desk = browser.new_context(viewport=DESK)
    coordinator = desk.new_page()
    login(coordinator, live_server, "coord_a", PASSWORD)
    import_candidates(coordinator, live_server, project, shot)
    rank_and_weigh(coordinator, live_server, project, shot)

    steering_context = browser.new_context(viewport=DESK)
    steering = steering_context.new_page()
    login(steering, live_server, "steer_a", PASSWORD)
    record_selection(steering, live_server, project, shot)
    steering_context.close()

    shea = Cluster.objects.get(project=project, name=SHEA)
    appoint_cda(coordinator, live_server, shea, cda, shot)
    desk.close()

    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    login(page, live_server, cda.username, PASSWORD)
    run_commission(page, shot)
    phone.close()

    # What the pages showed is what was stored.
    assert Cluster.objects.filter(project=project).count() == 5
    assert str(Criterion.objects.get(project=project, name="Women's share").weight) == "10.00"
    decision = SelectionDecision.objects.get(project=project)
    assert decision.recorded_by == world.users["steer_a"]
    outcomes = {o.cluster.name: o.outcome for o in decision.outcomes.select_related("cluster")}
    assert outcomes == {SHEA: "selected", TANNERY: "rejected", FISH: "rejected"}
    shea.refresh_from_db()
    assert (shea.status, shea.phase) == (ClusterStatus.SELECTED, 2)
    tannery = Cluster.objects.get(project=project, name=TANNERY)
    assert (tannery.status, tannery.phase) == (ClusterStatus.REJECTED, 1)
    appointment = CDAAppointment.objects.get(cluster=shea)
    assert appointment.user == cda and appointment.kind == AppointmentKind.LEAD
    assert appointment.is_active() and appointment.created_by == world.users["coord_a"]
    assert RoleAssignment.objects.active().filter(user=cda, role=Role.CDA, cluster=shea).exists()
    meeting = Meeting.objects.get(body__cluster=shea)
    assert meeting.recorded_by == cda
    assert sorted(meeting.attendances.values_list("member__name", flat=True)) == [
        "Fatou Ndiaye",
        "Moussa Diallo",
    ]
    assert (meeting.other_women, meeting.other_men) == (3, 1)
    assert Decision.objects.get(meeting=meeting).status == DecisionStatus.OPEN
