"""The coordinator downloads the project's IATI file from the project page; a CDA and
a steering member may not, another project's coordinator does not see the project."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from clusters.panels import PageAccess
from monitoring.iati.links import project_iati_link

from .helpers import assert_valid, figures, indicator

pytestmark = pytest.mark.django_db


def _url(world) -> str:
    return reverse("iati-export", args=[world.project_a.pk])


def test_the_coordinator_downloads_the_file_with_the_approved_figures(plan, login):
    response = login(plan.world.user("coord_a")).get(_url(plan.world))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (f'attachment; filename="iati-project-a-{today}.xml"')
    document = assert_valid(response.content)
    assert len(indicator(document, "JOBS").findall("period")) == 2
    (period,) = indicator(document, "LINKED").findall("period")
    assert figures(period, "actual")["total"] == "37.5"


@pytest.mark.parametrize(
    ("persona", "status"), [("cda_a1", 403), ("steer_a", 403), ("coord_b", 404)]
)
def test_others_get_the_policy_answer(world, login, persona, status):
    assert login(world.user(persona)).get(_url(world)).status_code == status


def test_the_project_page_offers_the_file_to_the_coordinator_only(world):
    request = RequestFactory().get("/")
    for persona, expected in (
        ("coord_a", ["IATI file"]),
        ("admin", ["IATI file"]),
        ("steer_a", []),
    ):
        request.user = world.user(persona)
        links = project_iati_link(request, world.project_a, PageAccess(request.user))
        assert [link.label for link in links] == expected
    (link,) = project_iati_link(request, world.project_a, PageAccess(world.user("coord_a")))
    assert link.url == _url(world)
