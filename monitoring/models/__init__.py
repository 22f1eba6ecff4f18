"""Monitoring's data: progress reports, the result chain, indicators and their values,
and evaluations (one module per noun)."""

from .activity_rollups import ActivityRollup, GovernanceRollup
from .evaluations import (
    DAC_CRITERIA,
    Criterion,
    Evaluation,
    EvaluationKind,
    EvaluationPoint,
    EvaluationRating,
    FollowUpStatus,
    ManagementResponse,
    PointKind,
    Rating,
)
from .indicators import (
    SDG_GOALS,
    ClusterAggregation,
    Direction,
    Disaggregation,
    Frequency,
    Indicator,
    IndicatorDefinition,
    IndicatorTarget,
    Measure,
    MonitoringSettings,
    TimeAggregation,
)
from .reminders import ReminderPreference
from .reports import ReportEndorsement, ReportJob, ReportKind, ReportStatus
from .results import ResultLevel, ResultStatement
from .rollups import IndicatorRollup, PeriodKind, RollupSource, RollupStamp
from .values import (
    IndicatorValue,
    IndicatorValueBreakdown,
    IndicatorValueEvidence,
    PeriodLock,
    ValueStatus,
)

__all__ = [
    "ActivityRollup",
    "GovernanceRollup",
    "ClusterAggregation",
    "Criterion",
    "DAC_CRITERIA",
    "Direction",
    "Disaggregation",
    "Evaluation",
    "EvaluationKind",
    "EvaluationPoint",
    "EvaluationRating",
    "FollowUpStatus",
    "Frequency",
    "Indicator",
    "IndicatorDefinition",
    "IndicatorRollup",
    "IndicatorTarget",
    "IndicatorValue",
    "IndicatorValueBreakdown",
    "IndicatorValueEvidence",
    "ManagementResponse",
    "Measure",
    "PeriodKind",
    "MonitoringSettings",
    "PeriodLock",
    "PointKind",
    "Rating",
    "ReminderPreference",
    "ReportEndorsement",
    "ReportJob",
    "ReportKind",
    "ReportStatus",
    "ResultLevel",
    "ResultStatement",
    "RollupSource",
    "RollupStamp",
    "SDG_GOALS",
    "TimeAggregation",
    "ValueStatus",
]
