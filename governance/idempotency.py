"""Exactly-once creates: a repeat of the same submission gets the first answer again
instead of making a second row.

A client generates a key per entry: the API takes it in the ``Idempotency-Key`` header
(IETF draft "The Idempotency-Key HTTP Header Field"), a page form in a hidden
``client_id`` field made when the form is rendered. The key of a user on a route (a
logical create operation, so that a page and the API may share one) is stored in the
same transaction as the row it created (``IdempotencyKey``, unique on user, key and
route): either both exist or neither does, and a failed create (a 400) leaves the key
free for the corrected entry.

* the same key with the same payload: the first answer (status, body or redirect);
* the same key with another payload: ``KeyReused`` (the API answers 422);
* the same key while the first request is still being processed: the repeat waits for
  it up to ``WAIT_SECONDS`` (the unique index holds it), then ``StillProcessing`` (409).

Apply it with ``IdempotentCreateMixin`` (DRF viewsets) or ``ClientIdForm`` and
``form_page_once`` (pages). Keys are purged after ``RETENTION_DAYS`` (``purge_expired``,
the Celery task ``governance.tasks.purge_idempotency_keys``).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, OperationalError, connection, models, transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.response import Response

from .forms_support import apply_service_errors, form_page
from .models import IdempotencyKey

WAIT_SECONDS = 5.0
RETENTION_DAYS = 30
HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
LOCK_TIMEOUT_SQLSTATE = "55P03"  # PostgreSQL's lock_not_available


class KeyReused(Exception):
    """The key was used before for another payload."""


class StillProcessing(Exception):
    """The first request with this key has not finished yet."""


@dataclass(frozen=True)
class Answer:
    """What a create answered: its status, the created object, the API's body or the
    page's redirect; ``replayed`` when it is the stored first answer."""

    status_code: int
    obj: models.Model | None = None
    body: Any = None
    redirect_url: str = ""
    replayed: bool = False


class _PayloadEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, models.Model):
            return o.pk
        if isinstance(o, File):
            return {"name": o.name, "size": o.size}
        return super().default(o)


def _normalised(value: Any) -> Any:
    # A browser posts a textarea's line breaks as CRLF, a script's JSON as LF.
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, dict):
        return {str(k): _normalised(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalised(v) for v in value]
    return value


def fingerprint(payload: Any) -> str:
    """A digest of the payload, the same whatever the order of its keys."""
    text = json.dumps(_normalised(payload), sort_keys=True, cls=_PayloadEncoder, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@contextlib.contextmanager
def _lock_wait(seconds: float) -> Iterator[None]:
    """On PostgreSQL, wait at most ``seconds`` for a concurrent first request holding the
    same key (its uncommitted row locks the unique index entry); other databases
    serialise writes by themselves."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
            [f"{int(seconds * 1000)}ms"],
        )
        previous = cursor.fetchone()[0]
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])


def _is_lock_timeout(error: OperationalError) -> bool:
    cause = error.__cause__
    return (getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)) == (
        LOCK_TIMEOUT_SQLSTATE
    )


class _Taken(Exception):
    pass


def _claim(*, user: Any, key: str, route: str, digest: str) -> IdempotencyKey:
    try:
        # The savepoint inside: a taken key must not spoil the transaction, and the
        # wait limit is set back after it whatever happened in it.
        with _lock_wait(WAIT_SECONDS), transaction.atomic():
            return IdempotencyKey.objects.create(
                user=user, key=key, route=route, fingerprint=digest, status_code=0
            )
    except IntegrityError as error:
        raise _Taken from error
    except OperationalError as error:
        if _is_lock_timeout(error):
            raise StillProcessing from error
        raise


def _replay(stored: IdempotencyKey, digest: str) -> Answer:
    if stored.fingerprint != digest:
        raise KeyReused
    return Answer(
        stored.status_code,
        stored.created_object,
        stored.response_body,
        stored.redirect_url,
        replayed=True,
    )


def _stored(user: Any, key: str, route: str) -> IdempotencyKey | None:
    return (
        IdempotencyKey.objects.select_related("content_type")
        .filter(user=user, key=key, route=route)
        .first()
    )


def run_once(
    *, user: Any, key: str, route: str, payload: Any, perform: Callable[[], Answer]
) -> Answer:
    """``perform()`` once per (user, key, route); a repeat gets the first ``Answer``.

    ``perform`` creates the row and returns its answer; an exception from it (a refused
    entry) rolls the key back with the row, so the key may be sent again."""
    digest = fingerprint(payload)
    stored = _stored(user, key, route)
    if stored is not None:
        return _replay(stored, digest)
    try:
        with transaction.atomic():
            record = _claim(user=user, key=key, route=route, digest=digest)
            answer = perform()
            record.status_code = answer.status_code
            if answer.obj is not None:
                record.content_type = ContentType.objects.get_for_model(answer.obj)
                record.object_id = str(answer.obj.pk)
            record.response_body = json.loads(json.dumps(answer.body, cls=DjangoJSONEncoder))
            record.redirect_url = answer.redirect_url
            record.save()
    except _Taken:
        # Another request with this key committed first (we waited for it).
        stored = _stored(user, key, route)
        if stored is None:  # it was rolled back meanwhile: the caller may send again
            raise StillProcessing from None
        return _replay(stored, digest)
    return answer


def purge_expired(*, days: int = RETENTION_DAYS, now: datetime.datetime | None = None) -> int:
    """Forget the keys older than ``days``; returns how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# --- The API ---------------------------------------------------------------------------


def header_key(request: Any) -> str | None:
    """The request's ``Idempotency-Key`` (a structured-field string: quotes optional),
    or None when it sends none."""
    raw = request.headers.get(HEADER)
    if raw is None:
        return None
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return value


class IdempotentCreateMixin:
    """For a DRF viewset with ``CreateModelMixin``: a POST with an ``Idempotency-Key``
    header is performed once; its repeats get the first answer (with the header
    ``Idempotent-Replayed: true``). ``idempotency_route`` names the operation (default:
    the request's path); a page creating the same rows may share it."""

    idempotency_route: str | None = None

    def idempotency_payload(self, validated_data: dict) -> Any:
        return validated_data

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        key = header_key(request)
        if key is None:
            return super().create(request, *args, **kwargs)
        if not key or len(key) > MAX_KEY_LENGTH:
            detail = _("The Idempotency-Key header must be 1 to %(max)d characters.")
            return Response(
                {"detail": detail % {"max": MAX_KEY_LENGTH}}, status=status.HTTP_400_BAD_REQUEST
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)

        def perform() -> Answer:
            self.perform_create(serializer)
            return Answer(status.HTTP_201_CREATED, serializer.instance, serializer.data)

        try:
            answer = run_once(
                user=request.user,
                key=key,
                route=self.idempotency_route or request.path_info,
                payload=self.idempotency_payload(serializer.validated_data),
                perform=perform,
            )
        except KeyReused:
            detail = _("This Idempotency-Key was already used for a different request.")
            return Response({"detail": detail}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        except StillProcessing:
            detail = _("A request with this Idempotency-Key is still being processed.")
            return Response(
                {"detail": detail}, status=status.HTTP_409_CONFLICT, headers={"Retry-After": "2"}
            )
        body, status_code = answer.body, answer.status_code
        if body is None:  # first created by a page, which answered with a redirect
            body, status_code = self.get_serializer(answer.obj).data, status.HTTP_201_CREATED
        headers = self.get_success_headers(body or {})
        if answer.replayed:
            headers["Idempotent-Replayed"] = "true"
        return Response(body, status=status_code, headers=headers)


# --- Pages -----------------------------------------------------------------------------


class ClientIdForm(forms.Form):
    """A create form's client id: a new UUID each time the form is rendered, posted back
    so that a repeat of the submission is recognised (``form_page_once``). Optional: a
    post without one is an ordinary create."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def renew_client_id(self) -> None:
        """Give the form shown again a new id: what is sent next is a new entry."""
        self.data = self.data.copy()
        self.data[self.add_prefix("client_id")] = str(uuid.uuid4())


ALREADY_SENT = _(
    "This form was already sent with other values. Check the list; save again to record "
    "it as a new entry."
)
STILL_SAVING = _("This entry is still being saved. Wait a moment, then check the list.")


def form_payload(form: forms.Form, **extra: Any) -> dict:
    """What a form submission says (its cleaned data without the client id and the
    stale-edit stamp), plus ``extra`` (what the URL says, e.g. the cluster)."""
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("client_id", "updated_at")}
    return {**data, **extra}


def form_page_once(
    request: Any,
    form: Any,
    write: Callable[[], Any],
    *,
    success: str,
    done: str | Callable[[Any], str],
    route: str | None = None,
    payload_extra: dict | None = None,
    **page: Any,
) -> HttpResponse:
    """``forms_support.form_page`` for a create form with a ``client_id``
    (``ClientIdForm``): the first valid submission calls ``write`` and redirects to
    ``done``; a repeat (a double tap, a reload, the Back button) redirects to the first
    result without writing again. The payload compared between repeats is
    ``form_payload(form, **payload_extra)``."""
    if request.method == "POST" and form is not None and form.is_valid():
        key = form.cleaned_data.get("client_id")
        if key is not None:
            try:
                answer = run_once(
                    user=request.user,
                    key=str(key),
                    route=route or request.path_info,
                    payload=form_payload(form, **(payload_extra or {})),
                    perform=lambda: _page_answer(write(), done),
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            except KeyReused:
                form.renew_client_id()
                form.add_error(None, ALREADY_SENT)
            except StillProcessing:
                form.add_error(None, STILL_SAVING)
            else:
                messages.success(request, success)
                url = answer.redirect_url or (done(answer.obj) if callable(done) else done)
                return redirect(url)
    return form_page(request, form, write, success=success, done=done, **page)


def _page_answer(obj: Any, done: str | Callable[[Any], str]) -> Answer:
    return Answer(status.HTTP_302_FOUND, obj, redirect_url=done(obj) if callable(done) else done)
