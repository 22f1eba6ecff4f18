"""The ways in: the M&E page's links and the home page's cluster card."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from clusters.panels import PageAccess
from monitoring.values.links import cluster_card_links, hub_links

pytestmark = pytest.mark.django_db


def _labels(links):
    return [link.label for link in links]


def test_the_coordinator_gets_the_queue_and_completeness(ind):
    request = RequestFactory().get("/")
    request.user = ind.user("coord_a")
    labels = _labels(hub_links(request, ind.world.project_a, PageAccess(request.user)))
    assert labels == ["Values due", "Approval queue", "Reporting completeness"]


def test_a_cda_gets_what_is_due_and_steering_nothing(ind):
    request = RequestFactory().get("/")
    request.user = ind.user("cda_a1")
    access = PageAccess(request.user, listing=True)
    assert _labels(hub_links(request, ind.world.project_a, access)) == ["Values due"]
    assert _labels(cluster_card_links(request, ind.world.a1, access)) == ["Values due"]
    assert cluster_card_links(request, ind.world.a2, access) == []
    request.user = ind.user("steer_a")
    assert hub_links(request, ind.world.project_a, PageAccess(request.user)) == []
