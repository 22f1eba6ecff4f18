"""Demo data for indicator values: up to two years of values for the demo indicators
(made by ``demo_indicators``, which runs first), in every status: approved, submitted,
returned with a reason and draft, the split by sex where the indicator has one, and
the latest periods left open so "Values due" has work. Nothing happens when the
project has no indicators. Idempotent: a period that has a value is left alone.

Written straight to the models (not through the services): most demo periods are long
locked, and the services rightly refuse writes there."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from .indicators.schedule import indicator_periods, project_settings
from .models import (
    Disaggregation,
    Indicator,
    IndicatorValue,
    IndicatorValueBreakdown,
    Measure,
    ValueStatus,
)

# The CDA of each demo cluster (config/demo.py's cast).
CDA_OF = {"Thiès Leather Cluster": "cda", "Kaolack Groundnut Cluster": "cda2"}
HISTORY_DAYS = 2 * 366
RETURN_REASON = "The attendance sheets count fewer people: please check the total."


def _figures(indicator: Indicator, step: int) -> dict[str, Any]:
    """A plausible figure that grows a little each period (step 0 is the oldest)."""
    seed = (indicator.pk * 7 + step * 3) % 5
    measure = indicator.definition.measure
    if measure == Measure.PERCENTAGE:
        denominator = Decimal(40 + indicator.pk % 10)
        numerator = min(denominator, Decimal(8 + 2 * step + seed))
        return {
            "numerator": numerator,
            "denominator": denominator,
            "value": (numerator / denominator * 100).quantize(Decimal("0.0001")),
        }
    if measure == Measure.YES_NO:
        return {"yes_no": step % 3 != 0}
    if measure == Measure.QUALITATIVE:
        return {"text": "Buyers from Dakar visited the workshops; two orders followed."}
    return {"value": Decimal(10 + 4 * step + seed)}


def _status(index_from_last: int, indicator: Indicator) -> str | None:
    """Newest periods: one left due, then a mix; older ones approved."""
    if index_from_last == 0:
        return None if indicator.pk % 2 else ValueStatus.SUBMITTED
    if index_from_last == 1:
        return [ValueStatus.SUBMITTED, ValueStatus.RETURNED, ValueStatus.DRAFT][indicator.pk % 3]
    return ValueStatus.APPROVED


def _split(value: IndicatorValue, figures: dict[str, Any]) -> None:
    total = figures.get("numerator", figures.get("value"))
    women = (total * Decimal("0.4")).quantize(Decimal("1"))
    men = total - women
    for category, amount in (("women", women), ("men", men)):
        fields = {"value": amount}
        if "numerator" in figures:
            fields = {
                "numerator": amount,
                "denominator": figures["denominator"],
                "value": (amount / figures["denominator"] * 100).quantize(Decimal("0.0001")),
            }
        IndicatorValueBreakdown.objects.create(
            indicator_value=value, dimension="sex", category=category, **fields
        )


def extend_demo(*, project: Any, clusters: dict[str, Any], users: dict[str, Any]) -> None:
    today = timezone.localdate()
    settings = project_settings(project)
    coordinator = users.get("coordinator")
    indicators = Indicator.objects.filter(project=project).select_related(
        "definition", "cluster", "project"
    )
    taken = set(
        IndicatorValue.objects.filter(indicator__project=project).values_list(
            "indicator_id", "period_start"
        )
    )
    with transaction.atomic():
        for indicator in indicators:
            cda = users.get(CDA_OF.get(getattr(indicator.cluster, "name", ""), "coordinator"))
            cda = cda or coordinator
            periods = [
                p
                for p in indicator_periods(indicator, settings, ended_by=today)
                if (today - p.end).days <= HISTORY_DAYS
            ]
            for step, period in enumerate(periods):
                status = _status(len(periods) - 1 - step, indicator)
                if status is None or (indicator.pk, period.start) in taken:
                    continue
                _value(indicator, period, step, status, cda, coordinator, settings)


def _value(indicator, period, step, status, cda, coordinator, settings) -> None:
    figures = _figures(indicator, step)
    by_sex = indicator.definition.disaggregation == Disaggregation.SEX and (
        indicator.definition.measure in (Measure.NUMBER, Measure.PERCENTAGE)
    )
    # Late now and then, so reporting completeness shows something below 100 %.
    late = datetime.timedelta(days=settings.due_after_days + (9 if step % 4 == 3 else -5))
    submitted_at = timezone.make_aware(
        datetime.datetime.combine(period.end + late, datetime.time(10))
    )
    submitted = status != ValueStatus.DRAFT
    value = IndicatorValue.objects.create(
        indicator=indicator,
        period_start=period.start,
        period_end=period.end,
        status=status,
        comment="From the attendance sheets and the firms' sales books.",
        entered_by=cda,
        submitted_by=cda if submitted else None,
        submitted_at=submitted_at if submitted else None,
        reviewed_by=coordinator if status in (ValueStatus.APPROVED, ValueStatus.RETURNED) else None,
        reviewed_at=submitted_at + datetime.timedelta(days=3)
        if status in (ValueStatus.APPROVED, ValueStatus.RETURNED)
        else None,
        return_reason=RETURN_REASON if status == ValueStatus.RETURNED else "",
        split_unknown=by_sex and step % 5 == 4,
        **figures,
    )
    if by_sex and not value.split_unknown and "value" in figures:
        _split(value, figures)
