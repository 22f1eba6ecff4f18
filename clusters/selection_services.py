"""Writes of phase 1 selection: criteria, expert scores, selection decisions, phase moves.

Who may do what:
* criteria (create, edit, weights, delete, starter set): the coordinator (MANAGE);
* expert scores: coordinators and Steering Committee members (DECIDE_SELECTION) -
  they are the selection body and each scores as one expert (their own row); a
  score is withdrawn by its expert or the coordinator;
* selection decisions: Steering Committee members, or the coordinator on their
  behalf (DECIDE_SELECTION);
* phase moves: the coordinator (MANAGE).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.access import Action, authorize, can
from governance.audit import actor_context
from governance.concurrency import ensure_not_stale
from governance.models import User

from .models import (
    Cluster,
    ClusterStatus,
    Criterion,
    CriterionDirection,
    CriterionKind,
    CriterionScore,
    Phase,
    PhaseChange,
    Project,
    SelectionDecision,
    SelectionDecisionCluster,
    SelectionOutcome,
)
from .phases import missing_conditions

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


# --- Criteria ----------------------------------------------------------------------


def _next_order(project: Project) -> int:
    return (Criterion.objects.filter(project=project).aggregate(m=Max("order"))["m"] or 0) + 1


def criterion_create(*, actor: User, project: Project, **fields: Any) -> Criterion:
    authorize(actor, Action.MANAGE, project)
    data = {k: v for k, v in fields.items() if k in CRITERION_FIELDS and v is not None}
    criterion = Criterion(project=project, **data)
    if not data.get("order"):
        criterion.order = _next_order(project)
    criterion.full_clean()
    with transaction.atomic(), actor_context(actor):
        criterion.save()
    return criterion


def criterion_update(
    *, actor: User, criterion: Criterion, seen_updated_at: Any = None, **fields: Any
) -> Criterion:
    authorize(actor, Action.MANAGE, criterion.project)
    with transaction.atomic(), actor_context(actor):
        criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
        ensure_not_stale(criterion, seen_updated_at)
        for name, value in fields.items():
            if name in CRITERION_FIELDS:
                setattr(criterion, name, value)
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


# --- Expert scores -----------------------------------------------------------------


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
    project = score.criterion.project
    authorize(actor, Action.DECIDE_SELECTION, project)
    if score.scored_by_id != actor.pk and not can(actor, Action.MANAGE, project):
        raise PermissionDenied(
            _("Only the expert who gave a score, or the coordinator, may withdraw it.")
        )
    with transaction.atomic(), actor_context(actor):
        score.delete()


# --- Selection decisions -----------------------------------------------------------


def _appointments_error(rejected: Iterable[Cluster]) -> str | None:
    """The message when a cluster to reject has a CDA appointment that has not ended
    (current, or starting later): rejecting it would leave its CDAs with access.

    Refused rather than ending the appointments silently: the coordinator ends them
    (and so the CDAs' access) knowingly, then the rejection is recorded."""
    from governance.models import CDAAppointment

    ids = [c.pk for c in rejected]
    if not ids:
        return None
    today = timezone.localdate()
    names = sorted(
        set(
            CDAAppointment.objects.filter(cluster_id__in=ids)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))
            .values_list("cluster__name", flat=True)
        )
    )
    if not names:
        return None
    return _("End the CDA appointments of %(names)s first: a rejected cluster keeps no CDA.") % {
        "names": ", ".join(names)
    }


def _backdating_error(clusters: Sequence[Cluster], decided_on: Any) -> str | None:
    """The message when ``decided_on`` is earlier than a decision already recorded about
    one of ``clusters``. A cluster's status follows the decision recorded last, so
    decision dates may not run backwards (the same day is fine)."""
    if not isinstance(decided_on, datetime.date) or not clusters:
        return None
    later = (
        SelectionDecisionCluster.objects.filter(
            cluster_id__in=[c.pk for c in clusters], decision__decided_on__gt=decided_on
        )
        .values("cluster__name")
        .annotate(latest=Max("decision__decided_on"))
        .order_by("cluster__name")
    )
    later = list(later)
    if not later:
        return None
    latest = max(row["latest"] for row in later)
    return _(
        "A decision of %(date)s already covers %(names)s: a later decision cannot be dated "
        "earlier. Date this one %(date)s or later."
    ) % {
        "date": date_format(latest, "DATE_FORMAT"),
        "names": ", ".join(row["cluster__name"] for row in later),
    }


def selection_decision_record(
    *,
    actor: User,
    project: Project,
    decided_on: datetime.date,
    rationale: str,
    selected: Iterable[Cluster] = (),
    rejected: Iterable[Cluster] = (),
    meeting: Any = None,
    supersedes: SelectionDecision | None = None,
) -> SelectionDecision:
    """Record the Steering Committee's decision. Selected clusters become 'selected'
    and enter phase 2; rejected ones become 'not selected' (back in phase 1).
    A decision is never edited; a later one supersedes it.

    Refused: a date before a decision already recorded about one of the clusters (the
    status follows the decision recorded last, so dates may not run backwards) or
    before the decision's meeting; rejecting a cluster whose CDA appointments have
    not ended (its CDAs would keep their access)."""
    authorize(actor, Action.DECIDE_SELECTION, project)
    selected = list(selected)
    rejected = list(rejected)
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    both = {c.pk for c in selected} & {c.pk for c in rejected}
    if both:
        names = ", ".join(sorted(c.name for c in selected if c.pk in both))
        add(
            "rejected",
            _("A cluster cannot be both selected and rejected in one decision: %(names)s.")
            % {"names": names},
        )
    if not selected and not rejected:
        add("selected", _("Select or reject at least one cluster."))
    for field, clusters in (("selected", selected), ("rejected", rejected)):
        for cluster in clusters:
            if cluster.project_id != project.pk:
                add(field, _("%(name)s belongs to another project.") % {"name": cluster.name})
            elif cluster.status == ClusterStatus.PHASED_OUT:
                add(field, _("%(name)s is phased out.") % {"name": cluster.name})
    for cluster in rejected:
        if cluster.project_id == project.pk and cluster.phase > Phase.GOVERNANCE:
            add(
                "rejected",
                _("%(name)s is already in phase %(phase)s; move it back before rejecting it.")
                % {"name": cluster.name, "phase": cluster.phase},
            )
    appointed = _appointments_error(c for c in rejected if c.project_id == project.pk)
    if appointed:
        add("rejected", appointed)
    backdated = _backdating_error(selected + rejected, decided_on)
    if backdated:
        add("decided_on", backdated)
    decision = SelectionDecision(
        project=project,
        decided_on=decided_on,
        rationale=rationale,
        meeting=meeting,
        supersedes=supersedes,
        recorded_by=actor,
    )
    try:
        decision.full_clean(validate_unique=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                add(field, message)
    if errors:
        raise ValidationError(errors)

    with transaction.atomic(), actor_context(actor):
        if supersedes is not None:
            locked = SelectionDecision.objects.select_for_update().get(pk=supersedes.pk)
            if SelectionDecision.objects.filter(supersedes=locked).exists():
                raise ValidationError(
                    {"supersedes": _("That decision has already been superseded.")}
                )
        ids = [c.pk for c in selected + rejected]
        locked_clusters = {c.pk: c for c in Cluster.objects.select_for_update().filter(pk__in=ids)}
        # Checked again under the clusters' locks: a decision recorded meanwhile counts.
        backdated = _backdating_error(selected + rejected, decided_on)
        if backdated:
            raise ValidationError({"decided_on": backdated})
        appointed = _appointments_error(rejected)
        if appointed:
            raise ValidationError({"rejected": appointed})
        decision.save()
        for outcome, clusters in (
            (SelectionOutcome.SELECTED, selected),
            (SelectionOutcome.REJECTED, rejected),
        ):
            for given in clusters:
                cluster = locked_clusters[given.pk]
                SelectionDecisionCluster.objects.create(
                    decision=decision, cluster=cluster, outcome=outcome
                )
                if outcome == SelectionOutcome.SELECTED:
                    status, phase = ClusterStatus.SELECTED, max(cluster.phase, Phase.GOVERNANCE)
                else:
                    status, phase = ClusterStatus.REJECTED, Phase.MAPPING
                old_phase = cluster.phase
                cluster.status = status
                cluster.phase = phase
                cluster.save(update_fields=["status", "phase", "updated_at"])
                if old_phase != phase:
                    PhaseChange.objects.create(
                        cluster=cluster,
                        from_phase=old_phase,
                        to_phase=phase,
                        reason=str(decision),
                        decision=decision,
                        changed_by=actor,
                    )
    return decision


# --- Phase moves -------------------------------------------------------------------


def cluster_phase_move(
    *,
    actor: User,
    cluster: Cluster,
    to_phase: int,
    reason: str,
    expected_phase: int | None = None,
) -> PhaseChange:
    """Move a cluster forward (when every condition is met) or back, with a reason."""
    authorize(actor, Action.MANAGE, cluster)
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason for the move.")]
    if to_phase not in Phase.values:
        errors["to_phase"] = [_("Choose a phase.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), actor_context(actor):
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        if expected_phase is not None and cluster.phase != expected_phase:
            raise ValidationError(
                {
                    "to_phase": _(
                        "Someone moved this cluster to another phase meanwhile; "
                        "reload the page and check again."
                    )
                }
            )
        if to_phase == cluster.phase:
            raise ValidationError({"to_phase": _("The cluster is already in this phase.")})
        if cluster.status == ClusterStatus.PHASED_OUT:
            raise ValidationError({"to_phase": _("The cluster is phased out.")})
        missing = missing_conditions(cluster, to_phase)
        if missing:
            raise ValidationError(
                {
                    "to_phase": [
                        _("Missing before the cluster can move on: %(what)s")
                        % {"what": str(c.label)}
                        for c in missing
                    ]
                }
            )
        change = PhaseChange(
            cluster=cluster,
            from_phase=cluster.phase,
            to_phase=to_phase,
            reason=reason.strip(),
            changed_by=actor,
        )
        change.full_clean()
        cluster.phase = to_phase
        cluster.save(update_fields=["phase", "updated_at"])
        change.save()
    return change
