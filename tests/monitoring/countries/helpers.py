"""Roll-up rows for the country view's tests, written as the roll-up jobs would."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from monitoring.models import ActivityRollup, IndicatorRollup, PeriodKind, RollupStamp
from tests.monitoring.factories import DefinitionFactory, IndicatorFactory


def project_indicator(project, *, code: str, target, actual) -> None:
    """An indicator the project adopted itself, its end target and its to-date cell."""
    definition = DefinitionFactory(project=project, code=code, name=f"People trained {code}")
    IndicatorFactory(cluster=None, project=project, definition=definition, end_target=target)
    if actual is not None:
        IndicatorRollup.objects.create(
            project=project,
            cluster=None,
            definition=definition,
            period_kind=PeriodKind.TO_DATE,
            period_start=project.starts_on,
            period_end=datetime.date(2025, 12, 31),
            category="",
            value=Decimal(actual),
            periods=1,
            rolled_at=timezone.now(),
        )


def activities(cluster, *, month: datetime.date, count: int) -> None:
    ActivityRollup.objects.create(
        project=cluster.project,
        cluster=cluster,
        month=month,
        kind="visit",
        count=count,
        women=count,
        men=count,
        last_on=month,
        refreshed_at=timezone.now(),
    )


def stamp(project, when: datetime.datetime) -> None:
    RollupStamp.objects.update_or_create(project=project, defaults={"rolled_at": when})
