"""The selection API: the ranking, UNIDO's starter set (coordinator only), withdrawing an
expert score (its scorer or the coordinator)."""

import pytest
from auditlog.models import LogEntry

from clusters.models import (
    Cluster,
    Criterion,
    CriterionScore,
)
from clusters.selection import services as selection_services
from tests.clusters.helpers import _token
from tests.clusters.selection.helpers import _criteria

pytestmark = pytest.mark.django_db


def test_api_ranking(world, login):
    size, coop = _criteria(world)
    Cluster.objects.filter(pk=world.a2.pk).update(employment_women=5)
    data = login(world.user("steer_a")).get(f"/api/selection-rankings/{world.project_a.pk}/").json()
    assert data["ranked"] is True
    assert [c["name"] for c in data["candidates"]] == ["Cluster A2", "Cluster A1"]
    assert data["candidates"][1]["missing"] == [f"c{size.pk}"]
    assert "has no value for any candidate" in data["problems"][0]


def test_starter_set_by_api_for_the_coordinator_only(client, world):
    url = "/api/selection-criteria/starter/"
    body = {"project": world.project_a.pk}
    for persona, expected in (("steer_a", 403), ("cda_a1", 403), ("coord_b", 400)):
        client.force_login(world.users[persona])
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == expected, persona
    assert not Criterion.objects.exists()
    headers = _token(world.users["coord_a"])
    client.logout()
    response = client.post(url, body, content_type="application/json", **headers)
    assert response.status_code == 201
    names = [c["name"] for c in response.json()]
    assert len(names) == len(selection_services.STARTER_CRITERIA) and "Employment" in names
    assert Criterion.objects.filter(project=world.project_a).count() == len(names)
    again = client.post(url, body, content_type="application/json", **headers)
    assert again.status_code == 200 and again.json() == []


@pytest.mark.parametrize("body", [{}, {"project": "abc"}, {"project": [1]}, {"project": None}])
def test_starter_set_wrong_input_is_400(client, world, body):
    client.force_login(world.users["coord_a"])
    response = client.post(
        "/api/selection-criteria/starter/", body, content_type="application/json"
    )
    assert response.status_code == 400 and "project" in response.json()


def _scores(world):
    criterion = Criterion.objects.create(
        project=world.project_a, name="Cooperation", kind="expert", weight=1
    )
    steer = CriterionScore.objects.create(
        criterion=criterion, cluster=world.a1, score=4, scored_by=world.users["steer_a"]
    )
    coord = CriterionScore.objects.create(
        criterion=criterion, cluster=world.a1, score=2, scored_by=world.users["coord_a"]
    )
    return steer, coord


def test_the_scorer_withdraws_their_own_score(client, world):
    steer_score, coord_score = _scores(world)
    client.force_login(world.users["steer_a"])
    # Someone else's score: only its scorer or the coordinator withdraws it.
    assert client.delete(f"/api/selection-scores/{coord_score.pk}/").status_code == 403
    assert client.delete(f"/api/selection-scores/{steer_score.pk}/").status_code == 204
    assert not CriterionScore.objects.filter(pk=steer_score.pk).exists()
    assert CriterionScore.objects.filter(pk=coord_score.pk).exists()
    entry = LogEntry.objects.filter(object_pk=str(steer_score.pk)).latest("timestamp")
    assert entry.action == LogEntry.Action.DELETE and entry.actor == world.users["steer_a"]


def test_the_coordinator_withdraws_any_score_of_the_project(client, world):
    steer_score, _ = _scores(world)
    for persona, expected in (("cda_a1", 404), ("comm_a1", 404), ("coord_b", 404)):
        client.force_login(world.users[persona])
        assert client.delete(f"/api/selection-scores/{steer_score.pk}/").status_code == expected
    client.force_login(world.users["coord_a"])
    assert client.delete(f"/api/selection-scores/{steer_score.pk}/").status_code == 204
    assert client.delete(f"/api/selection-scores/{steer_score.pk}/").status_code == 404
    assert client.delete("/api/selection-scores/abc/").status_code == 404
