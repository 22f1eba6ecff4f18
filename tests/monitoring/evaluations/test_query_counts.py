"""Query counts of the evaluation list and detail pages: pinned, and the same with 3 or
30 evaluations (list) and 4 or 40 points (detail)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from monitoring.evaluations import services
from monitoring.models import PointKind
from tests.factories import ClusterFactory

from .helpers import add_point

pytestmark = pytest.mark.django_db

# session, user, project, the evaluations (open recommendations counted), their ratings,
# the MANAGE check for the create link
LIST_QUERIES = 6
# session, user, the evaluation, its ratings, its points (responsible joined), MANAGE
DETAIL_QUERIES = 6


def _evaluations(world, n):
    for i in range(n):
        evaluation = services.evaluation_create(
            actor=world.users["coord_a"],
            project=world.project_a,
            cluster=world.a1 if i % 2 else None,
            kind="mid_term",
            title=f"Evaluation {i}",
            ratings=[{"criterion": "impact", "rating": 1 + i % 6}],
        )
        add_point(world, evaluation)


def _points(world, evaluation, n):
    kinds = list(PointKind)
    for i in range(n):
        kind = kinds[i % 3]
        extra = (
            {"responsible": world.users["cda_a1"], "due_on": timezone.localdate()}
            if kind == PointKind.RECOMMENDATION
            else {}
        )
        add_point(world, evaluation, kind=kind, text=f"Point {i}", **extra)


@pytest.mark.parametrize("persona", ["coord_a", "cda_a1"])
def test_the_list_page_query_count_is_pinned(world, login, django_assert_num_queries, persona):
    client = login(world.users[persona])
    url = f"/projects/{world.project_a.pk}/evaluations/"
    for size in (3, 27):
        _evaluations(world, size)
        with django_assert_num_queries(LIST_QUERIES):
            assert client.get(url).status_code == 200


def test_the_detail_page_query_count_is_pinned(world, login, evaluation, django_assert_num_queries):
    client = login(world.users["coord_a"])
    url = f"/evaluations/{evaluation.pk}/"
    for size in (4, 36):
        _points(world, evaluation, size)
        with django_assert_num_queries(DETAIL_QUERIES):
            response = client.get(url)
        assert response.status_code == 200
    assert response.content.decode().count("Point ") == 40


def test_the_evaluation_form_query_count_does_not_grow_with_clusters(world, login, evaluation):
    client = login(world.users["coord_a"])
    counts = []
    for size in (2, 20):
        ClusterFactory.create_batch(size, project=world.project_a)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/evaluations/{evaluation.pk}/edit/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
