"""Periods lock after their lock date, or by the coordinator's word; a locked period
refuses values, edits and submissions, and still lets what was submitted be reviewed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from monitoring.models import PeriodLock, ValueStatus
from monitoring.tasks import period_locks_apply_system
from monitoring.values import services
from monitoring.values.locks import PeriodLockedError, lock_state, period_lock_set

from .helpers import ended, submitted

pytestmark = pytest.mark.django_db


def _lock(ind, period, locked=True, reason="Quarter closed for the donor report"):
    return period_lock_set(
        actor=ind.user("coord_a"),
        project=ind.world.project_a,
        period_start=period.start,
        period_end=period.end,
        locked=locked,
        reason=reason,
    )


def test_a_period_locks_by_itself_after_its_lock_days(ind):
    settings = ind.world.project_a.monitoring_settings
    period = ended(ind.number)
    settings.lock_after_days = 0
    settings.due_after_days = 0
    settings.save()
    state = lock_state(ind.world.project_a, period, today=period.end + datetime.timedelta(days=1))
    assert state.locked and "automatically 0 days" in state.reason
    assert not lock_state(ind.world.project_a, period, today=period.end).locked


def test_a_locked_period_refuses_new_values_edits_and_submissions(ind):
    cda = ind.user("cda_a1")
    period = ended(ind.number)
    draft = services.value_save(actor=cda, indicator=ind.number, period_start=period.start, value=1)
    _lock(ind, period)
    with pytest.raises(PeriodLockedError, match="Quarter closed for the donor report"):
        services.value_save(actor=cda, indicator=ind.number, period_start=period.start, value=2)
    with pytest.raises(PeriodLockedError):
        services.value_submit(actor=cda, value=draft)
    draft.refresh_from_db()
    assert draft.value == 1 and draft.status == ValueStatus.DRAFT


def test_what_was_submitted_in_time_is_still_reviewed_after_the_lock(ind):
    value = submitted(ind.number, ind.user("cda_a1"))
    _lock(ind, ended(ind.number))
    approved = services.value_approve(actor=ind.user("coord_a"), value=value)
    assert approved.status == ValueStatus.APPROVED


def test_the_coordinator_reopens_a_period_and_the_latest_word_wins(ind):
    period = ended(ind.number)
    _lock(ind, period)
    _lock(ind, period, locked=False, reason="Late sheets from the tannery")
    assert not lock_state(ind.world.project_a, period).locked
    value = submitted(ind.number, ind.user("cda_a1"))
    assert value.status == ValueStatus.SUBMITTED


def test_locking_needs_a_reason_and_approve(ind):
    period = ended(ind.number)
    with pytest.raises(ValidationError) as error:
        _lock(ind, period, reason=" ")
    assert "reason" in error.value.message_dict
    for persona in ("cda_a1", "steer_a"):
        with pytest.raises(PermissionDenied):
            period_lock_set(
                actor=ind.user(persona),
                project=ind.world.project_a,
                period_start=period.start,
                period_end=period.end,
                locked=True,
                reason="x",
            )
    assert not PeriodLock.objects.exists()


def test_the_nightly_job_writes_automatic_locks_once_and_respects_a_reopening(ind):
    settings = ind.world.project_a.monitoring_settings
    settings.lock_after_days = 20
    settings.due_after_days = 10
    settings.save()
    period = ended(ind.number)
    _lock(ind, period, locked=False, reason="Still collecting")
    written = period_locks_apply_system()
    assert written > 0
    assert period_locks_apply_system() == 0  # idempotent
    auto = PeriodLock.objects.filter(decided_by__isnull=True)
    assert auto.filter(locked=True).count() == written
    assert not lock_state(ind.world.project_a, period).locked  # reopened stays open
    older = ended(ind.number, back=1)
    state = lock_state(ind.world.project_a, older)
    assert state.locked and state.explicit is not None
