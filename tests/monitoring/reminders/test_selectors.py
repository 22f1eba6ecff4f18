"""What each person's reminders hold: only what they may act on (the access policy),
overdue first, and a fixed number of queries however many items there are."""

from __future__ import annotations

import datetime

import pytest

from governance.models import DecisionStatus
from monitoring.models import ValueStatus
from monitoring.reminders.selectors import (
    AWAITING_APPROVAL,
    DUE,
    OVERDUE,
    ReminderKind,
    grouped,
    reminders_for,
)

from .helpers import TODAY, decision, indicator, value

pytestmark = pytest.mark.django_db


def titles(items, kind=None):
    return {i.title for i in items if kind is None or i.kind == kind}


def test_a_cda_sees_its_overdue_value_and_not_another_clusters(world, indicators):
    items = reminders_for(world.user("cda_a1"), TODAY)
    assert titles(items) == {"Firms trained in A1"}
    [item] = items
    assert item.overdue and item.group == OVERDUE
    assert item.place == "Cluster A1" and item.due_on == datetime.date(2025, 4, 15)
    assert item.url == f"/indicators/{indicators['a1'].pk}/values/2025-01-01/"
    assert titles(reminders_for(world.user("cda_b1"), TODAY)) == {"Exports of B1"}


def test_before_the_due_day_a_value_is_due_not_overdue(world, indicators):
    [item] = reminders_for(world.user("cda_a1"), datetime.date(2025, 4, 10))
    assert item.group == DUE and not item.overdue


def test_a_submitted_or_approved_value_is_no_longer_due(world, indicators):
    value(indicators["a1"], ValueStatus.SUBMITTED, world.user("cda_a1"))
    assert reminders_for(world.user("cda_a1"), TODAY) == []


def test_a_returned_value_is_due_again_with_its_reason(world, indicators):
    returned = value(indicators["a1"], ValueStatus.RETURNED, world.user("cda_a1"))
    returned.return_reason = "The total is off"
    returned.save()
    [item] = reminders_for(world.user("cda_a1"), TODAY)
    assert item.note == "The total is off"


def test_roles_without_work_have_no_value_reminders(world, indicators):
    for persona in ("steer_a", "comm_a1"):
        assert reminders_for(world.user(persona), TODAY) == []
    assert reminders_for(None, TODAY) == []


def test_the_coordinator_sees_submitted_values_awaiting_approval(world, indicators):
    value(indicators["a2"], ValueStatus.SUBMITTED, world.user("cda_a2"))
    value(indicators["b1"], ValueStatus.SUBMITTED, world.user("cda_b1"))
    items = reminders_for(world.user("coord_a"), TODAY)
    waiting = [i for i in items if i.group == AWAITING_APPROVAL]
    assert titles(waiting) == {"Jobs in A2"}
    assert waiting[0].url.startswith(f"/projects/{world.project_a.pk}/values/queue/")
    # The coordinator also works on the project's clusters: A1's value is overdue.
    assert titles(items, ReminderKind.VALUE) == {"Firms trained in A1"}
    # A CDA submits but never approves.
    assert not [i for i in reminders_for(world.user("cda_a2"), TODAY) if i.group == "approval"]


def test_open_decisions_past_or_near_their_date(world, indicators):
    late = decision(world.a1, "Buy the shared dryer", datetime.date(2025, 4, 20))
    decision(world.a1, "Visit the fair", datetime.date(2025, 5, 5), responsible="Awa")
    decision(world.a1, "Much later", datetime.date(2025, 9, 1))
    decision(world.a1, "Done already", datetime.date(2025, 4, 1), status=DecisionStatus.DONE)
    decision(world.a2, "A2's decision", datetime.date(2025, 4, 1))
    items = reminders_for(world.user("cda_a1"), TODAY)
    decisions = [i for i in items if i.kind == ReminderKind.DECISION]
    assert [(d.title, d.overdue) for d in decisions] == [
        ("Buy the shared dryer", True),
        ("Visit the fair", False),
    ]
    assert decisions[0].url == f"/meetings/{late.meeting_id}/"
    assert decisions[1].note == "Awa"
    # The Commission member reads decisions but does not work on them.
    assert reminders_for(world.user("comm_a1"), TODAY) == []


def test_overdue_items_come_first_then_due_then_awaiting_approval(world, indicators):
    value(indicators["a2"], ValueStatus.SUBMITTED, world.user("cda_a2"))
    decision(world.a1, "Visit the fair", datetime.date(2025, 5, 5))
    items = reminders_for(world.user("coord_a"), TODAY)
    assert [i.group for i in items] == [OVERDUE, DUE, AWAITING_APPROVAL]
    assert [g for g, _label, _items in grouped(items)] == [OVERDUE, DUE, AWAITING_APPROVAL]


def _grow(world, n):
    for i in range(n):
        a1 = indicator(world.a1, f"A1 indicator {i}")
        a2 = indicator(world.a2, f"A2 indicator {i}")
        value(a2, ValueStatus.SUBMITTED, world.user("cda_a2"))
        value(a1, ValueStatus.RETURNED, world.user("cda_a1"))
        decision(world.a1, f"Decision {i}", datetime.date(2025, 4, 1))


@pytest.mark.parametrize("persona", ["coord_a", "cda_a1", "admin"])
def test_query_count_does_not_grow_with_items(
    world, indicators, persona, django_assert_num_queries
):
    _grow(world, 2)
    user = world.user(persona)
    with django_assert_num_queries(QUERIES[persona]):
        small = reminders_for(user, TODAY)
    _grow(world, 10)
    with django_assert_num_queries(QUERIES[persona]):
        large = reminders_for(user, TODAY)
    assert len(large) > len(small) + 15


# Indicators, their values, the values' breakdown and evidence, targets, period locks
# (the values-due selector), the values awaiting approval, the decisions.
QUERIES = dict.fromkeys(("coord_a", "cda_a1", "admin"), 8)
