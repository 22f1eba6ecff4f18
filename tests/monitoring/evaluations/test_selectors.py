"""Evaluation reads: the list's summary and ``open_recommendations`` (used by reports),
scoped like the pages."""

import datetime

import pytest
from django.utils import timezone

from monitoring.evaluations import selectors
from monitoring.models import FollowUpStatus, ManagementResponse, PointKind

from .helpers import add_point

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _days(n):
    return TODAY + datetime.timedelta(days=n)


def test_the_list_summarises_ratings_and_counts_open_recommendations(world, evaluation):
    add_point(world, evaluation)
    add_point(world, evaluation, response=ManagementResponse.REJECTED)
    add_point(world, evaluation, response="accepted", follow_up=FollowUpStatus.DONE)
    add_point(world, evaluation, kind=PointKind.FINDING, text="Trust grew")
    (row,) = selectors.evaluation_list(user=world.users["steer_a"], project=world.project_a)
    assert row.average_rating == 5.0  # (6 + 4 + 5) / 3, unrated criteria left out
    assert [r.criterion for r in row.criteria_ratings][:2] == ["relevance", "efficiency"]
    assert row.open_recommendations == 1


def test_a_cda_lists_only_their_clusters_evaluations(world, evaluation, a1_evaluation):
    def titles(persona):
        rows = selectors.evaluation_list(user=world.users[persona], project=world.project_a)
        return {e.title for e in rows}

    assert titles("cda_a1") == {"A1 final evaluation"}
    assert titles("comm_a1") == {"A1 final evaluation"}
    assert titles("cda_a2") == set()
    assert titles("steer_a") == {"A1 final evaluation", "Mid-term evaluation"}


def test_open_recommendations_by_due_date_with_overdue_marked(world, evaluation, a1_evaluation):
    late = add_point(world, evaluation, text="Late", due_on=_days(-3), response="accepted")
    soon = add_point(world, a1_evaluation, text="Soon", due_on=_days(10))
    undated = add_point(world, evaluation, text="Undated")
    add_point(world, evaluation, text="Done", response="accepted", follow_up="done")
    add_point(world, evaluation, text="Rejected", response="rejected", due_on=_days(-9))
    add_point(world, evaluation, kind=PointKind.LESSON, text="Lesson")
    rows = list(selectors.open_recommendations(world.project_a, world.users["coord_a"]))
    assert [r.pk for r in rows] == [late.pk, soon.pk, undated.pk]
    assert [r.overdue for r in rows] == [True, False, False]
    # A1's CDA sees A1's recommendation only; another project's coordinator none.
    cda_rows = selectors.open_recommendations(project=world.project_a, user=world.users["cda_a1"])
    assert [r.pk for r in cda_rows] == [soon.pk]
    assert not selectors.open_recommendations(world.project_a, world.users["coord_b"]).exists()


def test_open_recommendations_is_one_query(world, evaluation, django_assert_num_queries):
    for i in range(5):
        add_point(world, evaluation, text=f"R{i}", responsible=world.users["cda_a1"])
    with django_assert_num_queries(1):
        rows = list(selectors.open_recommendations(world.project_a, world.users["admin"]))
        assert {r.responsible.username for r in rows} == {"cda_a1"}
        assert {r.evaluation.title for r in rows} == {"Mid-term evaluation"}
