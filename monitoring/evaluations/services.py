"""Writes about evaluations: the evaluation with its five OECD-DAC ratings, its report
file, and its findings, lessons and recommendations (with management's response and
follow-up). Only the project's coordinator writes (Action.MANAGE)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusters.models import Cluster, Project
from governance.access import Action, authorize, visible
from governance.audit import actor_context, assign_fields
from governance.concurrency import locked_unchanged
from governance.models import User

from ..models import (
    DAC_CRITERIA,
    Evaluation,
    EvaluationPoint,
    EvaluationRating,
    FollowUpStatus,
    ManagementResponse,
    PointKind,
)

EVALUATION_FIELDS = ("cluster", "kind", "title", "evaluator", "completed_on", "summary")
POINT_FIELDS = (
    "kind",
    "text",
    "response",
    "response_note",
    "responsible",
    "due_on",
    "follow_up",
    "follow_up_note",
)
# What only a recommendation carries (a finding or a lesson has no follow-up).
RECOMMENDATION_FIELDS = POINT_FIELDS[2:]
# Management's responses that commit to act (a rejected one has no follow-up).
FOLLOWED_RESPONSES = (ManagementResponse.ACCEPTED, ManagementResponse.PARTIALLY)
_UNCHANGED: Any = object()


def _check_cluster(actor: User, project: Project, cluster: Cluster | None) -> None:
    if cluster is None:
        return
    if cluster.project_id != project.pk:
        raise ValidationError({"cluster": _("This cluster belongs to another project.")})
    authorize(actor, Action.MANAGE, cluster)


def _rating_rows(ratings: Iterable[Mapping[str, Any]] | None) -> dict[str, dict[str, Any]]:
    """The ratings by criterion; an unknown or repeated criterion is refused."""
    rows: dict[str, dict[str, Any]] = {}
    for item in ratings or ():
        criterion = item.get("criterion")
        if criterion not in DAC_CRITERIA:
            raise ValidationError({"ratings": _("Unknown criterion: %(c)s.") % {"c": criterion}})
        if criterion in rows:
            raise ValidationError(
                {"ratings": _("The criterion %(c)s is given twice.") % {"c": criterion}}
            )
        rows[criterion] = {"rating": item.get("rating"), "narrative": item.get("narrative") or ""}
    return rows


def _save_ratings(evaluation: Evaluation, rows: dict[str, dict[str, Any]]) -> None:
    """Write the given criteria's ratings; every criterion has its row afterwards."""
    existing = {
        r.criterion: r
        for r in EvaluationRating.objects.select_for_update().filter(evaluation=evaluation)
    }
    errors: dict[str, list[str]] = {}
    for criterion in DAC_CRITERIA:
        row = existing.get(criterion)
        if row is None:
            row = EvaluationRating(evaluation=evaluation, criterion=criterion)
        given = rows.get(criterion)
        if given is None and row.pk is not None:
            continue
        if given is not None:
            row.rating, row.narrative = given["rating"], given["narrative"]
        try:
            row.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(f"{field}_{criterion}", []).extend(messages)
            continue
        row.save()
    if errors:
        raise ValidationError(errors)


def evaluation_create(
    *,
    actor: User,
    project: Project,
    kind: str,
    title: str,
    cluster: Cluster | None = None,
    ratings: Iterable[Mapping[str, Any]] | None = None,
    report_file: Any = None,
    **fields: Any,
) -> Evaluation:
    """Record an evaluation with its five criteria (a row each, rated or not yet)."""
    authorize(actor, Action.MANAGE, project)
    _check_cluster(actor, project, cluster)
    evaluation = Evaluation(project=project, cluster=cluster, kind=kind, title=title)
    assign_fields(evaluation, fields, EVALUATION_FIELDS)
    if report_file:
        evaluation.report_file = report_file
    evaluation.full_clean()
    rows = _rating_rows(ratings)
    with transaction.atomic(), actor_context(actor):
        evaluation.save()
        _save_ratings(evaluation, rows)
    return evaluation


def evaluation_update(
    *,
    actor: User,
    evaluation: Evaluation,
    seen_updated_at: Any = None,
    ratings: Iterable[Mapping[str, Any]] | None = None,
    report_file: Any = _UNCHANGED,
    **fields: Any,
) -> Evaluation:
    """Edit an evaluation and (those given) its ratings; a stale edit is refused. The
    evaluation is saved even when only a rating changed, so its stamp moves."""
    authorize(actor, Action.MANAGE, evaluation)
    rows = _rating_rows(ratings)
    with transaction.atomic(), actor_context(actor):
        evaluation = locked_unchanged(
            Evaluation.objects.select_related("project"), evaluation.pk, seen_updated_at
        )
        assign_fields(evaluation, fields, EVALUATION_FIELDS)
        if "cluster" in fields:
            _check_cluster(actor, evaluation.project, evaluation.cluster)
        if report_file is not _UNCHANGED:
            evaluation.report_file = report_file or ""
        evaluation.full_clean()
        evaluation.save()
        _save_ratings(evaluation, rows)
    return evaluation


def evaluation_report_attach(
    *, actor: User, evaluation: Evaluation, report_file: Any, seen_updated_at: Any = None
) -> Evaluation:
    """Attach (or replace) the evaluation report; its content is checked by the model."""
    if not report_file:
        raise ValidationError({"report_file": _("Choose the report file.")})
    return evaluation_update(
        actor=actor, evaluation=evaluation, seen_updated_at=seen_updated_at, report_file=report_file
    )


def _check_responsible(actor: User, user: User | None, *, current_id: int | None) -> None:
    """The responsible person is someone the actor may see (an unchanged one stays,
    even if their role has ended); anyone else answers as an unknown person."""
    if user is None or user.pk == current_id:
        return
    people = visible(actor, User.objects.filter(is_active=True), Action.VIEW)
    if not people.filter(pk=user.pk).exists():
        raise ValidationError({"responsible": _("Choose a person of this project.")})


def _check_point(point: EvaluationPoint) -> None:
    """A finding or lesson has no response or follow-up; only an accepted (or partly
    accepted) recommendation is followed up."""
    if point.kind != PointKind.RECOMMENDATION:
        blank = {
            "response": ManagementResponse.PENDING,
            "response_note": "",
            "responsible": None,
            "due_on": None,
            "follow_up": FollowUpStatus.NOT_STARTED,
            "follow_up_note": "",
        }
        wrong = [name for name, empty in blank.items() if (getattr(point, name) or empty) != empty]
        if wrong:
            message = _(
                "Only a recommendation has a response, a responsible person, a due date "
                "and follow-up."
            )
            raise ValidationError({name: message for name in wrong})
        return
    followed = point.follow_up != FollowUpStatus.NOT_STARTED
    if followed and point.response not in FOLLOWED_RESPONSES:
        raise ValidationError(
            {"follow_up": _("Only an accepted or partly accepted recommendation is followed up.")}
        )


def point_create(
    *,
    actor: User,
    evaluation: Evaluation,
    kind: str,
    text: str,
    responsible: User | None = None,
    due_on: datetime.date | None = None,
    **fields: Any,
) -> EvaluationPoint:
    """Add a finding, lesson or recommendation."""
    authorize(actor, Action.MANAGE, evaluation)
    point = EvaluationPoint(
        evaluation=evaluation, kind=kind, text=text, responsible=responsible, due_on=due_on
    )
    assign_fields(point, fields, RECOMMENDATION_FIELDS)
    point.full_clean()
    _check_point(point)
    _check_responsible(actor, responsible, current_id=None)
    with transaction.atomic(), actor_context(actor):
        point.save()
    return point


def point_update(
    *, actor: User, point: EvaluationPoint, seen_updated_at: Any = None, **fields: Any
) -> EvaluationPoint:
    """Edit a point, or record management's response and the follow-up of a
    recommendation; a stale edit is refused."""
    authorize(actor, Action.MANAGE, point)
    with transaction.atomic(), actor_context(actor):
        point = locked_unchanged(EvaluationPoint.objects, point.pk, seen_updated_at)
        current_id = point.responsible_id
        assign_fields(point, fields, POINT_FIELDS)
        point.full_clean()
        _check_point(point)
        _check_responsible(actor, point.responsible, current_id=current_id)
        point.save()
    return point


def point_delete(*, actor: User, point: EvaluationPoint, seen_updated_at: Any = None) -> None:
    authorize(actor, Action.MANAGE, point)
    with transaction.atomic(), actor_context(actor):
        point = locked_unchanged(EvaluationPoint.objects, point.pk, seen_updated_at)
        point.delete()
