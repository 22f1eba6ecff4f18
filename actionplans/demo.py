"""Demo data for the field activity log (phase 5): three entries of the leather
cluster's CDA. Called by ``load_demo`` (config/demo.py) with the demo project, its
clusters by name and the demo users by username. Idempotent: nothing is added when
the cluster already has field activity.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from .models import ActivityKind, FieldActivity

LEATHER = "Thiès Leather Cluster"

ACTIVITIES = [
    # days ago, kind, summary, women, men
    (40, ActivityKind.MEETING, "Commission meeting on joint purchase of hides", 6, 9),
    (21, ActivityKind.TRAINING, "Training on finishing techniques", 11, 7),
    (3, ActivityKind.VISIT, "Visit to three workshops in Thiès market", 2, 3),
]


def extend_demo(*, project: Any, clusters: dict[str, Any], users: dict[str, Any]) -> None:
    leather = clusters.get(LEATHER)
    if leather is None or FieldActivity.objects.filter(cluster=leather).exists():
        return
    today = timezone.localdate()
    for days, kind, summary, women, men in ACTIVITIES:
        FieldActivity.objects.create(
            cluster=leather,
            occurred_on=today - datetime.timedelta(days=days),
            kind=kind,
            summary=summary,
            location="Thiès",
            women=women,
            men=men,
            recorded_by=users.get("cda"),
        )
