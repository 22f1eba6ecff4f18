"""The phase tracker: what a cluster needs before it may enter each phase.

A registry of conditions per phase. The clusters app registers the conditions of
the governance and diagnostic phases below; later apps add theirs from ``AppConfig.ready()``
(``register_phase_condition(4, "diagnostic_endorsed", _("..."), check)``).
A check is ``(cluster) -> bool`` and runs a fixed number of queries.

Moving a cluster forward checks the conditions of every phase it enters; moving
back needs none (only a reason). The move itself is
``clusters.services.cluster_phase_move``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Phase


@dataclass(frozen=True)
class PhaseCondition:
    phase: int  # the phase this condition lets a cluster enter
    key: str
    label: Any  # what is needed, in words (shown when it is missing)
    check: Callable[[Any], bool]


_conditions: dict[int, list[PhaseCondition]] = {}


def register_phase_condition(
    phase: int, key: str, label: Any, check: Callable[[Any], bool]
) -> None:
    """Add (or replace, by key) a condition for entering ``phase``."""
    conditions = [c for c in _conditions.get(phase, []) if c.key != key]
    conditions.append(PhaseCondition(phase=phase, key=key, label=label, check=check))
    _conditions[phase] = conditions


def conditions_for(phase: int) -> list[PhaseCondition]:
    return list(_conditions.get(phase, []))


def missing_conditions(cluster: Any, to_phase: int) -> list[PhaseCondition]:
    """Conditions not yet met for moving ``cluster`` forward to ``to_phase``
    (every phase it would enter counts). Moving back or staying needs nothing."""
    missing: list[PhaseCondition] = []
    for phase in range(int(cluster.phase) + 1, int(to_phase) + 1):
        missing.extend(c for c in conditions_for(phase) if not c.check(cluster))
    return missing


@dataclass
class PhaseStatus:
    phase: int
    label: str
    next_phase: int | None
    next_label: str | None
    missing: list[PhaseCondition]
    met: list[PhaseCondition]


def phase_status(cluster: Any) -> PhaseStatus:
    """The cluster's phase and what is met and missing to enter the next one."""
    current = int(cluster.phase)
    next_phase = current + 1 if current + 1 in Phase.values else None
    met: list[PhaseCondition] = []
    missing: list[PhaseCondition] = []
    if next_phase is not None:
        for condition in conditions_for(next_phase):
            (met if condition.check(cluster) else missing).append(condition)
    return PhaseStatus(
        phase=current,
        label=str(Phase(current).label),
        next_phase=next_phase,
        next_label=str(Phase(next_phase).label) if next_phase else None,
        missing=missing,
        met=met,
    )


# --- The base conditions -----------------------------------------------------------


def selected_by_decision(cluster: Any) -> bool:
    """The selection decision recorded last about the cluster selected it.

    Recording order, not the decision's date: it is the order that sets the cluster's
    status (each recorded decision sets it), and the two cannot disagree. Decisions
    may not be backdated before one already recorded (``selection_decision_record``),
    so for new records the two orders are the same."""
    from .models import SelectionDecisionCluster, SelectionOutcome

    latest = (
        SelectionDecisionCluster.objects.filter(cluster_id=cluster.pk)
        .order_by("-decision_id")
        .values_list("outcome", flat=True)
        .first()
    )
    return latest == SelectionOutcome.SELECTED


def has_active_cda(cluster: Any) -> bool:
    from governance.models import Role, RoleAssignment

    return RoleAssignment.objects.active().filter(cluster_id=cluster.pk, role=Role.CDA).exists()


register_phase_condition(
    Phase.GOVERNANCE,
    "selected",
    _("A selection decision of the Steering Committee selected the cluster."),
    selected_by_decision,
)
register_phase_condition(
    Phase.DIAGNOSTIC,
    "active_cda",
    _("A CDA is appointed and active on the cluster."),
    has_active_cda,
)
