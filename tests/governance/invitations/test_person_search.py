"""Choosing an existing person: a search over the people the coordinator may name (the
People and Appointments pages), submitted as an account id checked against the same
reach."""

from __future__ import annotations

import pytest

from governance.models import CDAAppointment, RoleAssignment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _search(client, project, text):
    return client.get(f"/projects/{project.pk}/people/search/", {"q": text})


def _names(response):
    return {str(p.username) for p in response.context["people"]}


def test_search_finds_people_of_the_project_by_name_username_or_e_mail(world, login):
    fatou = UserFactory(username="fdiop", first_name="Fatou", last_name="Diop")
    client = login(world.users["coord_a"])
    assert _names(_search(client, world.project_a, "fatou diop")) == {"fdiop"}  # no role yet
    assert _names(_search(client, world.project_a, "cda_a")) == {"cda_a1", "cda_a2"}
    assert _names(_search(client, world.project_a, "comm_a1@example")) == {"comm_a1"}
    html = _search(client, world.project_a, "Diop").content.decode()
    assert f'type="radio" name="user" value="{fatou.pk}"' in html
    short = _search(client, world.project_a, "c")
    assert not short.context["people"] and "at least 2 characters" in short.content.decode()


def test_search_never_shows_another_projects_people(world, login):
    client = login(world.users["coord_a"])
    for text in ("coord_b", "cda_b1", "_b", "example.org"):
        assert not {"coord_b", "steer_b", "cda_b1", "comm_b1"} & _names(
            _search(client, world.project_a, text)
        ), text
    assert "Invite a person" in _search(client, world.project_a, "cda_b1").content.decode()


def test_search_is_for_the_projects_coordinator_only(world, login):
    for persona, status in (("steer_a", 403), ("cda_a1", 403), ("coord_b", 404)):
        client = login(world.users[persona])
        assert _search(client, world.project_a, "cda").status_code == status, persona


def test_the_pages_offer_the_search_not_a_username_box(world, login):
    client = login(world.users["coord_a"])
    pages = (f"/projects/{world.project_a.pk}/people/", f"/clusters/{world.a1.pk}/appointments/")
    for url in pages:
        html = client.get(url).content.decode()
        assert 'name="username"' not in html
        assert f'hx-get="/projects/{world.project_a.pk}/people/search/"' in html, url


def test_the_search_button_shows_matches_without_saving(world, login):
    client = login(world.users["coord_a"])
    before = RoleAssignment.objects.count()
    response = client.post(
        f"/projects/{world.project_a.pk}/people/",
        {"q": "cda_a2", "find": "1", "role": "commission", "cluster": world.a1.pk},
    )
    assert response.status_code == 200 and not response.context["form"].errors
    assert f'value="{world.users["cda_a2"].pk}"' in response.content.decode()
    assert RoleAssignment.objects.count() == before


@pytest.mark.parametrize("page", ["people", "appointments"])
def test_a_hidden_id_of_an_invisible_person_answers_like_an_unknown_one(world, login, page):
    client = login(world.users["coord_a"])
    if page == "people":
        url, data = f"/projects/{world.project_a.pk}/people/", {"role": "commission"}
        data["cluster"] = world.a1.pk
    else:
        url, data = f"/clusters/{world.a1.pk}/appointments/", {"kind": "team_member"}
        data["starts_on"] = "2026-01-01"
    before = (RoleAssignment.objects.count(), CDAAppointment.objects.count())
    unknown = client.post(url, {**data, "user": 987654})
    hidden = client.post(url, {**data, "user": world.users["cda_b1"].pk})
    assert unknown.status_code == hidden.status_code == 200
    assert unknown.context["form"].errors == hidden.context["form"].errors
    assert hidden.context["form"].errors["user"] == ["Choose a person from the search results."]
    assert f'value="{world.users["cda_b1"].pk}"' not in hidden.content.decode()
    assert (RoleAssignment.objects.count(), CDAAppointment.objects.count()) == before
    chosen = client.post(url, {**data, "user": world.users["cda_a2"].pk})
    assert chosen.status_code == 302
