"""Records of the result chain and the indicators for the API list-content and filter
probing tests (tests/security/test_list_content.py): one of each listed kind per
project (project-wide) and per cluster, each with its owner."""

from __future__ import annotations

import datetime
from typing import Any

from monitoring.models import (
    Indicator,
    IndicatorDefinition,
    IndicatorTarget,
    MonitoringSettings,
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
        by_model.setdefault(ResultStatement, impact)
        by_model.setdefault(Indicator, indicator)

    chain_and_indicator(None, owner)  # the project's own chain and indicator
    for ckey, cluster in clusters.items():
        chain_and_indicator(cluster, owner_cls(project=key, cluster=ckey))
    by_model.setdefault(IndicatorDefinition, definition)
