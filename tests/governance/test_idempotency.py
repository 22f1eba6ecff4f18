"""Exactly-once creates (governance.idempotency): the first answer is replayed, a key
reused for another payload is refused, a refused create frees its key, old keys go."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from governance import idempotency
from governance.idempotency import Answer, KeyReused, StillProcessing, run_once
from governance.models import IdempotencyKey
from tests.conftest import require
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _create(user, made, **kwargs):
    def perform():
        made.append(1)
        return Answer(201, user, body={"n": len(made)})

    return run_once(user=user, perform=perform, **{"route": "r", "payload": {"a": 1}, **kwargs})


def test_a_repeat_gets_the_first_answer_and_performs_nothing():
    user, made = UserFactory(), []
    first = _create(user, made, key="k")
    again = _create(user, made, key="k")
    assert made == [1]
    assert (again.status_code, again.body, again.obj, again.replayed) == (201, {"n": 1}, user, True)
    assert not first.replayed
    # Another key, another route or another user is another entry.
    _create(user, made, key="k2")
    _create(user, made, key="k", route="other")
    _create(UserFactory(), made, key="k")
    assert len(made) == 4


def test_the_same_key_with_another_payload_is_refused():
    user, made = UserFactory(), []
    _create(user, made, key="k", payload={"a": 1, "b": [1, 2]})
    _create(user, made, key="k", payload={"b": [1, 2], "a": 1})  # key order does not matter
    with pytest.raises(KeyReused):
        _create(user, made, key="k", payload={"a": 2, "b": [1, 2]})
    assert made == [1]


def test_a_refused_create_leaves_the_key_free():
    user = UserFactory()

    def refuse():
        raise ValueError("refused")

    with pytest.raises(ValueError):
        run_once(user=user, key="k", route="r", payload={"a": 1}, perform=refuse)
    assert not IdempotencyKey.objects.exists()
    made = []
    _create(user, made, key="k", payload={"a": 2})
    assert made == [1]


def test_keys_older_than_30_days_are_purged():
    user, made = UserFactory(), []
    _create(user, made, key="old")
    _create(user, made, key="new")
    IdempotencyKey.objects.filter(key="old").update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    from governance.tasks import purge_idempotency_keys

    assert purge_idempotency_keys() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]


def _postgres():
    require(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "run with DATABASE_URL=postgres://... (two requests at once need row locks)",
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_repeats_make_one_row_on_postgresql():
    _postgres()
    user, made = UserFactory(), []
    start = threading.Barrier(3)
    answers = []

    def slow():
        made.append(1)
        time.sleep(0.3)  # the others arrive while this one is being saved
        return Answer(201, user, body={"ok": True})

    def worker():
        try:
            start.wait()
            answers.append(run_once(user=user, key="k", route="r", payload={}, perform=slow))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [1]
    assert sorted(a.replayed for a in answers) == [False, True, True]
    assert IdempotencyKey.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_repeat_while_the_first_is_in_flight_is_still_processing(monkeypatch):
    _postgres()
    monkeypatch.setattr(idempotency, "WAIT_SECONDS", 0.3)
    user = UserFactory()
    inside, finish, outcome = threading.Event(), threading.Event(), {}

    def held():
        inside.set()
        finish.wait(5)
        return Answer(201, user)

    def first():
        try:
            outcome["first"] = run_once(user=user, key="k", route="r", payload={}, perform=held)
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert inside.wait(5)
    with pytest.raises(StillProcessing):
        run_once(user=user, key="k", route="r", payload={}, perform=held)
    finish.set()
    thread.join()
    assert run_once(user=user, key="k", route="r", payload={}, perform=held).replayed
