"""A service calling another service, or a service under the auditlog middleware,
records the right actor on every entry, and leaves no signal receiver behind."""

import pytest
from auditlog.models import LogEntry
from django.db.models.signals import pre_save

from governance.audit import actor_context
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db


def _receivers() -> int:
    return len(pre_save._live_receivers(LogEntry)[0])


def _actor_of(obj) -> str | None:
    entry = LogEntry.objects.get_for_object(obj).order_by("-pk").first()
    return entry.actor.username if entry.actor else None


def test_nested_actor_contexts_keep_the_outer_actor_after_the_inner_one():
    outer_user, inner_user = UserFactory(username="outer"), UserFactory(username="inner")
    before = _receivers()
    with actor_context(outer_user):
        first = ClusterFactory()
        with actor_context(inner_user):
            second = ClusterFactory()
        third = ClusterFactory()
    assert (_actor_of(first), _actor_of(second), _actor_of(third)) == ("outer", "inner", "outer")
    assert _receivers() == before


def test_the_same_actor_nested_is_recorded_throughout():
    user = UserFactory(username="coordinator")
    with actor_context(user):
        with actor_context(user):
            ClusterFactory()
        last = ClusterFactory()
    assert _actor_of(last) == "coordinator"
