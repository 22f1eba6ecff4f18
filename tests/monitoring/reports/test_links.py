"""The cluster page's way to the cluster's progress reports (a cluster panel): for whoever
reads the cluster, inviting its Commission to endorse."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from monitoring.reports.links import cluster_reports_panel

pytestmark = pytest.mark.django_db


def _panel(world, persona):
    request = RequestFactory().get(f"/clusters/{world.a1.pk}/")
    request.user = world.users[persona]
    return cluster_reports_panel(request, world.a1)


def test_the_commission_is_invited_to_endorse_and_the_cda_to_read(world):
    commission = _panel(world, "comm_a1")
    html = render_to_string(commission["template"], {"panel": commission})
    assert f'href="/clusters/{world.a1.pk}/reports/"' in html
    assert "record the Commission's endorsement" in html
    cda = _panel(world, "cda_a1")
    assert "record the Commission" not in render_to_string(cda["template"], {"panel": cda})


def test_another_clusters_cda_gets_no_panel(world):
    assert _panel(world, "cda_a2") is None
