"""Ranking maths for the selection of clusters. Pure Python, no database.

How a ranking follows from the criteria (this is what the ranking page explains):

* A numeric criterion (read from the mapping data) is normalised across the
  candidates with min-max scaling: the best value gets 1, the worst 0
  ("lower is better" turns the scale round). When every candidate has the same
  value the criterion does not tell them apart: everyone gets 1.
* An expert criterion is the average of the experts' scores (0-5) divided by 5
  (turned round, 1 - average / 5, for "lower is better").
* A missing value counts as the worst possible (0) and is flagged.
* A criterion with no value for any candidate is left out (its weight does not
  count) and reported. When no weight is left above zero there is no ranking,
  and the message says why: every weight is zero, or only criteria without any
  values carry weight.
* Weights are normalised to sum 1; a candidate's total is the sum of
  weight x normalised value, and each term is shown as the criterion's
  contribution.
* Equal totals (to 9 decimals) share a rank and are flagged as ties
  (competition ranking: 1, 2, 2, 4).
* Robustness: each weight in turn moves by -20% and +20% (the others stay); the
  best and the worst rank a candidate reaches over these variations and the
  unchanged weights is its rank range.

``static/js/selection_ranking.js`` repeats the weight-dependent part of this
(totals, ranks, ties, robustness) in the browser so weights can be tried without
a reload; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _

HIGHER = "higher"
LOWER = "lower"
Direction = Literal["higher", "lower"]
ROBUSTNESS_STEP = 0.2
TIE_DECIMALS = 9
EXPERT_MAX = 5.0


@dataclass(frozen=True)
class CriterionInput:
    key: str
    name: str
    weight: float
    direction: Direction = HIGHER
    expert: bool = False  # values are averages of 0-5 expert scores


@dataclass
class RankedCandidate:
    id: int
    name: str
    total: float = 0.0
    rank: int | None = None
    tied: bool = False
    best_rank: int | None = None
    worst_rank: int | None = None
    normalised: dict[str, float] = field(default_factory=dict)
    contributions: dict[str, float] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # criterion keys without a value

    @property
    def robust(self) -> bool:
        return self.best_rank == self.worst_rank


@dataclass
class RankedCriterion:
    key: str
    name: str
    weight: float  # as given
    share: float  # normalised weight (sums to 1 over the included criteria)
    direction: Direction
    expert: bool
    included: bool
    constant: bool = False  # every candidate had the same value
    missing_count: int = 0


def zero_weights_message() -> str:
    return _("All weights are zero: give at least one criterion a weight above zero.")


def only_empty_weighted_message() -> str:
    return _(
        "Only criteria without any values carry weight: give a criterion that has values "
        "a weight above zero, or complete the values."
    )


@dataclass
class Ranking:
    candidates: list[RankedCandidate]  # best first (by name when there is no ranking)
    criteria: list[RankedCriterion]
    problems: list[str] = field(default_factory=list)  # shown on the page
    ranked: bool = False  # False: no usable criteria or all weights zero
    # The problem that depends on the weights (also in ``problems``): the page shows it
    # in a box that static/js/selection_ranking.js updates as weights change.
    weight_problem: str = ""

    @property
    def fixed_problems(self) -> list[str]:
        """The problems that do not depend on the weights."""
        return [p for p in self.problems if p != self.weight_problem]

    @property
    def has_ties(self) -> bool:
        return any(c.tied for c in self.candidates)

    @property
    def has_missing(self) -> bool:
        return any(c.missing for c in self.candidates)


def normalise(
    values: Mapping[int, float | None], direction: Direction, *, expert: bool = False
) -> tuple[dict[int, float], list[int], bool]:
    """Normalise one criterion's values to 0..1 (1 is best).

    Returns (normalised value per candidate, candidates with no value, constant).
    A missing value gets 0, the worst. With no value at all everyone gets 0.
    """
    present = {cid: float(v) for cid, v in values.items() if v is not None}
    missing = [cid for cid, v in values.items() if v is None]
    result = dict.fromkeys(missing, 0.0)
    constant = False
    if expert:
        for cid, v in present.items():
            share = min(max(v / EXPERT_MAX, 0.0), 1.0)
            result[cid] = share if direction == HIGHER else 1.0 - share
        return result, missing, constant
    if not present:
        return result, missing, constant
    low, high = min(present.values()), max(present.values())
    span = high - low
    if span == 0:
        constant = True
        for cid in present:
            result[cid] = 1.0
        return result, missing, constant
    for cid, v in present.items():
        scaled = (v - low) / span
        result[cid] = scaled if direction == HIGHER else 1.0 - scaled
    return result, missing, constant


def competition_ranks(totals: Sequence[float]) -> tuple[list[int], list[bool]]:
    """Rank totals, highest first; equal totals (to TIE_DECIMALS) share a rank.

    Returns (rank of each position, tied flag of each position).
    """
    rounded = [round(t, TIE_DECIMALS) for t in totals]
    order = sorted(range(len(rounded)), key=lambda i: -rounded[i])
    ranks = [0] * len(rounded)
    tied = [False] * len(rounded)
    previous: float | None = None
    current_rank = 0
    group_start = 0
    for position, i in enumerate(order):
        if previous is None or rounded[i] != previous:
            current_rank = position + 1
            group_start = position
            previous = rounded[i]
        elif position > group_start:
            tied[i] = True
            tied[order[group_start]] = True
        ranks[i] = current_rank
    return ranks, tied


def _ranks_only(totals: Sequence[float]) -> list[int]:
    return competition_ranks(totals)[0]


def rank(
    candidates: Sequence[tuple[int, str]],
    criteria: Sequence[CriterionInput],
    values: Mapping[str, Mapping[int, float | None]],
    *,
    robustness_step: float = ROBUSTNESS_STEP,
) -> Ranking:
    """Rank ``candidates`` (id, name) on ``criteria``.

    ``values[criterion.key][candidate id]`` is the raw value (mapping figure, or
    the average expert score); None or absent means missing.
    """
    rows = [RankedCandidate(id=cid, name=name) for cid, name in candidates]
    ids = [cid for cid, _ in candidates]
    problems: list[str] = []
    ranked_criteria: list[RankedCriterion] = []
    columns: list[list[float]] = []  # normalised values, one list per included criterion
    weights: list[float] = []
    for crit in criteria:
        raw = values.get(crit.key, {})
        column_values = {cid: raw.get(cid) for cid in ids}
        norm, missing, constant = normalise(column_values, crit.direction, expert=crit.expert)
        has_values = len(missing) < len(ids)
        weight = max(float(crit.weight), 0.0)
        info = RankedCriterion(
            key=crit.key,
            name=crit.name,
            weight=weight,
            share=0.0,
            direction=crit.direction,
            expert=crit.expert,
            included=has_values,
            constant=constant,
            missing_count=len(missing) if has_values else 0,
        )
        ranked_criteria.append(info)
        if ids and not has_values:
            problems.append(
                _("“%(name)s” has no value for any candidate: it is left out of the ranking.")
                % {"name": crit.name}
            )
            continue
        if not ids:
            continue
        missing_set = set(missing)
        for row in rows:
            row.normalised[crit.key] = norm[row.id]
            if row.id in missing_set:
                row.missing.append(crit.key)
        columns.append([norm[cid] for cid in ids])
        weights.append(weight)
    included = [c for c in ranked_criteria if c.included]
    weight_sum = sum(weights)
    if not ids:
        problems.append(_("There are no candidate clusters to rank."))
    if not criteria:
        problems.append(_("There are no criteria yet: add criteria to rank the candidates."))
    elif ids and not included:
        pass  # each criterion already explained why it is left out
    weight_problem = ""
    if ids and included and weight_sum <= 0:
        if any(c.weight > 0 for c in ranked_criteria if not c.included):
            weight_problem = only_empty_weighted_message()
        else:
            weight_problem = zero_weights_message()
        problems.append(weight_problem)
    if not ids or not included or weight_sum <= 0:
        rows.sort(key=lambda r: r.name.lower())
        return Ranking(
            candidates=rows,
            criteria=ranked_criteria,
            problems=problems,
            weight_problem=weight_problem,
        )

    for info, w in zip(included, weights, strict=True):
        info.share = w / weight_sum
    # Weighted sums with raw weights; dividing by the weight sum gives the total.
    n = len(ids)
    raw_totals = [0.0] * n
    for column, w in zip(columns, weights, strict=True):
        if w:
            for i in range(n):
                raw_totals[i] += w * column[i]
    totals = [t / weight_sum for t in raw_totals]
    ranks, tied = competition_ranks(totals)
    best = list(ranks)
    worst = list(ranks)
    # Robustness: one weight at a time by -step and +step.
    for column, w in zip(columns, weights, strict=True):
        if w == 0:
            continue  # 20% of nothing moves nothing
        for factor in (1.0 - robustness_step, 1.0 + robustness_step):
            delta = w * (factor - 1.0)
            denominator = weight_sum + delta
            if denominator <= 0:
                continue
            varied = [(raw_totals[i] + delta * column[i]) / denominator for i in range(n)]
            for i, r in enumerate(_ranks_only(varied)):
                if r < best[i]:
                    best[i] = r
                if r > worst[i]:
                    worst[i] = r
    for i, row in enumerate(rows):
        row.total = totals[i]
        row.rank = ranks[i]
        row.tied = tied[i]
        row.best_rank = best[i]
        row.worst_rank = worst[i]
        for info, column in zip(included, columns, strict=True):
            row.contributions[info.key] = info.share * column[i]
    rows.sort(key=lambda r: (r.rank, r.name.lower()))
    return Ranking(candidates=rows, criteria=ranked_criteria, problems=problems, ranked=True)
