"""Selection criteria: UNIDO's starter set (added once, in any language), errors next to
fields, stale edits."""

import pytest
from django.core.exceptions import PermissionDenied

from clusters.models import (
    Criterion,
)
from clusters.selection import services
from tests.clusters.selection.helpers import _criteria

pytestmark = pytest.mark.django_db


def test_starter_set_is_added_once_and_follows_unido(world):
    coord = world.user("coord_a")
    created = services.criteria_starter_set_add(actor=coord, project=world.project_a)
    names = [c.name for c in created]
    assert names == [
        "Number of enterprises",
        "Employment",
        "Women's share",
        "Growth potential",
        "Presence of support institutions",
        "Willingness to cooperate",
        "Poverty incidence in the area",
    ]
    assert [c.kind for c in created[-3:]] == ["expert"] * 3
    assert all(c.direction == "higher" for c in created)
    assert services.criteria_starter_set_add(actor=coord, project=world.project_a) == []
    with pytest.raises(PermissionDenied):
        services.criteria_starter_set_add(actor=world.user("steer_a"), project=world.project_a)


def test_starter_set_added_in_french_is_not_added_again_in_english(world):
    from django.utils import translation

    coord = world.user("coord_a")
    with translation.override("fr"):
        created = services.criteria_starter_set_add(actor=coord, project=world.project_a)
    assert "Nombre d'entreprises" in [c.name for c in created]
    assert services.criteria_starter_set_add(actor=coord, project=world.project_a) == []
    assert world.project_a.criteria.count() == len(created)


def test_criterion_page_shows_errors_next_to_fields(world, login):
    client = login(world.user("coord_a"))
    url = f"/projects/{world.project_a.pk}/selection/criteria/"
    response = client.post(url, {"name": "Size", "kind": "mapping", "weight": "-1"})
    assert response.status_code == 200
    assert b'id="id_weight-errors"' in response.content
    response = client.post(
        url, {"name": "Size", "kind": "mapping", "weight": "1", "direction": "higher"}
    )
    assert b'id="id_source-errors"' in response.content
    assert not Criterion.objects.exists()
    response = client.post(
        url,
        {
            "name": "Size",
            "kind": "mapping",
            "source": "enterprises_total",
            "weight": "1",
            "direction": "lower",
        },
    )
    assert response.status_code == 302
    assert Criterion.objects.get().direction == "lower"


def test_stale_criterion_edit_is_refused(world, login):
    size, _ = _criteria(world)
    client = login(world.user("coord_a"))
    url = f"/projects/{world.project_a.pk}/selection/criteria/{size.pk}/"
    seen = size.updated_at.isoformat()
    services.criterion_update(actor=world.user("coord_a"), criterion=size, weight=5)
    response = client.post(
        url,
        {
            "name": "Jobs",
            "kind": "mapping",
            "source": "employment_total",
            "weight": "1",
            "direction": "higher",
            "updated_at": seen,
        },
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert Criterion.objects.get(pk=size.pk).name == "Employment"
