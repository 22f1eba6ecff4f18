"""What later phases add to the dashboards (panels), the ways in (links), the figures'
source (the roll-ups, not the raw log) and the page's weight on a phone."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse

from clusters.panels import PageAccess
from monitoring.dashboards.links import cluster_card_links, cluster_dashboard_panel
from monitoring.dashboards.panels import register_dashboard_panel, unregister_dashboard_panel
from monitoring.links import project_links

from .helpers import activities, dashboard_project

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_registered_panel_shows_on_both_dashboards_with_its_scope(client, world):
    seen = []

    def joint_actions(request, scope):
        seen.append((scope.project.pk, scope.cluster.pk if scope.cluster else None))
        return {"template": "monitoring/dashboards/_cluster_panel.html", "cluster": world.a1}

    register_dashboard_panel(joint_actions, order=10)
    try:
        client.force_login(world.users["coord_a"])
        client.get(reverse("project-dashboard", args=[world.project_a.pk]))
        page = client.get(reverse("cluster-dashboard", args=[world.a1.pk])).content.decode()
    finally:
        unregister_dashboard_panel(joint_actions)
    assert seen == [(world.project_a.pk, None), (world.project_a.pk, world.a1.pk)]
    assert 'id="cluster-dashboard-link"' in page


def test_steering_members_get_the_dashboard_link_and_cdas_do_not(world):
    def labels(persona):
        user = world.users[persona]
        links = project_links(_request(user), world.project_a, PageAccess(user))
        return [link.label for link in links]

    assert "Dashboard" in labels("steer_a") and "Dashboard" in labels("coord_a")
    assert "Dashboard" not in labels("cda_a1")


def test_the_cluster_card_and_page_lead_to_the_cluster_dashboard(world):
    url = reverse("cluster-dashboard", args=[world.a1.pk])
    for persona in ("cda_a1", "comm_a1", "steer_a"):
        user = world.users[persona]
        links = cluster_card_links(_request(user), world.a1, PageAccess(user, listing=True))
        assert [link.url for link in links] == [url]
        assert cluster_dashboard_panel(_request(user), world.a1)["cluster"] == world.a1
    other = world.users["cda_a2"]
    assert cluster_card_links(_request(other), world.a1, PageAccess(other, listing=True)) == []
    assert cluster_dashboard_panel(_request(other), world.a1) is None


def test_figures_come_from_the_rollups_not_from_the_log(client, world):
    project = dashboard_project(world, clusters=2, quarters=1, activities_per_month=2)
    client.force_login(world.users["cda_a1"])
    url = reverse("cluster-dashboard", args=[world.a1.pk])
    assert "2 activities" in client.get(url).content.decode()
    activities(world.a1, month=project.starts_on, n=3)  # no refresh ran: not shown yet
    assert "2 activities" in client.get(url).content.decode()


def test_the_page_weighs_under_300_kb_as_served_to_a_phone(client, world):
    """HTML, stylesheets and scripts, compressed as whitenoise serves them in production."""
    dashboard_project(world, clusters=30, quarters=4, activities_per_month=3)
    client.force_login(world.users["coord_a"])
    page = client.get(reverse("project-dashboard", args=[world.project_a.pk])).content
    total = len(gzip.compress(page))
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', page):
        path = finders.find(asset.decode())
        with open(path, "rb") as f:
            total += len(gzip.compress(f.read()))
    assert total < 300 * 1024
    assert page.count(b'<th scope="row"><a href="/clusters/') == 25  # clusters are paged
