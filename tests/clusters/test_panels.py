"""The action buttons of the home page and the project page's menu: which role sees
which, and that a later phase's links come from the links it registers
(clusters/panels.py). The menu's grouping by the method's steps is in
test_navigation.py."""

from html.parser import HTMLParser

import pytest

from clusters import panels
from clusters.models import Project
from clusters.panels import CLUSTER_CARD, PROJECT_PAGE, Link, PageAccess
from governance.access import Action
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# label -> (url pattern, style[, the label shown when it differs]); {p} is the project's
# pk, {c} the cluster's.
BUTTONS = {
    "Dashboard": ("/projects/{p}/dashboard/", ""),
    "Cluster dashboard": ("/clusters/{c}/dashboard/", "outline"),
    "IATI file": ("/projects/{p}/iati.xml", "outline"),
    "Country view: Senegal": ("/countries/SN/", "outline"),
    "Country view: Ghana": ("/countries/GH/", "outline"),
    "Monitoring and evaluation": ("/projects/{p}/monitoring/", "secondary"),
    "People": ("/projects/{p}/people/", "secondary"),
    "History": ("/history/clusters/project/{p}/", "outline"),
    "Reports": ("/projects/{p}/reports/", "outline"),
    "Selection": ("/projects/{p}/selection/", "outline"),
    "Steering Committee": ("/projects/{p}/steering-committee/", "outline"),
    "Open decisions": ("/projects/{p}/open-decisions/", "outline"),
    "Candidates": ("/projects/{p}/candidates/", "outline"),
    "Map": ("/projects/{p}/map/", "outline"),
    "Log activity": ("/clusters/{c}/activities/new/", ""),
    "Activities": ("/clusters/{c}/activities/", "outline"),
    "Values due": ("/values/due/?cluster={c}", "secondary"),
}
# The project page's menu lists its links by the method's steps (overview, mapping and
# selection, governance, M&E, reports, people), in order within each step.
COORDINATOR_PAGE = [
    "Dashboard",
    "History",
    "Selection",
    "Candidates",
    "Map",
    "Steering Committee",
    "Open decisions",
    "Monitoring and evaluation",
    "Reports",
    "IATI file",
    "People",
]
# An administrator also opens the country view (as the country's Programme Officers do).
ADMIN_PAGE = [*COORDINATOR_PAGE[:2], "Country view: Senegal", *COORDINATOR_PAGE[2:]]
# The Steering Committee reads the dashboard (read-only) but downloads no IATI file.
STEERING_PAGE = [
    "Dashboard",
    "Selection",
    "Candidates",
    "Map",
    "Steering Committee",
    "Monitoring and evaluation",
    "Reports",
]
CLUSTER_ROLE_PAGE = ["Candidates", "Map", "Monitoring and evaluation"]
COORDINATOR_CARD = ["Dashboard", "People", "Reports"]
WORKER_CARD = ["Log activity", "Activities", "Values due", "Cluster dashboard"]


class _Buttons(HTMLParser):
    """(label, href, class) of every <a role="button">, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("role") == "button":
            self._open = ["", attrs.get("href") or "", attrs.get("class") or ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[0] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.found.append((self._open[0].strip(), self._open[1], self._open[2]))
            self._open = None


class _MenuLinks(HTMLParser):
    """(label, href) of every link of the project menu (details.project-nav), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._depth = 0  # <details> elements open inside the menu
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details" and (self._depth or "project-nav" in (attrs.get("class") or "")):
            self._depth += 1
        elif tag == "a" and self._depth:
            self._open = ["", attrs.get("href") or ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[0] += data

    def handle_endtag(self, tag):
        if tag == "details" and self._depth:
            self._depth -= 1
        elif tag == "a" and self._open is not None:
            self.found.append((self._open[0].strip(), self._open[1]))
            self._open = None


def buttons(client, url: str) -> list[tuple[str, str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    parser = _Buttons()
    parser.feed(response.content.decode())
    return parser.found


def menu(client, url: str) -> list[tuple[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    parser = _MenuLinks()
    parser.feed(response.content.decode())
    return parser.found


def expected(labels: list[str], *, project=None, cluster=None) -> list[tuple[str, str, str]]:
    result = []
    for label in labels:
        url, style, *shown = BUTTONS[label]
        result.append(
            (
                shown[0] if shown else label,
                url.format(p=getattr(project, "pk", None), c=getattr(cluster, "pk", None)),
                style,
            )
        )
    return result


def expected_menu(labels: list[str], *, project) -> list[tuple[str, str]]:
    return [(label, url) for label, url, _style in expected(labels, project=project)]


# persona -> (project A page buttons, home: [(project, buttons)], home: [(cluster, buttons)])
CASES = {
    "admin": (
        ADMIN_PAGE,
        [
            ("project_a", [*COORDINATOR_CARD, "Country view: Senegal"]),
            ("project_b", [*COORDINATOR_CARD, "Country view: Ghana"]),
        ],
        [("a1", WORKER_CARD), ("a2", WORKER_CARD), ("b1", WORKER_CARD)],
    ),
    "coord_a": (
        COORDINATOR_PAGE,
        [("project_a", COORDINATOR_CARD)],
        [("a1", WORKER_CARD), ("a2", WORKER_CARD)],
    ),
    "steer_a": (
        STEERING_PAGE,
        [("project_a", ["Dashboard", "Reports"])],
        [("a1", ["Activities", "Cluster dashboard"]), ("a2", ["Activities", "Cluster dashboard"])],
    ),
    "cda_a1": (CLUSTER_ROLE_PAGE, [], [("a1", WORKER_CARD)]),
    "comm_a1": (CLUSTER_ROLE_PAGE, [], [("a1", ["Activities", "Cluster dashboard"])]),
}


@pytest.mark.parametrize("persona", list(CASES))
def test_each_role_sees_its_buttons(client, world, persona):
    page_labels, project_cards, cluster_cards = CASES[persona]
    client.force_login(world.users[persona])
    assert menu(client, f"/projects/{world.project_a.pk}/") == expected_menu(
        page_labels, project=world.project_a
    )
    home = []
    for attr, labels in project_cards:
        home += expected(labels, project=getattr(world, attr))
    for attr, labels in cluster_cards:
        home += expected(labels, cluster=getattr(world, attr))
    assert buttons(client, "/") == home


def test_another_projects_coordinator_sees_only_their_projects_buttons(client, world):
    client.force_login(world.users["coord_b"])
    assert buttons(client, "/") == [
        *expected(COORDINATOR_CARD, project=world.project_b),
        *expected(WORKER_CARD, cluster=world.b1),
    ]
    assert client.get(f"/projects/{world.project_a.pk}/").status_code == 404


def test_later_phase_buttons_come_from_the_registry(client, world, monkeypatch):
    """Without the links monitoring and actionplans register, the base pages show none
    of theirs; a newly registered provider shows in its place."""
    base_only = {
        slot: [p for p in providers if p.__module__.startswith("clusters.")]
        for slot, providers in panels._links.items()
    }
    monkeypatch.setattr(panels, "_links", base_only)
    client.force_login(world.users["coord_a"])
    project_page = f"/projects/{world.project_a.pk}/"
    assert [label for label, _ in menu(client, project_page)] == [
        "History",
        "Selection",
        "Candidates",
        "Map",
        "Steering Committee",
        "Open decisions",
        "People",
    ]
    assert [label for label, _, _ in buttons(client, "/")] == ["People"]

    def dashboard_only(request, project, access):
        if access.can(Action.MANAGE, project):
            yield Link("Later phase", f"/later/{project.pk}/", "outline", order=25)

    panels.register_links(PROJECT_PAGE, dashboard_only)
    panels.register_links(PROJECT_PAGE, dashboard_only)  # registering twice adds it once
    labels = [label for label, _ in menu(client, project_page)]
    # No section named: by its order among the overview's links (History is 30).
    assert labels[:2] == ["Later phase", "History"]
    assert labels.count("Later phase") == 1
    client.force_login(world.users["steer_a"])
    assert "Later phase" not in [label for label, _ in menu(client, project_page)]
    assert panels.links(CLUSTER_CARD, None, world.a1, PageAccess(world.users["coord_a"])) == []


@pytest.mark.parametrize("rows", [5, 50])
def test_a_listing_asks_each_question_once(world, django_assert_num_queries, rows):
    ProjectFactory.create_batch(rows)
    projects = list(Project.objects.all())
    access = PageAccess(world.users["coord_a"], listing=True)
    with django_assert_num_queries(2):  # MANAGE ids, REPORT ids
        manage = [p.pk for p in projects if access.can(Action.MANAGE, p)]
        report = [p.pk for p in projects if access.can(Action.REPORT, p)]
        assert [p.pk for p in projects if access.can(Action.MANAGE, p)] == manage
    assert manage == report == [world.project_a.pk]


def test_a_detail_page_asks_each_question_once(world, django_assert_num_queries):
    access = PageAccess(world.users["steer_a"])
    with django_assert_num_queries(2):
        assert [access.can(Action.MANAGE, world.project_a) for _ in range(3)] == [False] * 3
        assert access.can(Action.REPORT, world.project_a)
