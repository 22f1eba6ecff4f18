"""Writes of the selection's criteria and expert scores.

Who may do what:
* criteria (create, edit, weights, delete, starter set): the coordinator (MANAGE);
* expert scores: coordinators and Steering Committee members (DECIDE_SELECTION) -
  they are the selection body and each scores as one expert (their own row); a
  score is withdrawn by its expert or the coordinator
  (``governance.access.rules.authorize_score_withdrawal``).

Selection decisions are in ``decision_services``; phase moves in ``clusters.services``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.access import Action, authorize
from governance.access.rules import authorize_score_withdrawal
from governance.audit import actor_context, assign_fields, validated_save
from governance.concurrency import ensure_not_stale, locked_unchanged
from governance.models import User

from ..models import (
    Cluster,
    Criterion,
    CriterionDirection,
    CriterionKind,
    CriterionScore,
    Project,
)

CRITERION_FIELDS = ("name", "description", "kind", "source", "weight", "direction", "order")

# UNIDO's usual criteria for prioritising candidate clusters; the coordinator adds
# them with one button and then adjusts names, weights and directions.
# Poverty incidence is "higher is better": more poverty means more need, and the
# programme aims its support where it reduces poverty most.
STARTER_CRITERIA: list[dict[str, Any]] = [
    {
        "name": gettext_lazy("Number of enterprises"),
        "kind": CriterionKind.MAPPING,
        "source": "enterprises_total",
        "weight": Decimal("2"),
        "description": gettext_lazy("Critical mass: more firms, more scope for joint action."),
    },
    {
        "name": gettext_lazy("Employment"),
        "kind": CriterionKind.MAPPING,
        "source": "employment_total",
        "weight": Decimal("2"),
        "description": gettext_lazy("People who live from the cluster."),
    },
    {
        "name": gettext_lazy("Women's share"),
        "kind": CriterionKind.MAPPING,
        "source": "women_owned_share",
        "weight": Decimal("1"),
        "description": gettext_lazy("Share of women-owned enterprises (gender perspective)."),
    },
    {
        "name": gettext_lazy("Growth potential"),
        "kind": CriterionKind.MAPPING,
        "source": "growth_potential",
        "weight": Decimal("2"),
        "description": gettext_lazy("Market prospects of the cluster's products (1-5)."),
    },
    {
        "name": gettext_lazy("Presence of support institutions"),
        "kind": CriterionKind.EXPERT,
        "weight": Decimal("1"),
        "description": gettext_lazy(
            "Business associations, BDS providers, finance, training and research."
        ),
    },
    {
        "name": gettext_lazy("Willingness to cooperate"),
        "kind": CriterionKind.EXPERT,
        "weight": Decimal("2"),
        "description": gettext_lazy("Trust and interest in joint action among the firms."),
    },
    {
        "name": gettext_lazy("Poverty incidence in the area"),
        "kind": CriterionKind.EXPERT,
        "weight": Decimal("1"),
        "description": gettext_lazy(
            "Higher is better: more poverty means more need for the programme."
        ),
    },
]


def _next_order(project: Project) -> int:
    return (Criterion.objects.filter(project=project).aggregate(m=Max("order"))["m"] or 0) + 1


def criterion_create(*, actor: User, project: Project, **fields: Any) -> Criterion:
    authorize(actor, Action.MANAGE, project)
    data = {k: v for k, v in fields.items() if k in CRITERION_FIELDS and v is not None}
    criterion = Criterion(project=project, **data)
    if not data.get("order"):
        criterion.order = _next_order(project)
    return validated_save(criterion, actor=actor)


def criterion_update(
    *, actor: User, criterion: Criterion, seen_updated_at: Any = None, **fields: Any
) -> Criterion:
    authorize(actor, Action.MANAGE, criterion.project)
    with transaction.atomic(), actor_context(actor):
        criterion = locked_unchanged(Criterion.objects, criterion.pk, seen_updated_at)
        assign_fields(criterion, fields, CRITERION_FIELDS)
        if criterion.kind == CriterionKind.EXPERT:
            criterion.source = ""
        criterion.full_clean()
        criterion.save()
    return criterion


def criterion_delete(*, actor: User, criterion: Criterion) -> None:
    """Delete a criterion and its expert scores."""
    authorize(actor, Action.MANAGE, criterion.project)
    with transaction.atomic(), actor_context(actor):
        criterion.delete()


def _names_in_every_language(name: Any) -> set[str]:
    names = set()
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            names.add(str(name).lower())
    return names


def criteria_starter_set_add(*, actor: User, project: Project) -> list[Criterion]:
    """Add UNIDO's starter criteria the project does not have yet (by name, in any of
    the interface's languages: a set added in French is not added again in English)."""
    authorize(actor, Action.MANAGE, project)
    existing = {n.lower() for n in project.criteria.values_list("name", flat=True)}
    created: list[Criterion] = []
    with transaction.atomic(), actor_context(actor):
        order = _next_order(project)
        for spec in STARTER_CRITERIA:
            name = str(spec["name"])
            if existing & _names_in_every_language(spec["name"]):
                continue
            criterion = Criterion(
                project=project,
                name=name,
                description=str(spec["description"]),
                kind=spec["kind"],
                source=spec.get("source", ""),
                weight=spec["weight"],
                direction=CriterionDirection.HIGHER,
                order=order,
            )
            criterion.full_clean()
            criterion.save()
            created.append(criterion)
            order += 1
    return created


def criterion_weights_update(
    *,
    actor: User,
    project: Project,
    weights: Mapping[int, Decimal],
    seen: Mapping[int, str] | None = None,
) -> list[Criterion]:
    """Save the weights tried on the ranking page (criterion id -> weight).

    ``seen`` (criterion id -> updated_at shown on the page) refuses the whole save
    when someone changed one of the criteria meanwhile."""
    authorize(actor, Action.MANAGE, project)
    errors: dict[str, str] = {}
    for pk, weight in weights.items():
        if weight is None or Decimal(weight) < 0:
            errors[f"weight-{pk}"] = _("A weight is a number of zero or more.")
    if errors:
        raise ValidationError(errors)
    changed: list[Criterion] = []
    with transaction.atomic(), actor_context(actor):
        criteria = Criterion.objects.select_for_update().filter(project=project, pk__in=weights)
        for criterion in criteria:
            ensure_not_stale(criterion, (seen or {}).get(criterion.pk))
            new = Decimal(weights[criterion.pk]).quantize(Decimal("0.01"))
            if criterion.weight != new:
                criterion.weight = new
                criterion.full_clean()
                criterion.save(update_fields=["weight", "updated_at"])
                changed.append(criterion)
    return changed


@dataclass(frozen=True)
class ScoreEntry:
    criterion: Criterion
    cluster: Cluster
    score: int | None  # None: withdraw my score
    note: str = ""


def criterion_score_set(
    *, actor: User, criterion: Criterion, cluster: Cluster, score: int | None, note: str = ""
) -> CriterionScore | None:
    """Record (or change, or with score None withdraw) the actor's own score."""
    return criterion_scores_save(
        actor=actor,
        project=criterion.project,
        entries=[ScoreEntry(criterion=criterion, cluster=cluster, score=score, note=note)],
    )[0]


def criterion_scores_save(
    *, actor: User, project: Project, entries: Sequence[ScoreEntry]
) -> list[CriterionScore | None]:
    """Save many of the actor's scores at once (the scoring grid), all or nothing."""
    authorize(actor, Action.DECIDE_SELECTION, project)
    results: list[CriterionScore | None] = []
    with transaction.atomic(), actor_context(actor):
        existing = {
            (s.criterion_id, s.cluster_id): s
            for s in CriterionScore.objects.select_for_update().filter(
                criterion__project=project, scored_by=actor
            )
        }
        for entry in entries:
            if entry.criterion.project_id != project.pk or entry.cluster.project_id != project.pk:
                raise ValidationError({"cluster": _("The cluster belongs to another project.")})
            current = existing.get((entry.criterion.pk, entry.cluster.pk))
            if entry.score is None:
                if current is not None:
                    current.delete()
                results.append(None)
                continue
            if current is None:
                current = CriterionScore(
                    criterion=entry.criterion, cluster=entry.cluster, scored_by=actor
                )
            elif current.score == entry.score and current.note == (entry.note or ""):
                results.append(current)
                continue
            current.score = entry.score
            current.note = entry.note or ""
            current.full_clean()
            current.save()
            results.append(current)
    return results


def criterion_score_withdraw(*, actor: User, score: CriterionScore) -> None:
    """Withdraw an expert score: the expert who gave it, or the coordinator."""
    authorize_score_withdrawal(actor, score)
    with transaction.atomic(), actor_context(actor):
        score.delete()
