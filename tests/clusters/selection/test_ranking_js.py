"""The browser's recomputation (static/js/selection_ranking.js) agrees with Python."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from clusters.selection.ranking import LOWER, CriterionInput, rank
from tests.conftest import require

SCRIPT = Path(__file__).resolve().parents[3] / "static" / "js" / "selection_ranking.js"

CASES = [
    # the hand-computed robustness case, a tie, a lower-is-better criterion
    (
        [CriterionInput("x", "X", 1.1), CriterionInput("y", "Y", 1.0)],
        {"x": {1: 100, 2: 0, 3: 50}, "y": {1: 0, 2: 100, 3: 40}},
    ),
    (
        [CriterionInput("x", "X", 1), CriterionInput("y", "Y", 1)],
        {"x": {1: 10, 2: 0, 3: 0}, "y": {1: 0, 2: 10, 3: 0}},
    ),
    (
        [CriterionInput("c", "Cost", 3, LOWER), CriterionInput("s", "Size", 1)],
        {"c": {1: 10, 2: None, 3: 30}, "s": {1: 0, 2: 50, 3: 100}},
    ),
]


@pytest.mark.parametrize(("criteria", "values"), CASES)
def test_js_matches_python(criteria, values):
    node = shutil.which("node")
    require("Node.js", node is not None, "node is not on PATH")
    ranking = rank([(1, "A"), (2, "B"), (3, "C")], criteria, values)
    data = {
        "step": 0.2,
        "criteria": [{"key": c.key, "included": c.included} for c in ranking.criteria],
        "candidates": [{"id": c.id, "normalised": c.normalised} for c in ranking.candidates],
    }
    weights = {c.key: c.weight for c in criteria}
    program = (
        f"const r = require({json.dumps(str(SCRIPT))});"
        f"console.log(JSON.stringify(r.compute({json.dumps(data)}, {json.dumps(weights)})));"
    )
    out = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)
    js = {row["id"]: row for row in json.loads(out.stdout)}
    for c in ranking.candidates:
        row = js[c.id]
        assert (row["rank"], row["tied"], row["best"], row["worst"]) == (
            c.rank,
            c.tied,
            c.best_rank,
            c.worst_rank,
        )
        assert row["total"] == pytest.approx(c.total)
        assert row["contributions"] == pytest.approx(c.contributions)


def test_js_all_weights_zero_gives_null():
    node = shutil.which("node")
    require("Node.js", node is not None, "node is not on PATH")
    data = {"step": 0.2, "criteria": [{"key": "x", "included": True}], "candidates": []}
    program = (
        f"const r = require({json.dumps(str(SCRIPT))});"
        f"console.log(JSON.stringify(r.compute({json.dumps(data)}, {{x: 0}})));"
    )
    out = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "null"


WEIGHT_CASES = [
    # (weights of x and e; "e" has no value for any candidate), expected problem
    ({"x": 1, "e": 0}, None),
    ({"x": 1, "e": 2}, None),
    ({"x": 0, "e": 0}, "zero"),
    ({"x": 0, "e": 2}, "only_empty"),
]


@pytest.mark.parametrize(("weights", "expected"), WEIGHT_CASES)
def test_js_weight_problem_matches_python(weights, expected):
    """The message the browser shows when weights change is the one the server gives."""
    from clusters.selection.ranking import only_empty_weighted_message, zero_weights_message

    node = shutil.which("node")
    require("Node.js", node is not None, "node is not on PATH")
    criteria = [CriterionInput("x", "X", weights["x"]), CriterionInput("e", "E", weights["e"])]
    ranking = rank([(1, "A"), (2, "B")], criteria, {"x": {1: 1, 2: 2}, "e": {}})
    messages = {"zero": zero_weights_message(), "only_empty": only_empty_weighted_message()}
    assert ranking.weight_problem == (messages[expected] if expected else "")
    assert (ranking.weight_problem in ranking.problems) == bool(expected)
    data = {
        "step": 0.2,
        "criteria": [{"key": c.key, "included": c.included} for c in ranking.criteria],
        "candidates": [{"id": c.id, "normalised": c.normalised} for c in ranking.candidates],
    }
    program = (
        f"const r = require({json.dumps(str(SCRIPT))});"
        f"console.log(JSON.stringify(r.weightProblem({json.dumps(data)}, {json.dumps(weights)})));"
    )
    out = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == expected


def test_no_criterion_with_values_gives_no_weight_message():
    ranking = rank([(1, "A")], [CriterionInput("e", "E", 2)], {"e": {}})
    assert ranking.weight_problem == "" and not ranking.ranked
    assert any("no value for any candidate" in p for p in ranking.problems)
