"""Expert scores: one per expert and criterion, averaged in the ranking; bad scores save
nothing; mapping criteria are not scored."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusters.models import (
    CriterionScore,
)
from clusters.selection import services
from clusters.selection.selectors import project_ranking
from tests.clusters.selection.helpers import _criteria

pytestmark = pytest.mark.django_db


def test_each_expert_scores_once_and_the_ranking_averages(world, login):
    _, coop = _criteria(world)
    for persona, score in (("coord_a", 4), ("steer_a", 1)):
        client = login(world.user(persona))
        response = client.post(
            f"/projects/{world.project_a.pk}/selection/scores/",
            {f"s-{world.a1.pk}-{coop.pk}": str(score), f"n-{world.a1.pk}-{coop.pk}": "seen"},
        )
        assert response.status_code == 302
    # the coordinator changes her mind: still one row for her
    services.criterion_score_set(
        actor=world.user("coord_a"), criterion=coop, cluster=world.a1, score=5
    )
    assert CriterionScore.objects.filter(criterion=coop, cluster=world.a1).count() == 2
    result = project_ranking(project=world.project_a)
    assert result.raw[f"c{coop.pk}"][world.a1.pk] == pytest.approx(3.0)  # (5 + 1) / 2
    assert result.experts[(coop.pk, world.a1.pk)] == 2
    page = login(world.user("steer_a")).get(f"/projects/{world.project_a.pk}/selection/scores/")
    assert "average 3.0 (2 experts)" in page.content.decode()


def test_bad_score_saves_nothing_and_empty_withdraws(world, login):
    _, coop = _criteria(world)
    client = login(world.user("steer_a"))
    url = f"/projects/{world.project_a.pk}/selection/scores/"
    response = client.post(
        url, {f"s-{world.a1.pk}-{coop.pk}": "3", f"s-{world.a2.pk}-{coop.pk}": "9"}
    )
    assert response.status_code == 200 and "from 0 to 5" in response.content.decode()
    assert not CriterionScore.objects.exists()
    client.post(url, {f"s-{world.a1.pk}-{coop.pk}": "3"})
    assert CriterionScore.objects.count() == 1
    client.post(url, {f"s-{world.a1.pk}-{coop.pk}": ""})
    assert not CriterionScore.objects.exists()


def test_mapping_criteria_are_not_scored_and_cda_may_not_score(world):
    size, coop = _criteria(world)
    with pytest.raises(ValidationError):
        services.criterion_score_set(
            actor=world.user("coord_a"), criterion=size, cluster=world.a1, score=3
        )
    with pytest.raises(PermissionDenied):
        services.criterion_score_set(
            actor=world.user("cda_a1"), criterion=coop, cluster=world.a1, score=3
        )
