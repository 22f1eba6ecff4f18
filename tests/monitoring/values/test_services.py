"""Entering, submitting, approving, returning and correcting values (the services)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from monitoring.models import IndicatorValue, ValueStatus
from monitoring.values import services

from .helpers import ended, submitted

pytestmark = pytest.mark.django_db


def test_a_cda_submits_a_value_in_one_step(ind):
    cda = ind.user("cda_a1")
    value = submitted(ind.number, cda, value=25, comment="From the sheets")
    assert value.status == ValueStatus.SUBMITTED
    assert value.value == 25
    assert value.entered_by == cda and value.submitted_by == cda
    assert value.submitted_at is not None
    assert value.period_end == ended(ind.number).end


def test_a_draft_is_kept_then_submitted(ind):
    cda = ind.user("cda_a1")
    period = ended(ind.number).start
    draft = services.value_save(actor=cda, indicator=ind.number, period_start=period, value=3)
    assert draft.status == ValueStatus.DRAFT
    again = services.value_save(
        actor=cda,
        indicator=ind.number,
        period_start=period,
        value=4,
        seen_updated_at=draft.updated_at,
    )
    assert again.pk == draft.pk and again.value == 4
    done = services.value_submit(actor=cda, value=again)
    assert done.status == ValueStatus.SUBMITTED


def test_a_stale_edit_is_refused(ind):
    cda = ind.user("cda_a1")
    period = ended(ind.number).start
    draft = services.value_save(actor=cda, indicator=ind.number, period_start=period, value=3)
    seen = draft.updated_at
    services.value_save(actor=cda, indicator=ind.number, period_start=period, value=5)
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.value_save(
            actor=cda, indicator=ind.number, period_start=period, value=6, seen_updated_at=seen
        )


def test_a_submitted_value_waits_and_cannot_be_changed(ind):
    value = submitted(ind.number, ind.user("cda_a1"))
    with pytest.raises(ValidationError, match="waits for approval"):
        services.value_save(
            actor=ind.user("cda_a1"), indicator=ind.number, period_start=value.period_start, value=1
        )


def test_the_coordinator_approves(ind):
    value = submitted(ind.number, ind.user("cda_a1"))
    coord = ind.user("coord_a")
    approved = services.value_approve(actor=coord, value=value)
    assert approved.status == ValueStatus.APPROVED
    assert approved.reviewed_by == coord and approved.reviewed_at is not None
    assert approved.self_approved is False


def test_a_coordinator_approving_their_own_value_is_recorded(ind):
    coord = ind.user("coord_a")
    value = submitted(ind.number, coord)
    assert services.value_approve(actor=coord, value=value).self_approved is True


@pytest.mark.parametrize("persona", ["cda_a1", "steer_a"])
def test_approval_is_refused_to_a_cda_and_to_steering(ind, persona):
    value = submitted(ind.number, ind.user("cda_a1"))
    with pytest.raises(PermissionDenied):
        services.value_approve(actor=ind.user(persona), value=value)
    with pytest.raises(PermissionDenied):
        services.value_return(actor=ind.user(persona), value=value, reason="No")
    value.refresh_from_db()
    assert value.status == ValueStatus.SUBMITTED


def test_another_projects_coordinator_does_not_see_the_value(ind):
    value = submitted(ind.number, ind.user("cda_a1"))
    with pytest.raises(Http404):
        services.value_approve(actor=ind.user("coord_b"), value=value)


def test_a_return_needs_a_reason_and_the_cda_fixes_and_resubmits(ind):
    cda, coord = ind.user("cda_a1"), ind.user("coord_a")
    value = submitted(ind.number, cda, value=40)
    with pytest.raises(ValidationError) as error:
        services.value_return(actor=coord, value=value, reason="  ")
    assert "reason" in error.value.message_dict
    returned = services.value_return(actor=coord, value=value, reason="Sheets say 34")
    assert returned.status == ValueStatus.RETURNED
    assert returned.return_reason == "Sheets say 34"
    fixed = services.value_save(
        actor=cda, indicator=ind.number, period_start=value.period_start, value=34, submit=True
    )
    assert fixed.pk == value.pk
    assert fixed.status == ValueStatus.SUBMITTED and fixed.return_reason == ""


def test_a_correction_counts_only_once_approved(ind):
    cda, coord = ind.user("cda_a1"), ind.user("coord_a")
    first = services.value_approve(actor=coord, value=submitted(ind.number, cda, value=10))
    correction = services.value_save(
        actor=cda, indicator=ind.number, period_start=first.period_start, value=12, submit=True
    )
    assert correction.pk != first.pk and correction.corrects == first
    first.refresh_from_db()
    assert first.status == ValueStatus.APPROVED  # still counts
    services.value_approve(actor=coord, value=correction)
    first.refresh_from_db()
    correction.refresh_from_db()
    assert first.status == ValueStatus.SUPERSEDED
    assert correction.status == ValueStatus.APPROVED
    approved = IndicatorValue.objects.filter(indicator=ind.number, status=ValueStatus.APPROVED)
    assert list(approved.values_list("value", flat=True)) == [12]


def test_correct_refuses_what_is_not_approved(ind):
    value = submitted(ind.number, ind.user("cda_a1"))
    with pytest.raises(ValidationError, match="Only an approved value"):
        services.value_correct(actor=ind.user("cda_a1"), original=value, value=1)


def test_approve_several_is_all_or_none(ind):
    cda, coord = ind.user("cda_a1"), ind.user("coord_a")
    one = submitted(ind.number, cda)
    two = submitted(ind.number, cda, back=1)
    draft = services.value_save(
        actor=ind.user("cda_a2"),
        indicator=ind.other_cluster,
        period_start=ended(ind.other_cluster).start,
        value=1,
    )
    with pytest.raises(ValidationError):
        services.values_approve(actor=coord, values=[one, two, draft])
    assert IndicatorValue.objects.filter(status=ValueStatus.APPROVED).count() == 0
    assert len(services.values_approve(actor=coord, values=[one, two])) == 2


def test_entering_follows_the_cluster(ind):
    period = ended(ind.number).start
    with pytest.raises(Http404):
        services.value_save(
            actor=ind.user("cda_a2"), indicator=ind.number, period_start=period, value=1
        )
    with pytest.raises(PermissionDenied):
        services.value_save(
            actor=ind.user("steer_a"), indicator=ind.number, period_start=period, value=1
        )


def test_project_wide_indicators_are_for_project_roles(ind):
    period = ended(ind.project_wide).start
    with pytest.raises(Http404):
        services.value_save(
            actor=ind.user("cda_a1"), indicator=ind.project_wide, period_start=period, yes_no=True
        )
    value = services.value_save(
        actor=ind.user("coord_a"), indicator=ind.project_wide, period_start=period, yes_no=True
    )
    assert value.yes_no is True


def test_a_late_value_for_an_earlier_open_period_changes_that_period_only(ind):
    cda = ind.user("cda_a1")
    latest = submitted(ind.number, cda, value=5)
    earlier = submitted(ind.number, cda, back=2, value=7)
    latest.refresh_from_db()
    assert earlier.period_start < latest.period_start
    assert (latest.value, earlier.value) == (5, 7)
