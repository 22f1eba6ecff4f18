"""The country view: who may open it, what it shows for each project of the country,
that its query count does not grow with the projects, and the list of countries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from governance.models import Role
from governance.roles.services import role_grant
from tests.factories import ClusterFactory, ProjectFactory, UserFactory

from .helpers import activities, project_indicator, stamp

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The page's visible text, tags dropped and spaces folded."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_programme_officer_sees_each_project_of_the_country_with_its_figures(client, world):
    today = timezone.localdate()
    this_year = datetime.date(today.year, 1, 1)
    activities(world.a1, month=this_year, count=4)
    activities(world.a2, month=this_year, count=3)
    activities(world.a1, month=datetime.date(today.year - 1, 12, 1), count=50)  # last year
    activities(world.b1, month=this_year, count=9)  # another country
    ClusterFactory(project=world.project_a, name="Candidate", status="candidate", phase=1)
    project_indicator(world.project_a, code="P01", target=200, actual=150)
    project_indicator(world.project_a, code="P02", target=None, actual=None)
    stamp(world.project_a, timezone.now())
    client.force_login(world.users["po_a"])
    response = client.get("/countries/SN/")
    assert response.status_code == 200
    [row] = response.context["projects"]
    assert row.project == world.project_a
    assert row.phases == [("1. Mapping and selection", 1), ("2. CDA assignment and governance", 2)]
    assert row.clusters == 3
    assert row.cdas == 2  # cda_a1 and cda_a2
    assert row.activities_this_year == 7
    [p01, p02] = row.indicators
    assert (p01.code, p01.actual, p01.target, p01.progress) == ("P01", 150, 200, 75)
    assert (p02.actual, p02.target, p02.progress) == (None, None, None)
    text = _text(response)
    assert "Senegal" in text and "Project A" in text and "Project B" not in text
    assert "P01 People trained P01" in text and "75 %" in text
    assert "Figures rolled up at" in text


def test_a_project_never_rolled_up_says_so(client, world):
    client.force_login(world.users["po_a"])
    response = client.get("/countries/SN/")
    assert "Figures not rolled up yet." in _text(response)
    assert response.context["rolled_at"] is None


def test_an_indicator_its_clusters_adopted_shows_their_targets_combined(client, world):
    from monitoring.models import IndicatorRollup, PeriodKind
    from tests.monitoring.factories import DefinitionFactory, IndicatorFactory

    definition = DefinitionFactory(project=world.project_a, code="C01")
    IndicatorFactory(cluster=world.a1, definition=definition, end_target=30)
    IndicatorFactory(cluster=world.a2, definition=definition, end_target=70)
    IndicatorRollup.objects.create(
        project=world.project_a,
        definition=definition,
        period_kind=PeriodKind.TO_DATE,
        period_start=world.project_a.starts_on,
        period_end=datetime.date(2025, 12, 31),
        value=25,
        rolled_at=timezone.now(),
    )
    client.force_login(world.users["admin"])
    [row] = client.get("/countries/SN/").context["projects"]
    [indicator] = row.indicators
    assert (indicator.actual, indicator.target, indicator.progress) == (25, 100, 25)


def test_the_administrator_opens_every_country_and_each_shows_only_its_projects(client, world):
    client.force_login(world.users["admin"])
    ghana = client.get("/countries/GH/")
    assert [r.project for r in ghana.context["projects"]] == [world.project_b]
    assert [r.project for r in client.get("/countries/sn/").context["projects"]] == [
        world.project_a
    ]
    empty = client.get("/countries/KE/")
    assert empty.status_code == 200
    assert "No projects in this country yet." in _text(empty)
    assert client.get("/countries/ZZ/").status_code == 404  # not a country


@pytest.mark.parametrize("persona", ["coord_a", "steer_a", "cda_a1", "comm_a1", "coord_b"])
def test_a_country_the_user_may_not_see_is_not_found(client, world, persona):
    client.force_login(world.users[persona])
    assert client.get("/countries/SN/").status_code == 404


def test_the_programme_officer_also_steering_elsewhere_sees_only_the_countrys_projects(
    client, world
):
    po = world.users["po_a"]
    role_grant(actor=world.users["admin"], user=po, role=Role.STEERING, project=world.project_b)
    client.force_login(po)
    assert client.get("/countries/GH/").status_code == 404
    assert [r.project for r in client.get("/countries/SN/").context["projects"]] == [
        world.project_a
    ]


def _grow(world, projects: int) -> None:
    """``projects`` more projects in Senegal, each with clusters, CDAs, activities,
    indicators, cells and a stamp."""
    admin = world.users["admin"]
    month = datetime.date(timezone.localdate().year, 1, 1)
    for n in range(projects):
        project = ProjectFactory(name=f"Grown {n}", country="SN")
        for c in range(2):
            cluster = ClusterFactory(project=project, status="selected", phase=2 + c)
            role_grant(actor=admin, user=UserFactory(), role=Role.CDA, cluster=cluster)
            activities(cluster, month=month, count=2)
        project_indicator(project, code=f"G{n}A", target=10, actual=5)
        project_indicator(project, code=f"G{n}B", target=20, actual=None)
        stamp(project, timezone.now())


@pytest.mark.parametrize("projects", [1, 8])
def test_the_country_view_runs_the_same_queries_whatever_the_number_of_projects(
    client, world, django_assert_num_queries, projects
):
    _grow(world, projects)
    client.force_login(world.users["po_a"])
    # session, user, the rule, projects, clusters by phase, CDAs, activities, indicators,
    # cells, stamps
    with django_assert_num_queries(10):
        response = client.get("/countries/SN/")
    assert len(response.context["projects"]) == projects + 1


def test_the_country_list_shows_the_countries_each_user_may_open(client, world):
    ProjectFactory(name="Second in Senegal", country="SN")
    client.force_login(world.users["po_a"])
    response = client.get("/countries/")
    assert [(c.code, c.name, c.projects) for c in response.context["countries"]] == [
        ("SN", "Senegal", 2)
    ]
    assert 'href="/countries/SN/"' in response.content.decode()
    client.force_login(world.users["admin"])
    rows = client.get("/countries/").context["countries"]
    assert [(c.code, c.projects) for c in rows] == [("GH", 1), ("SN", 2)]
    client.force_login(world.users["coord_a"])
    response = client.get("/countries/")
    assert response.status_code == 200
    assert response.context["countries"] == []
    assert "No country view is open to you." in _text(response)


@pytest.mark.parametrize("projects", [1, 8])
def test_the_country_list_runs_the_same_queries_whatever_the_number_of_projects(
    client, world, django_assert_num_queries, projects
):
    for n in range(projects):
        ProjectFactory(name=f"Grown {n}", country=["SN", "KE", "GH"][n % 3])
    client.force_login(world.users["admin"])
    with django_assert_num_queries(4):  # session, user, countries, projects per country
        client.get("/countries/")
