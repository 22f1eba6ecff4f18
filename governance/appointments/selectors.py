"""Reads about CDA appointments, scoped by the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ..access import Action, visible
from ..models import CDAAppointment


def appointment_list(*, user: Any, cluster: Any = None) -> QuerySet[CDAAppointment]:
    qs = CDAAppointment.objects.select_related("cluster", "user", "role_assignment")
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    return visible(user, qs, Action.VIEW).order_by("ends_on", "kind", "-starts_on", "pk")
