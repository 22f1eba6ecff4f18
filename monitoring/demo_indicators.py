"""Demo data for the result chain and the indicators (phase 6): UNIDO's starter pool in
the demo project's pool, the generic result chain for the project and for each selected
cluster, about a dozen indicators per selected cluster (some by sex, a percentage, stocks,
a cumulative one, a level) with baselines, end targets and targets per period, and a
few of the project's own. Called by ``load_demo`` (config/demo.py); idempotent: what
exists is left alone, so a second run adds nothing. ``demo_values`` adds values after.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from clusters.models import ClusterStatus

from .indicators import plan_services, services
from .indicators.schedule import project_settings, target_periods
from .indicators.starter import STARTER_BY_CODE, Kind
from .models import Disaggregation, Frequency, Indicator, IndicatorDefinition, ResultStatement
from .results import services as result_services

BASELINE_DAY = datetime.date(2024, 12, 31)
SOURCE = "Cluster diagnostic study, 2024"

# code: (frequency, baseline, end-of-project target, women's share or None)
LEATHER = {
    "JA-FIRMS": (Frequency.QUARTER, 6, 40, None),
    "JA-DONE": (Frequency.QUARTER, 0, 24, None),
    "TRAINED": (Frequency.QUARTER, 0, 480, Decimal("0.45")),
    "NEW-JOBS": (Frequency.QUARTER, 0, 160, Decimal("0.40")),
    "EMPLOYMENT": (Frequency.QUARTER, 820, 980, Decimal("0.35")),
    "SALES": (Frequency.MONTH, 42_000_000, 1_200_000_000, None),
    "EXPORT-FIRMS": (Frequency.QUARTER, 2, 12, None),
    "NEW-PRODUCTS": (Frequency.QUARTER, 0, 30, None),
    "LINKED-SHARE": (Frequency.QUARTER, 18, 60, None),
    "NEW-MARKETS": (Frequency.QUARTER, 0, 25, None),
    "COM-MEETINGS": (Frequency.QUARTER, 0, 32, None),
    "WOMEN-FIRMS": (Frequency.YEAR, 14, 30, None),
}
GROUNDNUT = {
    "JA-FIRMS": (Frequency.QUARTER, 3, 30, None),
    "TRAINED": (Frequency.QUARTER, 0, 900, Decimal("0.55")),
    "FARM-PRACTICES": (Frequency.QUARTER, 0, 1200, Decimal("0.50")),
    "CERT-LAND": (Frequency.QUARTER, 0, 350, None),
    "CERTIFICATIONS": (Frequency.QUARTER, 0, 8, None),
    "POSTHARVEST-LOSS": (Frequency.QUARTER, 30, 15, None),
    "PRICE-MULTIPLE": (Frequency.QUARTER, 1, Decimal("1.4"), None),
    "SALES": (Frequency.MONTH, 65_000_000, 1_800_000_000, None),
    "NEW-JOBS": (Frequency.QUARTER, 0, 220, Decimal("0.50")),
    "EMPLOYMENT": (Frequency.QUARTER, 1500, 1720, Decimal("0.48")),
    "COM-ATTEND": (Frequency.QUARTER, 0, 640, Decimal("0.40")),
    "COOP-DENSITY": (Frequency.YEAR, Decimal("0.08"), Decimal("0.25"), None),
}
PROJECT = {
    "COFUNDING": (Frequency.YEAR, 0, 250_000_000, None),
    "BA-MEMBERS": (Frequency.YEAR, 40, 120, None),
}
PLANS = {"Thiès Leather Cluster": LEATHER, "Kaolack Groundnut Cluster": GROUNDNUT}
RESPONSIBLE = {"Thiès Leather Cluster": "cda", "Kaolack Groundnut Cluster": "cda2"}
# Which generic outcome (0: cooperation, 1: governance, 2: markets) an outcome or
# output indicator measures; impact indicators measure the impact.
OUTCOME_OF = {
    "JA-FIRMS": 0, "JA-DONE": 0, "TRAINED": 0, "COOP-DENSITY": 0, "LINKED-SHARE": 2,
    "COM-MEETINGS": 1, "COM-ATTEND": 1, "BA-MEMBERS": 1, "COFUNDING": 1,
}  # fmt: skip


def _round(value: Decimal, kind: str) -> Decimal:
    places = Decimal("0.01") if kind in (Kind.PERCENTAGE, Kind.LEVEL) else Decimal(1)
    return value.quantize(places, rounding=ROUND_HALF_UP)


def _split(total: Decimal | None, women_share: Decimal | None) -> dict[str, Decimal | None]:
    if total is None or women_share is None:
        return {}
    women = (total * women_share).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return {"women": women, "men": total - women}


def _result_for(indicator: Indicator) -> ResultStatement | None:
    """The generic chain's statement the indicator measures."""
    chain = ResultStatement.objects.filter(project=indicator.project, cluster=indicator.cluster)
    level = indicator.definition.level
    if level == "impact":
        return chain.filter(level="impact").first()
    outcomes = list(chain.filter(level="outcome").order_by("position", "pk"))
    if not outcomes:
        return None
    outcome = outcomes[min(OUTCOME_OF.get(indicator.definition.code, 2), len(outcomes) - 1)]
    if level == "output":
        return outcome.children.order_by("position", "pk").first() or outcome
    return outcome


def _targets(indicator: Indicator, baseline: Decimal, end: Decimal, women_share) -> dict:
    """Targets rising from the baseline to the end target (a flow: its share each
    period; a cumulative indicator: its running total)."""
    kind = STARTER_BY_CODE[indicator.definition.code].kind
    periods = target_periods(indicator, project_settings(indicator.project))
    n = len(periods)
    rows = {}
    for i, period in enumerate(periods, start=1):
        if kind == Kind.FLOW:
            value = _round(end / n, kind)
        elif kind == Kind.CUMULATIVE:
            value = _round(end * i / n, kind)
        else:
            value = _round(baseline + (end - baseline) * i / n, kind)
        rows[period.start] = {"value": value, **_split(value, women_share)}
    return rows


def _plan(indicator: Indicator, spec: tuple, responsible: Any, actor: Any) -> None:
    frequency, baseline, end, women_share = spec
    baseline, end = Decimal(baseline), Decimal(end)
    by_sex = indicator.definition.disaggregation == Disaggregation.SEX
    share = women_share if by_sex else None
    base_split, end_split = _split(baseline, share), _split(end, share)
    plan_services.indicator_update(
        actor=actor,
        indicator=indicator,
        frequency=frequency,
        result=_result_for(indicator),
        baseline_value=baseline,
        baseline_women=base_split.get("women"),
        baseline_men=base_split.get("men"),
        baseline_date=BASELINE_DAY,
        baseline_source=SOURCE,
        end_target=end,
        end_target_women=end_split.get("women"),
        end_target_men=end_split.get("men"),
        means_of_verification="CDA's records, firm survey",
        collection_method="Quarterly visits and the firms' own records",
        responsible=responsible,
    )
    indicator.refresh_from_db()
    plan_services.indicator_targets_save(
        actor=actor, indicator=indicator, targets=_targets(indicator, baseline, end, share)
    )


def _adopt(project, cluster, plans: dict, responsible, actor) -> None:
    definitions = IndicatorDefinition.objects.filter(project=project, code__in=list(plans))
    adopted = set(
        Indicator.objects.filter(project=project, cluster=cluster).values_list(
            "definition__code", flat=True
        )
    )
    wanted = [d for d in definitions if d.code not in adopted]
    if not wanted:
        return
    for indicator in plan_services.indicators_adopt(
        actor=actor, project=project, cluster=cluster, definitions=wanted
    ):
        _plan(indicator, plans[indicator.definition.code], responsible, actor)


def extend_demo(*, project: Any, clusters: dict[str, Any], users: dict[str, Any]) -> None:
    coordinator = users.get("coordinator") or users.get("admin")
    if coordinator is None:
        return
    services.pool_adopt_starter(actor=coordinator, project=project)
    result_services.result_chain_start(actor=coordinator, project=project)
    _adopt(project, None, PROJECT, coordinator, coordinator)
    for name, cluster in clusters.items():
        if cluster.status != ClusterStatus.SELECTED:
            continue
        result_services.result_chain_start(actor=coordinator, project=project, cluster=cluster)
        plans = PLANS.get(name, LEATHER)
        _adopt(project, cluster, plans, users.get(RESPONSIBLE.get(name, "")), coordinator)
