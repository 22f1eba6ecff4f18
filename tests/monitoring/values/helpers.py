"""Helpers of the value tests: the fixture's indicators and their recent periods."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from monitoring.indicators.schedule import indicator_periods, project_settings
from monitoring.periods import Period
from monitoring.values import services


@dataclass
class Indicators:
    world: Any
    number: Any
    by_sex: Any
    percentage: Any
    other_cluster: Any
    project_wide: Any

    def user(self, persona: str) -> Any:
        return self.world.user(persona)


def ended(indicator: Any, back: int = 0) -> Period:
    """The indicator's last ended period (``back`` periods earlier)."""
    periods = indicator_periods(
        indicator, project_settings(indicator.project), ended_by=timezone.localdate()
    )
    return periods[-1 - back]


def submitted(indicator: Any, actor: Any, back: int = 0, **figures: Any):
    figures = figures or {"value": 12}
    return services.value_save(
        actor=actor,
        indicator=indicator,
        period_start=ended(indicator, back).start,
        submit=True,
        **figures,
    )
