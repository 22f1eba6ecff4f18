"""Fixtures of the evaluation tests: a project-wide evaluation of project A and one of
cluster A1, written through the services as A's coordinator."""

import pytest

from monitoring.evaluations import services
from monitoring.models import EvaluationKind

RATINGS = [
    {"criterion": "relevance", "rating": 6, "narrative": "Firms back it."},
    {"criterion": "efficiency", "rating": 4, "narrative": ""},
    {"criterion": "effectiveness", "rating": 5, "narrative": "Targets met."},
]


@pytest.fixture
def evaluation(world):
    """Project A's mid-term evaluation (project-wide), three criteria rated (6, 4, 5)."""
    return services.evaluation_create(
        actor=world.users["coord_a"],
        project=world.project_a,
        kind=EvaluationKind.MID_TERM,
        title="Mid-term evaluation",
        ratings=RATINGS,
    )


@pytest.fixture
def a1_evaluation(world):
    """Cluster A1's final evaluation, unrated."""
    return services.evaluation_create(
        actor=world.users["coord_a"],
        project=world.project_a,
        cluster=world.a1,
        kind=EvaluationKind.FINAL,
        title="A1 final evaluation",
    )
