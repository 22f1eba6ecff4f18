"""The ranking maths, computed by hand (no database)."""

import pytest

from clusters.selection.ranking import (
    HIGHER,
    LOWER,
    CriterionInput,
    competition_ranks,
    normalise,
    rank,
)

ABC = [(1, "A"), (2, "B"), (3, "C")]


def by_name(ranking):
    return {c.name: c for c in ranking.candidates}


def test_min_max_higher_and_lower_is_better():
    norm, missing, constant = normalise({1: 10, 2: 20, 3: 30}, HIGHER)
    assert norm == {1: 0.0, 2: 0.5, 3: 1.0} and missing == [] and not constant
    norm, _, _ = normalise({1: 10, 2: 20, 3: 30}, LOWER)
    assert norm == {1: 1.0, 2: 0.5, 3: 0.0}


def test_lower_is_better_criterion_and_contributions():
    # cost (lower is better, weight 3): A 10, B 20, C 30 -> 1, 0.5, 0
    # size (higher is better, weight 1): A 0, B 50, C 100 -> 0, 0.5, 1
    # shares 0.75 / 0.25 -> totals A 0.75, B 0.5, C 0.25
    ranking = rank(
        ABC,
        [CriterionInput("cost", "Cost", 3, LOWER), CriterionInput("size", "Size", 1, HIGHER)],
        {"cost": {1: 10, 2: 20, 3: 30}, "size": {1: 0, 2: 50, 3: 100}},
    )
    assert ranking.ranked and ranking.problems == []
    assert [c.name for c in ranking.candidates] == ["A", "B", "C"]
    rows = by_name(ranking)
    assert rows["A"].total == pytest.approx(0.75)
    assert rows["B"].total == pytest.approx(0.5)
    assert rows["C"].total == pytest.approx(0.25)
    assert rows["A"].contributions == pytest.approx({"cost": 0.75, "size": 0.0})
    assert rows["C"].contributions == pytest.approx({"cost": 0.0, "size": 0.25})
    assert [c.share for c in ranking.criteria] == pytest.approx([0.75, 0.25])
    assert [c.rank for c in ranking.candidates] == [1, 2, 3]
    assert not ranking.has_ties


def test_ties_share_a_rank_and_are_flagged():
    # x: A 1, B 0, C 0 ; y: A 0, B 1, C 0 ; equal weights -> A 0.5, B 0.5, C 0
    ranking = rank(
        ABC,
        [CriterionInput("x", "X", 1), CriterionInput("y", "Y", 1)],
        {"x": {1: 10, 2: 0, 3: 0}, "y": {1: 0, 2: 10, 3: 0}},
    )
    rows = by_name(ranking)
    assert (rows["A"].rank, rows["B"].rank, rows["C"].rank) == (1, 1, 3)
    assert rows["A"].tied and rows["B"].tied and not rows["C"].tied
    assert ranking.has_ties
    # +20% on x puts A ahead, -20% on x puts B ahead: both range 1-2; C stays 3.
    assert (rows["A"].best_rank, rows["A"].worst_rank) == (1, 2)
    assert (rows["B"].best_rank, rows["B"].worst_rank) == (1, 2)
    assert (rows["C"].best_rank, rows["C"].worst_rank) == (3, 3)
    assert rows["C"].robust and not rows["A"].robust


def test_competition_ranks():
    assert competition_ranks([0.9, 0.5, 0.5, 0.1]) == ([1, 2, 2, 4], [False, True, True, False])
    # equal to 9 decimals counts as equal (floating noise is not a difference)
    assert competition_ranks([0.1 + 0.2, 0.3])[0] == [1, 1]


def test_robustness_range_by_hand():
    # x (w 1.1): A 100, B 0, C 50 -> 1, 0, 0.5 ; y (w 1.0): A 0, B 100, C 40 -> 0, 1, 0.4
    # base: A 1.1/2.1=.524, B 1/2.1=.476, C .95/2.1=.452 -> A1 B2 C3
    # x*0.8: A .468 B .532 C .447 -> B1 A2 C3
    # x*1.2: A .569 B .431 C .457 -> A1 C2 B3
    # y*0.8: A .579 B .421 C .458 -> A1 C2 B3
    # y*1.2: A .478 B .522 C .448 -> B1 A2 C3
    ranking = rank(
        ABC,
        [CriterionInput("x", "X", 1.1), CriterionInput("y", "Y", 1.0)],
        {"x": {1: 100, 2: 0, 3: 50}, "y": {1: 0, 2: 100, 3: 40}},
    )
    rows = by_name(ranking)
    assert [c.name for c in ranking.candidates] == ["A", "B", "C"]
    assert rows["A"].total == pytest.approx(1.1 / 2.1)
    assert rows["C"].total == pytest.approx(0.95 / 2.1)
    assert (rows["A"].best_rank, rows["A"].worst_rank) == (1, 2)
    assert (rows["B"].best_rank, rows["B"].worst_rank) == (1, 3)
    assert (rows["C"].best_rank, rows["C"].worst_rank) == (2, 3)


def test_a_step_smaller_than_the_margin_changes_nothing():
    ranking = rank(
        ABC,
        [CriterionInput("x", "X", 1.1), CriterionInput("y", "Y", 1.0)],
        {"x": {1: 100, 2: 0, 3: 50}, "y": {1: 0, 2: 100, 3: 40}},
        robustness_step=0.01,
    )
    assert all(c.best_rank == c.worst_rank == c.rank for c in ranking.candidates)


def test_same_value_for_everyone_gives_the_same_normalised_value():
    norm, missing, constant = normalise({1: 7, 2: 7, 3: 7}, LOWER)
    assert norm == {1: 1.0, 2: 1.0, 3: 1.0} and constant
    ranking = rank(
        ABC,
        [CriterionInput("same", "Same", 1), CriterionInput("x", "X", 1)],
        {"same": {1: 7, 2: 7, 3: 7}, "x": {1: 3, 2: 2, 3: 1}},
    )
    assert [c.name for c in ranking.candidates] == ["A", "B", "C"]
    assert by_name(ranking)["C"].total == pytest.approx(0.5)
    assert ranking.criteria[0].constant


def test_missing_value_counts_as_worst_and_is_flagged():
    # lower is better: A 10 is best (1), C 30 worst (0); B missing -> 0 and flagged
    ranking = rank(
        ABC,
        [CriterionInput("cost", "Cost", 1, LOWER)],
        {"cost": {1: 10, 2: None, 3: 30}},
    )
    rows = by_name(ranking)
    assert rows["B"].missing == ["cost"] and rows["B"].normalised["cost"] == 0.0
    assert rows["A"].missing == []
    assert (rows["A"].rank, rows["B"].rank, rows["C"].rank) == (1, 2, 2)
    assert ranking.has_missing
    assert ranking.criteria[0].missing_count == 1


def test_a_criterion_without_any_value_is_left_out_with_a_message():
    ranking = rank(
        ABC,
        [CriterionInput("empty", "Poverty", 5), CriterionInput("x", "X", 1)],
        {"empty": {}, "x": {1: 3, 2: 2, 3: 1}},
    )
    assert ranking.ranked
    assert any("Poverty" in p for p in ranking.problems)
    assert not ranking.criteria[0].included and ranking.criteria[1].share == pytest.approx(1)
    assert by_name(ranking)["A"].total == pytest.approx(1.0)
    assert by_name(ranking)["A"].missing == []  # left out, so nobody is flagged for it


def test_all_weights_zero_gives_a_message_not_an_error():
    ranking = rank(
        ABC,
        [CriterionInput("x", "X", 0), CriterionInput("y", "Y", 0)],
        {"x": {1: 1, 2: 2, 3: 3}, "y": {1: 1, 2: 2, 3: 3}},
    )
    assert not ranking.ranked
    assert any("weights are zero" in p for p in ranking.problems)
    assert all(c.rank is None for c in ranking.candidates)


def test_only_empty_criteria_or_no_criteria_or_no_candidates():
    assert not rank(ABC, [CriterionInput("e", "E", 1)], {"e": {}}).ranked
    none = rank(ABC, [], {})
    assert not none.ranked and any("no criteria" in p for p in none.problems)
    empty = rank([], [CriterionInput("x", "X", 1)], {"x": {}})
    assert not empty.ranked and any("no candidate" in p for p in empty.problems)


def test_expert_scores_are_divided_by_five():
    norm, _, constant = normalise({1: 5, 2: 2.5, 3: 0}, HIGHER, expert=True)
    assert norm == {1: 1.0, 2: 0.5, 3: 0.0}
    # not min-max: equal averages keep their absolute value
    norm, _, constant = normalise({1: 4, 2: 4}, HIGHER, expert=True)
    assert norm == {1: 0.8, 2: 0.8} and not constant
    norm, _, _ = normalise({1: 4, 2: None}, LOWER, expert=True)
    assert norm == pytest.approx({1: 0.2, 2: 0.0})


def test_zero_weight_criterion_does_not_move_the_range():
    ranking = rank(
        ABC,
        [CriterionInput("x", "X", 1), CriterionInput("z", "Z", 0)],
        {"x": {1: 3, 2: 2, 3: 1}, "z": {1: 1, 2: 2, 3: 3}},
    )
    assert all(c.best_rank == c.worst_rank == c.rank for c in ranking.candidates)
    assert by_name(ranking)["A"].contributions["z"] == 0.0
