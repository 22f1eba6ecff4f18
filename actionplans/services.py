"""Writes of phases 4-5."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import Cluster
from governance.access import Action, authorize, authorize_rule
from governance.access.rules import may_correct_activity
from governance.audit import actor_context, assign_fields, validated_save
from governance.concurrency import locked_unchanged
from governance.models import User

from .models import FieldActivity

# The page and the API log the same entries: one client id is one entry, whichever
# channel sends it (a page post cut off by the network is resent by the outbox).
CREATE_ROUTE = "actionplans.field_activity_create"
ACTIVITY_FIELDS = ("occurred_on", "kind", "location", "summary", "women", "men")


def field_activity_create(
    *,
    actor: User,
    cluster: Cluster,
    occurred_on: datetime.date,
    kind: str,
    summary: str,
    location: str = "",
    women: int = 0,
    men: int = 0,
) -> FieldActivity:
    authorize(actor, Action.WORK, cluster)
    activity = FieldActivity(
        cluster=cluster,
        occurred_on=occurred_on,
        kind=kind,
        location=location,
        summary=summary,
        women=women,
        men=men,
        recorded_by=actor,
    )
    return validated_save(activity, actor=actor)


def _locked(activity: FieldActivity, seen_updated_at: Any) -> FieldActivity:
    """The entry as it is now, locked for the rest of the transaction, after checking
    that nobody changed it since the caller read it."""
    return locked_unchanged(
        FieldActivity.objects.select_related("cluster__project"), activity.pk, seen_updated_at
    )


def field_activity_update(
    *, actor: User, activity: FieldActivity, seen_updated_at: Any = None, **fields: Any
) -> FieldActivity:
    """Correct an entry (its CDA within the correction window, or the coordinator).
    The cluster an entry belongs to is not changed."""
    authorize_rule(actor, may_correct_activity(actor, activity), scope=activity)
    with transaction.atomic(), actor_context(actor):
        activity = _locked(activity, seen_updated_at)
        authorize_rule(actor, may_correct_activity(actor, activity), scope=activity)
        assign_fields(activity, fields, ACTIVITY_FIELDS)
        activity.full_clean()
        activity.save()
    return activity


def field_activity_withdraw(
    *, actor: User, activity: FieldActivity, reason: str, seen_updated_at: Any = None
) -> FieldActivity:
    """Withdraw an entry with a reason: it leaves every total and stays in the history
    (and in the audit trail, with who withdrew it and why)."""
    authorize_rule(actor, may_correct_activity(actor, activity), scope=activity)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"withdraw_reason": _("Say why the entry is withdrawn.")})
    with transaction.atomic(), actor_context(actor):
        activity = _locked(activity, seen_updated_at)
        authorize_rule(actor, may_correct_activity(actor, activity), scope=activity)
        activity.withdrawn_at = timezone.now()
        activity.withdrawn_by = actor
        activity.withdraw_reason = reason
        activity.full_clean()
        activity.save()
    return activity
