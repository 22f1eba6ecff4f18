"""The project page's menu follows the method (overview, mapping and selection,
governance, ..., people), and actions show only where they can be used."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory

from actionplans.links import cluster_links
from clusters import panels
from clusters.panels import (
    GOVERNANCE,
    IMPLEMENTATION,
    MAPPING,
    MONITORING,
    OVERVIEW,
    PEOPLE,
    PLANS,
    REPORTS,
    SECTIONS,
    Link,
    PageAccess,
    by_section,
)
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

SECTION_RE = re.compile(r'<li class="nav-section" data-section="([a-z]+)">(.*?)</ul>', re.S)
LINK_RE = re.compile(r'<a href="[^"]*"[^>]*>([^<]+)</a>')
COORDINATOR_ONLY = {"Dashboard", "People", "History", "Open decisions", "Selection", "Reports"}


def menu_sections(client, url: str) -> list[tuple[str, list[str]]]:
    """(section, [link labels]) of the project menu, in page order."""
    page = client.get(url)
    assert page.status_code == 200
    nav = page.content.decode().split('<details class="project-nav"', 1)[1].split("</details>")[0]
    return [(key, LINK_RE.findall(body)) for key, body in SECTION_RE.findall(nav)]


def test_the_coordinators_menu_follows_the_method(client, world):
    client.force_login(world.users["coord_a"])
    assert menu_sections(client, f"/projects/{world.project_a.pk}/") == [
        (OVERVIEW, ["Dashboard", "History"]),
        (MAPPING, ["Selection", "Candidates", "Map"]),
        (GOVERNANCE, ["Steering Committee", "Open decisions"]),
        (MONITORING, ["Monitoring and evaluation"]),
        (REPORTS, ["Reports", "IATI file"]),
        (PEOPLE, ["People"]),
    ]


def test_the_menu_is_one_folding_list_with_section_names(client, world):
    client.force_login(world.users["steer_a"])
    page = client.get(f"/projects/{world.project_a.pk}/").content.decode()
    assert page.count('<details class="project-nav" open data-fold-narrow>') == 1
    assert "<summary>Project menu</summary>" in page
    assert ">Mapping and selection</span>" in page and ">Governance</span>" in page
    assert 'role="button"' not in page.split("<h2>Clusters</h2>")[0]  # no wall of buttons
    assert "js/navigation.js" in page and "css/navigation.css" in page


def test_sections_come_in_the_methods_order_whatever_the_links_order():
    shuffled = [
        Link("people", "/p", section=PEOPLE, order=1),
        Link("plan", "/a", section=PLANS, order=2),
        Link("map", "/m", section=MAPPING, order=3),
        Link("log", "/l", section=IMPLEMENTATION, order=4),
        Link("dashboard", "/d", section=OVERVIEW, order=5),
        Link("later", "/x", section=MAPPING, order=0),
    ]
    sections = by_section(shuffled)
    assert [s.key for s in sections] == [OVERVIEW, MAPPING, PLANS, IMPLEMENTATION, PEOPLE]
    assert [link.label for link in sections[1].links] == ["later", "map"]
    assert [s.key for s in sections] == [k for k in SECTIONS if k in {s.key for s in sections}]


def test_a_link_without_a_section_falls_in_by_its_documented_order():
    assert Link("Dashboard", "/d", order=10).section_or_default == OVERVIEW
    assert Link("Monitoring and evaluation", "/m", order=15).section_or_default == MONITORING
    assert Link("Reports", "/r", order=40).section_or_default == REPORTS
    assert Link("IATI file", "/i", order=45).section_or_default == REPORTS
    assert Link("Something new", "/n", order=99).section_or_default == OVERVIEW
    with pytest.raises(ValueError, match="Unknown section"):
        Link("Bad", "/b", section="elsewhere")


@pytest.mark.parametrize("persona", ["cda_a1", "comm_a1"])
def test_a_cluster_role_sees_no_coordinator_actions(client, world, persona):
    client.force_login(world.users[persona])
    sections = menu_sections(client, f"/projects/{world.project_a.pk}/")
    labels = {label for _, links in sections for label in links}
    assert labels == {"Candidates", "Map", "Monitoring and evaluation"}
    home = client.get("/").content.decode()
    assert not COORDINATOR_ONLY & set(re.findall(r'role="button"[^>]*>([^<]+)</a>', home))
    assert f"/projects/{world.project_a.pk}/people/" not in home


def _card(page: str, name: str) -> str:
    """The HTML of one cluster's card on the home page."""
    start = page.index(f"<strong>{name}</strong>")
    return page[start : page.index("</article>", start)]


def test_log_activity_only_on_selected_clusters_in_field_work(client, world):
    project = world.project_a
    ClusterFactory(project=project, name="Candidate C", status="candidate", phase=1)
    ClusterFactory(project=project, name="Rejected R", status="rejected", phase=1)
    ClusterFactory(project=project, name="Handed over H", status="phased_out", phase=6)
    client.force_login(world.users["coord_a"])
    page = client.get("/").content.decode()
    assert "Log activity" in _card(page, "Cluster A1")
    for name in ("Candidate C", "Rejected R", "Handed over H"):
        assert "Log activity" not in _card(page, name), name
    assert "Activities" not in _card(page, "Candidate C")
    assert "Activities" in _card(page, "Handed over H")  # its log stays readable


def test_log_activity_follows_the_clusters_status_not_the_role(world):
    request = RequestFactory().get("/")
    request.user = world.users["cda_a1"]
    access = PageAccess(request.user)
    assert [link.label for link in cluster_links(request, world.a1, access)] == [
        "Log activity",
        "Activities",
    ]
    world.a1.phase = 1  # selected but moved back to mapping
    assert [link.label for link in cluster_links(request, world.a1, access)] == ["Activities"]
    world.a1.status, world.a1.phase = "candidate", 1
    assert cluster_links(request, world.a1, access) == []
    assert all(
        link.section == IMPLEMENTATION
        for link in cluster_links(request, world.a2, PageAccess(world.users["coord_a"]))
    )


def test_every_registered_project_page_link_has_a_known_section(world, rf):
    request = rf.get("/")
    request.user = world.users["admin"]
    found = panels.links(panels.PROJECT_PAGE, request, world.project_a, PageAccess(request.user))
    assert found and all(link.section_or_default in SECTIONS for link in found)
