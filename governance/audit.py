"""Audit helpers: every write goes through a service that records its actor.

django-auditlog records create/update/delete of registered models with the
changed fields (old -> new). Services wrap their writes in ``actor_context`` so
the actor is known for API calls and Celery tasks too, where the auditlog
middleware has not seen an authenticated user.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
    LogEntry.Action.ACCESS: _("Viewed"),
}
# auditlog stores values as text; these mean "no value".
_EMPTY = {"None", "", "[]"}


@contextlib.contextmanager
def actor_context(actor: Any) -> Iterator[None]:
    """Record ``actor`` on the audit entries written inside. Nests: auditlog's own
    ``set_actor`` replaces the context of an outer one (the auditlog middleware's, or a
    service calling another) and never puts it back, so every later entry of the
    request lost its actor and the outer signal receiver stayed connected for good.
    Here the outer context is restored on the way out."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        yield
        return
    outer = auditlog_value.get(None)
    try:
        with set_actor(actor):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


M = TypeVar("M", bound=models.Model)


def validated_save(obj: M, *, actor: Any) -> M:
    """The usual end of a service's write: validate the record, then save it in a
    transaction with its actor in the audit log."""
    obj.full_clean()
    with transaction.atomic(), actor_context(actor):
        obj.save()
    return obj


def assign_fields(
    obj: M, fields: dict[str, Any], editable: Iterable[str], *, texts: Iterable[str] = ()
) -> M:
    """Set on ``obj`` the ``fields`` a service lets its caller edit (others are ignored);
    returns ``obj``. A None given for one of ``texts`` (text columns, which are never
    null) is stored as an empty text."""
    editable, texts = set(editable), set(texts)
    for name, value in fields.items():
        if name in editable:
            setattr(obj, name, "" if value is None and name in texts else value)
    return obj


def history_for(obj: models.Model) -> models.QuerySet:
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    entry: LogEntry
    action: str
    changes: list[Change]


def _readable(field: models.Field | None, value: Any) -> str:
    text = "" if value is None else str(value)
    if text in _EMPTY:
        return "—"
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(text, text))
    return text


def _bookkeeping(field: models.Field | None) -> bool:
    """The id and the stamps a save sets itself (created at, updated at): the entry's own
    time already says when, and people read them as changes nobody made."""
    if field is None:
        return False
    return (
        field.primary_key
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
    )


def _related_names(entries: list[LogEntry], obj: models.Model) -> dict[tuple, str]:
    """{(field name, id as logged): the related object's name} for the foreign keys the
    entries changed: one query per related model, whatever the number of entries."""
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        for name, values in (entry.changes_dict or {}).items():
            field = _field(obj, name)
            if field is not None and field.many_to_one and field.concrete:
                wanted.setdefault(name, set()).update(
                    str(v) for v in values if str(v) not in _EMPTY
                )
    names = {}
    for name, ids in wanted.items():
        related = obj._meta.get_field(name).related_model
        pk_field = related._meta.pk
        keys = {}
        for logged in ids:
            with contextlib.suppress(ValidationError):  # not an id of that model
                keys[pk_field.to_python(logged)] = logged
        for pk, found in related._base_manager.in_bulk(list(keys)).items():
            names[(name, keys[pk])] = str(found)
    return names


def _field(obj: models.Model, name: str) -> models.Field | None:
    try:
        return obj._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def history_rows(obj: models.Model, limit: int = 200) -> list[HistoryRow]:
    """An object's audit trail for people: field labels, choice names and the names of
    related records instead of column names, codes and ids, translated action names; a
    fixed number of queries, whatever the number of rows."""
    entries = list(history_for(obj)[:limit])
    related = _related_names(entries, obj)
    rows = []
    for entry in entries:
        changes = []
        for name, values in (entry.changes_dict or {}).items():
            field = _field(obj, name)
            if field is not None and not getattr(field, "concrete", False):
                continue  # reverse relations: auditlog records their manager, not data
            if _bookkeeping(field):
                continue
            label = capfirst(getattr(field, "verbose_name", name)) if field else name
            old, new = (list(values) + [None, None])[:2]
            changes.append(
                Change(
                    str(label),
                    related.get((name, str(old))) or _readable(field, old),
                    related.get((name, str(new))) or _readable(field, new),
                )
            )
        rows.append(HistoryRow(entry, str(ACTION_LABELS.get(entry.action, entry.action)), changes))
    return rows
