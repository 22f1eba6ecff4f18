"""Records of monitoring (result chain, indicators, values, period locks, evaluations)
for the API list-content, filter-probing and fuzz tests (tests/security/): one of each
listed kind per project (project-wide) and per cluster, each with its owner."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from monitoring.models import (
    Evaluation,
    EvaluationPoint,
    Indicator,
    IndicatorDefinition,
    IndicatorTarget,
    IndicatorValue,
    IndicatorValueEvidence,
    MonitoringSettings,
    PeriodLock,
    ResultStatement,
)


def add_plan_records(add, owner_cls, *, key: str, project: Any, clusters: dict, by_model: dict):
    """``add(url_name, obj, owner)`` as populated_world's; ``clusters``: {key: cluster} of
    this project; ``by_model``: the project's {model: one object} for filter probing."""
    owner = owner_cls(project=key)
    definition = add(
        "api-indicator-definition-list",
        IndicatorDefinition.objects.create(
            project=project,
            code=f"T-{key}",
            name="Trained",
            level="output",
            time_aggregation="sum",
            cluster_aggregation="sum",
        ),  # fmt: skip
        owner,
    )
    add("api-monitoring-settings-list", MonitoringSettings.objects.create(project=project), owner)
    add(
        "api-period-lock-list",
        PeriodLock.objects.create(
            project=project,
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 3, 31),
            locked=True,
            reason="Figures checked",
        ),
        owner,
    )
    day = datetime.date(2025, 1, 1)

    def chain_and_indicator(cluster, record_owner):
        impact = add(
            "api-result-statement-list",
            ResultStatement.objects.create(
                project=project, cluster=cluster, level="impact", statement="Growth"
            ),
            record_owner,
        )
        indicator = add(
            "api-indicator-list",
            Indicator.objects.create(
                project=project, cluster=cluster, definition=definition, result=impact
            ),
            record_owner,
        )
        add(
            "api-indicator-target-list",
            IndicatorTarget.objects.create(indicator=indicator, period_start=day, value=5),
            record_owner,
        )
        value = add(
            "api-indicator-value-list",
            IndicatorValue.objects.create(
                indicator=indicator,
                period_start=day,
                period_end=datetime.date(2025, 3, 31),
                status="approved",
                value=5,
            ),
            record_owner,
        )
        add(
            "api-indicator-value-evidence-list",
            IndicatorValueEvidence.objects.create(
                indicator_value=value,
                file=SimpleUploadedFile("sheet.pdf", b"%PDF-1.4 attendance"),
            ),
            record_owner,
        )
        evaluation = add(
            "api-evaluation-list",
            Evaluation.objects.create(
                project=project, cluster=cluster, kind="mid_term", title=f"Mid-term {key}"
            ),
            record_owner,
        )
        add(
            "api-evaluation-point-list",
            EvaluationPoint.objects.create(
                evaluation=evaluation, kind="recommendation", text="Hand over"
            ),
            record_owner,
        )
        by_model.setdefault(ResultStatement, impact)
        by_model.setdefault(Indicator, indicator)
        by_model.setdefault(IndicatorValue, value)
        by_model.setdefault(Evaluation, evaluation)

    chain_and_indicator(None, owner)  # the project's own chain and indicator
    for ckey, cluster in clusters.items():
        chain_and_indicator(cluster, owner_cls(project=key, cluster=ckey))
    by_model.setdefault(IndicatorDefinition, definition)
