"""Writes about indicator values: enter, submit, approve, return, correct, evidence.

Every write locks the indicator's row first (``select_for_update``), so two writes on
the same indicator never interleave and the one-approved / one-pending constraints of
``IndicatorValue`` hold at every statement. Entering and submitting is WORK on the
indicator (its cluster's CDA, or the coordinator); approving and returning is APPROVE
(the coordinator, never a CDA)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.access import Action, authorize
from governance.audit import actor_context
from governance.concurrency import StaleEditError, ensure_not_stale, locked_unchanged
from governance.models import User

from ..indicators.schedule import indicator_periods, project_settings
from ..models import (
    Indicator,
    IndicatorValue,
    IndicatorValueBreakdown,
    IndicatorValueEvidence,
    Measure,
    ValueStatus,
)
from ..models.values import PENDING_STATUSES
from ..periods import Period, period_containing
from ..rollups.services import rollup_queue
from .figures import FOUR_PLACES, HUNDRED, Figures, clean_figures
from .locks import ensure_open

# The fields a client sends with a value (the figures and the comment).
INPUT_FIELDS = (
    "value",
    "numerator",
    "denominator",
    "yes_no",
    "text",
    "women",
    "men",
    "split_unknown",
    "comment",
)


def indicator_period(indicator: Indicator, period_start: datetime.date | str) -> Period:
    """The indicator's period starting on ``period_start``: one of its periods over the
    project's life, and not beyond the current one."""
    if isinstance(period_start, str):
        try:
            period_start = datetime.date.fromisoformat(period_start)
        except ValueError as exc:
            raise ValidationError({"period_start": _("Enter a valid date.")}) from exc
    settings = project_settings(indicator.project)
    today = timezone.localdate()
    current = period_containing(today, indicator.frequency, settings.financial_year_start_month)
    if period_start > current.start:
        raise ValidationError(
            {"period_start": _("This period has not started yet: report it later.")}
        )
    for period in indicator_periods(indicator, settings):
        if period.start == period_start:
            return period
    raise ValidationError(
        {"period_start": _("This indicator expects no value for a period starting that day.")}
    )


def _locked_indicator(indicator: Indicator) -> Indicator:
    return (
        Indicator.objects.select_for_update(of=("self",))
        .select_related("definition", "project", "cluster")
        .get(pk=indicator.pk)
    )


def _pending(indicator: Indicator, period: Period) -> IndicatorValue | None:
    return (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, period_start=period.start, status__in=PENDING_STATUSES)
        .first()
    )


def _approved(indicator: Indicator, period_start: datetime.date) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(
        indicator=indicator, period_start=period_start, status=ValueStatus.APPROVED
    ).first()


def _evidence_rows(files: Iterable[Any], actor: User) -> list[IndicatorValueEvidence]:
    """Evidence checked (type, size, content) before anything is saved."""
    rows = []
    for file in files or ():
        row = IndicatorValueEvidence(file=file, uploaded_by=actor)
        try:
            row.full_clean(exclude=["indicator_value"])
        except ValidationError as exc:
            raise ValidationError({"evidence": exc.message_dict.get("file", exc.messages)}) from exc
        rows.append(row)
    return rows


def _save_parts(row: IndicatorValue, figures: Figures, measure: str) -> None:
    """Replace the value's parts (women, men) by ``figures.parts``; each change audited."""
    wanted = figures.parts
    for part in row.breakdown.all():
        if part.category not in wanted:
            part.delete()
    for category, amount in wanted.items():
        fields: dict[str, Any] = {"value": amount, "numerator": None, "denominator": None}
        if measure == Measure.PERCENTAGE:
            share = (amount / figures.denominator * HUNDRED).quantize(FOUR_PLACES)
            fields = {"value": share, "numerator": amount, "denominator": figures.denominator}
        IndicatorValueBreakdown.objects.update_or_create(
            indicator_value=row, dimension="sex", category=category, defaults=fields
        )


def _stamp_submitted(row: IndicatorValue, actor: User) -> None:
    row.status = ValueStatus.SUBMITTED
    row.submitted_by = actor
    row.submitted_at = timezone.now()
    row.return_reason = ""


def _write(
    *,
    actor: User,
    indicator: Indicator,
    period: Period,
    data: dict[str, Any],
    submit: bool,
    seen_updated_at: Any,
    evidence: Iterable[Any],
    row_pk: int | None = None,
    must_be_new: bool = False,
) -> IndicatorValue:
    authorize(actor, Action.WORK, indicator)
    ensure_open(indicator.project, period)
    figures = clean_figures(indicator.definition, data)
    files = _evidence_rows(evidence, actor)
    with transaction.atomic(), actor_context(actor):
        indicator = _locked_indicator(indicator)
        row = _pending(indicator, period)
        if row is not None and (must_be_new or (row_pk is not None and row.pk != row_pk)):
            raise ValidationError(
                {"period_start": _("This period already has a value being worked on: edit it.")}
            )
        if row is None and row_pk is not None:
            raise StaleEditError(_("This value was approved or replaced meanwhile: reload."))
        if row is None:
            row = IndicatorValue(
                indicator=indicator,
                period_start=period.start,
                period_end=period.end,
                corrects=_approved(indicator, period.start),
            )
        else:
            ensure_not_stale(row, seen_updated_at)
            if row.status == ValueStatus.SUBMITTED:
                raise ValidationError(
                    _("This value is submitted and waits for approval; it cannot be changed now.")
                )
        for name, content in figures.model_fields().items():
            setattr(row, name, content)
        row.comment = (data.get("comment") or "").strip()
        row.entered_by = actor
        if submit:
            _stamp_submitted(row, actor)
        elif row.status != ValueStatus.RETURNED:
            row.status = ValueStatus.DRAFT
        row.full_clean()
        row.save()
        _save_parts(row, figures, indicator.definition.measure)
        for file_row in files:
            file_row.indicator_value = row
            file_row.save()
    return row


def value_save(
    *,
    actor: User,
    indicator: Indicator,
    period_start: datetime.date | str,
    submit: bool = False,
    seen_updated_at: Any = None,
    evidence: Iterable[Any] = (),
    must_be_new: bool = False,
    **data: Any,
) -> IndicatorValue:
    """Enter (or fix) the value of one indicator and period, as a draft or submitted.

    The period's pending value is updated when there is one (a draft or a returned
    value); otherwise a new one is made, which corrects the approved value if the period
    has one (the approved value still counts until its correction is approved).
    ``must_be_new`` refuses the period's pending value instead of updating it."""
    return _write(
        actor=actor,
        indicator=indicator,
        period=indicator_period(indicator, period_start),
        data=data,
        submit=submit,
        seen_updated_at=seen_updated_at,
        evidence=evidence,
        must_be_new=must_be_new,
    )


def value_create(
    *, actor: User, indicator: Indicator, period_start: datetime.date | str, **data: Any
) -> IndicatorValue:
    """A new value (API create): ``value_save`` refusing the period's pending value (it
    takes the same ``submit``, ``evidence`` and figures)."""
    return value_save(
        actor=actor, indicator=indicator, period_start=period_start, must_be_new=True, **data
    )


def value_update(
    *,
    actor: User,
    row: IndicatorValue,
    seen_updated_at: Any = None,
    submit: bool = False,
    evidence: Iterable[Any] = (),
    **data: Any,
) -> IndicatorValue:
    """Change a draft or returned value (a submitted or approved one is refused)."""
    if row.status not in (ValueStatus.DRAFT, ValueStatus.RETURNED, ValueStatus.SUBMITTED):
        authorize(actor, Action.WORK, row.indicator)
        raise ValidationError(
            _("An approved value is not changed: send a correction, which needs approval.")
        )
    return _write(
        actor=actor,
        indicator=row.indicator,
        period=Period(row.period_start, row.period_end, row.indicator.frequency),
        data=data,
        submit=submit,
        seen_updated_at=seen_updated_at,
        evidence=evidence,
        row_pk=row.pk,
    )


def value_correct(
    *, actor: User, original: IndicatorValue, submit: bool = True, **data: Any
) -> IndicatorValue:
    """A correction of an approved value: a new value for its period that needs approval;
    the approved one keeps counting until then."""
    authorize(actor, Action.WORK, original.indicator)
    if original.status != ValueStatus.APPROVED:
        raise ValidationError(_("Only an approved value is corrected; edit this one instead."))
    return value_create(
        actor=actor,
        indicator=original.indicator,
        period_start=original.period_start,
        submit=submit,
        **data,
    )


def value_submit(
    *, actor: User, value: IndicatorValue, seen_updated_at: Any = None
) -> IndicatorValue:
    """Send a draft (or a fixed returned value) for approval."""
    authorize(actor, Action.WORK, value)
    ensure_open(value.indicator.project, _period_of(value))
    with transaction.atomic(), actor_context(actor):
        _locked_indicator(value.indicator)
        row = locked_unchanged(IndicatorValue.objects, value.pk, seen_updated_at)
        if row.status not in (ValueStatus.DRAFT, ValueStatus.RETURNED):
            raise ValidationError(_("Only a draft or a returned value can be submitted."))
        _stamp_submitted(row, actor)
        row.save()
    return row


def _period_of(value: IndicatorValue) -> Period:
    return Period(value.period_start, value.period_end, value.indicator.frequency)


def _review(actor: User, value: IndicatorValue) -> IndicatorValue:
    """The submitted value, locked for review. A locked period does not stop a review:
    what was submitted before the period locked is approved or returned afterwards."""
    authorize(actor, Action.APPROVE, value)
    _locked_indicator(value.indicator)
    row = IndicatorValue.objects.select_for_update().get(pk=value.pk)
    if row.status != ValueStatus.SUBMITTED:
        raise ValidationError(
            _("This value is no longer waiting for approval (it is %(status)s).")
            % {"status": row.get_status_display().lower()}
        )
    row.reviewed_by = actor
    row.reviewed_at = timezone.now()
    return row


def value_approve(*, actor: User, value: IndicatorValue) -> IndicatorValue:
    """Approve a submitted value (APPROVE). A correction replaces the approved value it
    corrects, which becomes superseded first, in the same transaction; the roll-up
    cells of the period are refreshed once it is committed. A coordinator
    approving a value they entered or submitted is recorded (``self_approved``)."""
    with transaction.atomic(), actor_context(actor):
        row = _review(actor, value)
        for old in IndicatorValue.objects.select_for_update().filter(
            indicator_id=row.indicator_id,
            period_start=row.period_start,
            status=ValueStatus.APPROVED,
        ):
            old.status = ValueStatus.SUPERSEDED
            old.save()
        row.status = ValueStatus.APPROVED
        row.self_approved = actor.pk in (row.entered_by_id, row.submitted_by_id)
        row.save()
        # The dashboards and reports read the roll-ups: bring them up to date.
        rollup_queue(indicator_id=row.indicator_id, period_start=row.period_start)
    return row


def value_return(*, actor: User, value: IndicatorValue, reason: str) -> IndicatorValue:
    """Send a submitted value back to the cluster with a reason (APPROVE)."""
    reason = (reason or "").strip()
    if not reason:
        authorize(actor, Action.APPROVE, value)
        raise ValidationError({"reason": _("Say why the value goes back, so it can be fixed.")})
    with transaction.atomic(), actor_context(actor):
        row = _review(actor, value)
        row.status = ValueStatus.RETURNED
        row.return_reason = reason[:2000]
        row.save()
    return row


def values_approve(*, actor: User, values: Iterable[IndicatorValue]) -> list[IndicatorValue]:
    """Approve several values at once: all or none (one transaction)."""
    values = list(values)
    if not values:
        raise ValidationError({"values": _("Select at least one value to approve.")})
    with transaction.atomic():
        return [value_approve(actor=actor, value=v) for v in values]


def evidence_add(*, actor: User, value: IndicatorValue, files: Iterable[Any]) -> list:
    """Attach evidence files to a value still being worked on (WORK; open period)."""
    authorize(actor, Action.WORK, value)
    ensure_open(value.indicator.project, _period_of(value))
    if value.status not in PENDING_STATUSES:
        raise ValidationError(_("Evidence is added to a value before it is approved."))
    rows = _evidence_rows(files, actor)
    if not rows:
        raise ValidationError({"evidence": _("Choose a file.")})
    with transaction.atomic(), actor_context(actor):
        for row in rows:
            row.indicator_value = value
            row.save()
    return rows
