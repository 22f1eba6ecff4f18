"""Writes of phases 4-5."""

from __future__ import annotations

import datetime

from clusters.models import Cluster
from governance.access import Action, authorize
from governance.audit import validated_save
from governance.models import User

from .models import FieldActivity


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
