"""One indicator per cluster of both projects, each overdue on TODAY for Q1 2025."""

from __future__ import annotations

import pytest

from .helpers import calendar, indicator


@pytest.fixture
def indicators(world):
    calendar(world.project_a)
    calendar(world.project_b)
    return {
        "a1": indicator(world.a1, "Firms trained in A1"),
        "a2": indicator(world.a2, "Jobs in A2"),
        "b1": indicator(world.b1, "Exports of B1"),
    }
