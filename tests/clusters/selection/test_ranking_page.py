"""The ranking page: contributions, missing values, weight messages, saved weights (stale
ones refused), its query count."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.models import (
    Cluster,
    Criterion,
    CriterionScore,
)
from clusters.selection import services
from tests.clusters.selection.helpers import _candidates, _criteria
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_ranking_page_shows_contributions_missing_values_and_json(world, login):
    size, coop = _criteria(world)
    Cluster.objects.filter(pk=world.a1.pk).update(employment_women=50, employment_men=50)
    services.criterion_score_set(
        actor=world.user("steer_a"), criterion=coop, cluster=world.a1, score=5
    )
    response = login(world.user("steer_a")).get(f"/projects/{world.project_a.pk}/selection/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="ranking-data"' in html and "selection_ranking.js" in html
    assert "count as the worst value" in html  # A2 has neither figure nor score
    assert "Save these weights" not in html  # steering explores, the coordinator saves
    rows = response.context["rows"]
    assert rows[0]["cluster"] == world.a1 and rows[0]["candidate"].total == pytest.approx(1.0)
    assert rows[0]["cells"][0]["contribution"] == pytest.approx(2 / 3)


def test_ranking_page_explains_zero_weights_and_empty_criteria(world, login):
    size, coop = _criteria(world)
    client = login(world.user("coord_a"))
    html = client.get(f"/projects/{world.project_a.pk}/selection/").content.decode()
    assert "has no value for any candidate" in html  # nobody scored "Cooperation"
    client.post(
        f"/projects/{world.project_a.pk}/selection/weights/",
        {f"weight-{size.pk}": "0", f"weight-{coop.pk}": "0"},
    )
    assert Criterion.objects.get(pk=size.pk).weight == 0
    html = client.get(f"/projects/{world.project_a.pk}/selection/").content.decode()
    assert "All weights are zero" in html


def test_weights_are_saved_by_the_coordinator_and_bad_weights_refused(world, login):
    size, coop = _criteria(world)
    client = login(world.user("coord_a"))
    url = f"/projects/{world.project_a.pk}/selection/weights/"
    client.post(url, {f"weight-{size.pk}": "-2", f"weight-{coop.pk}": "4"})
    assert Criterion.objects.get(pk=coop.pk).weight == 1  # nothing saved
    client.post(url, {f"weight-{size.pk}": "2.5", f"weight-{coop.pk}": "4"})
    assert [str(c.weight) for c in Criterion.objects.order_by("order")] == ["2.50", "4.00"]
    assert LogEntry.objects.get_for_object(Criterion.objects.get(pk=coop.pk)).count() == 2


# session, user, project authorize (get_authorized: fetch + DECIDE_SELECTION), criteria,
# candidates, expert score averages, can_manage
RANKING_QUERIES = 8


def test_ranking_page_query_count_does_not_grow(world, login, django_assert_num_queries):
    project = ProjectFactory(name="Big")
    from governance.roles.services import role_grant

    coord = world.user("coord_a")
    role_grant(actor=world.user("admin"), user=coord, role="coordinator", project=project)
    services.criteria_starter_set_add(actor=coord, project=project)
    client = login(coord)

    def count(n_more):
        clusters = _candidates(
            project, n_more, start=Cluster.objects.filter(project=project).count()
        )
        expert = Criterion.objects.filter(project=project, kind="expert").first()
        for cluster in clusters:
            CriterionScore.objects.create(
                criterion=expert, cluster=cluster, score=3, scored_by=coord
            )
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/projects/{project.pk}/selection/")
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["rows"])

    small, rows_small = count(5)
    large, rows_large = count(45)
    assert (rows_small, rows_large) == (5, 50)
    assert small == large == RANKING_QUERIES
    with django_assert_num_queries(RANKING_QUERIES):
        client.get(f"/projects/{project.pk}/selection/")


def test_stale_weights_are_refused(world, login):
    size, coop = _criteria(world)
    client = login(world.user("coord_a"))
    page = client.get(f"/projects/{world.project_a.pk}/selection/")
    seen = f'name="seen-{size.pk}" value="{size.updated_at.isoformat()}"'
    assert seen in page.content.decode()
    services.criterion_update(actor=world.user("coord_a"), criterion=size, weight=7)
    response = client.post(
        f"/projects/{world.project_a.pk}/selection/weights/",
        {
            f"weight-{size.pk}": "1",
            f"seen-{size.pk}": size.updated_at.isoformat(),
            f"weight-{coop.pk}": "9",
            f"seen-{coop.pk}": coop.updated_at.isoformat(),
        },
        follow=True,
    )
    assert "Someone else changed this record" in response.content.decode()
    assert [str(c.weight) for c in Criterion.objects.order_by("order")] == ["7.00", "1.00"]


def test_only_criteria_without_values_carrying_weight_says_so(world, login):
    size, coop = _criteria(world)  # nobody scored "Cooperation": it has no values
    Cluster.objects.filter(pk=world.a1.pk).update(employment_women=10)
    services.criterion_weights_update(
        actor=world.user("coord_a"),
        project=world.project_a,
        weights={size.pk: 0, coop.pk: 3},
    )
    response = login(world.user("coord_a")).get(f"/projects/{world.project_a.pk}/selection/")
    html = response.content.decode()
    assert not response.context["ranking"].ranked
    assert response.context["ranking"].weight_problem.startswith(
        "Only criteria without any values carry weight"
    )
    zero_box = html.split('id="ranking-zero"', 1)[1].split("</p>", 1)[0]
    assert "Only criteria without any values carry weight" in zero_box
    assert "hidden" not in zero_box.split(">", 1)[0]
    assert html.count("All weights are zero") == 1  # only in the script's data
    data = login(world.user("steer_a")).get(f"/api/selection-rankings/{world.project_a.pk}/")
    problems = data.json()["problems"]
    assert any("Only criteria without any values carry weight" in p for p in problems)
    assert not any("All weights are zero" in p for p in problems)


def test_ranking_page_gives_the_browser_every_weight_message(world, login):
    _criteria(world)
    response = login(world.user("coord_a")).get(f"/projects/{world.project_a.pk}/selection/")
    messages = response.context["ranking_data"]["messages"]
    assert set(messages) >= {"zero", "only_empty"}
    assert "Only criteria without any values carry weight" in messages["only_empty"]
    html = response.content.decode()
    # the banners the script toggles are always on the page (hidden when not true)
    assert 'id="ranking-ties"' in html and 'id="ranking-zero"' in html
