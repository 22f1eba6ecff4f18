"""Reads about evaluations, scoped by the access policy: a cluster's evaluation follows
its cluster, a project-wide one reaches only project roles (coordinator, steering)."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from clusters.models import Project
from governance.access import Action, visible

from ..models import (
    DAC_CRITERIA,
    Evaluation,
    EvaluationPoint,
    EvaluationRating,
    FollowUpStatus,
    ManagementResponse,
    PointKind,
)


def open_recommendation(prefix: str = "") -> Q:
    """A recommendation still to act on: not done, and not rejected by management
    (said positively, so it also works inside an aggregate's filter)."""
    return Q(
        **{
            f"{prefix}kind": PointKind.RECOMMENDATION,
            f"{prefix}follow_up__in": [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS],
            f"{prefix}response__in": [
                ManagementResponse.PENDING,
                ManagementResponse.ACCEPTED,
                ManagementResponse.PARTIALLY,
            ],
        }
    )


def _ratings() -> Prefetch:
    return Prefetch("ratings", queryset=EvaluationRating.objects.order_by("pk"))


def evaluation_list(*, user: Any, project: Project) -> list[Evaluation]:
    """The project's evaluations the user may see, newest first, each with its ratings
    (``ratings_by_criterion``, ``average_rating``) and ``open_recommendations`` counted.
    Two queries whatever the number of evaluations."""
    qs = visible(
        user,
        Evaluation.objects.filter(project=project)
        .select_related("cluster")
        .annotate(open_recommendations=Count("points", filter=open_recommendation("points__")))
        .prefetch_related(_ratings()),
        Action.VIEW,
    )
    evaluations = list(qs)
    for evaluation in evaluations:
        summarise(evaluation)
    return evaluations


def summarise(evaluation: Evaluation) -> Evaluation:
    """Ratings in the order of the five criteria and their average (rated ones only)."""
    by_criterion = {r.criterion: r for r in evaluation.ratings.all()}
    evaluation.criteria_ratings = [by_criterion.get(c) for c in DAC_CRITERIA]
    rated = [r.rating for r in by_criterion.values() if r.rating is not None]
    evaluation.average_rating = round(sum(rated) / len(rated), 1) if rated else None
    return evaluation


def evaluation_detail(evaluation: Evaluation) -> dict[str, Any]:
    """An (authorized) evaluation's ratings and its points grouped by kind, each
    recommendation marked ``overdue`` when open past its due date. Fixed query count."""
    summarise(evaluation)
    points = list(
        # open recommendations first, by due date; then those done or rejected
        points_with_overdue(evaluation.points.select_related("responsible")).order_by(
            "-still_open", F("due_on").asc(nulls_last=True), "pk"
        )
    )
    grouped = {kind: [p for p in points if p.kind == kind] for kind in PointKind.values}
    return {
        "evaluation": evaluation,
        "ratings": evaluation.criteria_ratings,
        "findings": grouped[PointKind.FINDING],
        "lessons": grouped[PointKind.LESSON],
        "recommendations": grouped[PointKind.RECOMMENDATION],
    }


def evaluations_with_ratings() -> QuerySet[Evaluation]:
    """Evaluations as pages and the API read them (cluster, project, ratings)."""
    return Evaluation.objects.select_related("project", "cluster").prefetch_related(_ratings())


def points_with_overdue(qs: QuerySet[EvaluationPoint]) -> QuerySet[EvaluationPoint]:
    """Points with ``still_open`` (a recommendation still to act on) and ``overdue``
    (still open past its due date)."""
    today = timezone.localdate()
    # Case, not a bare comparison: an undated point is not overdue (SQL would say NULL).
    return qs.annotate(
        still_open=_flag(open_recommendation()),
        overdue=_flag(open_recommendation() & Q(due_on__lt=today)),
    )


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def open_recommendations(project: Project, user: Any) -> QuerySet[EvaluationPoint]:
    """The project's recommendations still to act on (not done, not rejected) that the
    user may see, by due date (undated last), each with ``overdue``, its evaluation and
    its responsible person. One query."""
    qs = EvaluationPoint.objects.filter(open_recommendation(), evaluation__project=project)
    qs = qs.select_related("evaluation__cluster", "responsible")
    return points_with_overdue(visible(user, qs, Action.VIEW)).order_by(
        F("due_on").asc(nulls_last=True), "evaluation_id", "pk"
    )
