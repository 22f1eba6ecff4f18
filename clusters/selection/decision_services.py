"""Writes of the Steering Committee's selection decisions.

Steering Committee members record them, or the coordinator on their behalf
(DECIDE_SELECTION). A decision is never edited; a later one supersedes it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.access import Action, authorize
from governance.audit import actor_context
from governance.models import User

from ..models import (
    Cluster,
    ClusterStatus,
    Phase,
    PhaseChange,
    Project,
    SelectionDecision,
    SelectionDecisionCluster,
    SelectionOutcome,
)


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
    and enter the governance phase; rejected ones become 'not selected' (back in
    mapping).
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
