"""Optimistic locking for edit forms and API updates: a stale edit is refused.

An edit form carries the record's ``updated_at`` as it was when the form was
shown; the service calls ``ensure_not_stale`` inside its transaction, after
locking the row, and refuses the save if somebody changed the record meanwhile
(``locked_unchanged`` does both).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _


class StaleEditError(ValidationError):
    pass


def ensure_not_stale(obj: Any, seen: datetime.datetime | str | None) -> None:
    """Raise StaleEditError when ``obj.updated_at`` is newer than the version ``seen``."""
    if seen is None or seen == "":
        return
    if isinstance(seen, str):
        parsed = parse_datetime(seen)
        if parsed is None:
            raise StaleEditError(_("The form's version stamp is not valid; reload the page."))
        seen = parsed
    current = getattr(obj, "updated_at", None)
    if current is not None and current.replace(microsecond=current.microsecond) != seen:
        raise StaleEditError(
            _(
                "Someone else changed this record after you opened it. "
                "Reload the page to see their changes, then edit again."
            )
        )


def locked_unchanged(
    rows: Any, pk: Any, seen: datetime.datetime | str | None, *, of: tuple[str, ...] = ()
) -> Any:
    """The record ``pk`` of ``rows`` (a manager or queryset) read again and locked
    until the transaction ends (``of``: only those tables' rows), refused
    (``StaleEditError``) when it changed after the version ``seen``. Call it inside
    ``transaction.atomic()``."""
    row = rows.select_for_update(of=of).get(pk=pk)
    ensure_not_stale(row, seen)
    return row
