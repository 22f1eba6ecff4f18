"""The clusters app's models, by noun: projects and clusters, selection, phase moves.

Every model is imported here so that Django (and ``clusters.models.X``) finds it."""

from .phases import PhaseChange
from .projects import (
    Cluster,
    ClusterStatus,
    ExportOrientation,
    GrowthPotential,
    Phase,
    Project,
    Sector,
    validate_not_future,
)
from .selection import (
    EXPORT_ORIENTATION_LEVELS,
    MAPPING_SOURCES,
    Criterion,
    CriterionDirection,
    CriterionKind,
    CriterionScore,
    SelectionDecision,
    SelectionDecisionCluster,
    SelectionOutcome,
)

__all__ = [
    "EXPORT_ORIENTATION_LEVELS",
    "MAPPING_SOURCES",
    "Cluster",
    "ClusterStatus",
    "Criterion",
    "CriterionDirection",
    "CriterionKind",
    "CriterionScore",
    "ExportOrientation",
    "GrowthPotential",
    "Phase",
    "PhaseChange",
    "Project",
    "SelectionDecision",
    "SelectionDecisionCluster",
    "SelectionOutcome",
    "Sector",
    "validate_not_future",
]
