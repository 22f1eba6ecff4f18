"""Audit helpers: every write goes through a service that records its actor.

django-auditlog records create/update/delete of registered models with the
changed fields (old -> new). Services wrap their writes in ``actor_context`` so
the actor is known for API calls and Celery tasks too, where the auditlog
middleware has not seen an authenticated user.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import models


@contextlib.contextmanager
def actor_context(actor: Any) -> Iterator[None]:
    if actor is not None and getattr(actor, "is_authenticated", False):
        with set_actor(actor):
            yield
    else:
        yield


def history_for(obj: models.Model) -> models.QuerySet:
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")
