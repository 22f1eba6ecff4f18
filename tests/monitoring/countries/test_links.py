"""The way in to the country view: a link on a project's card (and page) for those who
may open the project's country view, asked once per page however many cards."""

from __future__ import annotations

import pytest

from clusters.models import Project
from clusters.panels import PageAccess
from monitoring.countries.links import country_links
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _links(user, project, access=None):
    access = access or PageAccess(user, listing=True)
    return [(link.label, link.url) for link in country_links(None, project, access)]


def test_the_programme_officer_and_the_administrator_get_the_link(world):
    assert _links(world.users["po_a"], world.project_a) == [
        ("Country view: Senegal", "/countries/SN/")
    ]
    assert _links(world.users["admin"], world.project_b) == [
        ("Country view: Ghana", "/countries/GH/")
    ]


@pytest.mark.parametrize("persona", ["coord_a", "steer_a", "cda_a1", "comm_a1"])
def test_project_roles_get_no_country_link(world, persona):
    assert _links(world.users[persona], world.project_a) == []


@pytest.mark.parametrize("rows", [3, 30])
def test_a_page_of_cards_asks_once(world, django_assert_num_queries, rows):
    ProjectFactory.create_batch(rows, country="SN")
    projects = list(Project.objects.all())
    access = PageAccess(world.users["po_a"], listing=True)
    with django_assert_num_queries(1):
        found = [p for p in projects if _links(world.users["po_a"], p, access)]
    assert len(found) == rows + 1  # every Senegalese project, not project B
