"""The People page: the coordinator grants and ends roles; CDAs are appointed elsewhere."""

from __future__ import annotations

import pytest

from clusters import phases
from governance.access import Action, can
from governance.models import (
    RoleAssignment,
)
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_people_page_does_not_grant_the_cda_role_and_points_to_appointments(world, client):
    candidate = ClusterFactory(project=world.project_a, name="Candidate", status="candidate")
    newcda = UserFactory(username="newcda")
    client.force_login(world.users["coord_a"])
    page = client.get(f"/projects/{world.project_a.pk}/people/")
    html = page.content.decode()
    assert "CDAs are appointed on the cluster's Appointments page" in html
    assert f"/clusters/{world.a1.pk}/appointments/" in html
    assert f"/clusters/{candidate.pk}/appointments/" not in html  # selected clusters only
    assert 'value="cda"' not in html
    response = client.post(
        f"/projects/{world.project_a.pk}/people/",
        {"user": newcda.pk, "role": "cda", "cluster": candidate.pk},
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(cluster=candidate).exists()
    assert not phases.has_active_cda(candidate)


def test_coordinator_ends_a_role_on_the_people_page(world, client):
    cda = world.users["cda_a1"]
    assignment = cda.role_assignments.get()
    client.force_login(world.users["coord_a"])
    response = client.post(f"/projects/{world.project_a.pk}/people/{assignment.pk}/end/")
    assert response.status_code == 302
    client.force_login(cda)
    assert client.get(f"/clusters/{world.a1.pk}/").status_code == 404


def test_coordinator_grants_a_role_on_the_people_page(world, client):
    # (CDAs are appointed on the cluster's Appointments page, not granted here.)
    newcomer = UserFactory(username="newmember")
    client.force_login(world.users["coord_a"])
    response = client.post(
        f"/projects/{world.project_a.pk}/people/",
        {"user": newcomer.pk, "role": "commission", "cluster": world.a2.pk},
    )
    assert response.status_code == 302
    assert can(newcomer, Action.ENDORSE, world.a2)
    assert not can(newcomer, Action.VIEW, world.a1)


def test_people_page_refuses_incomplete_role(world, client):
    client.force_login(world.users["coord_a"])
    response = client.post(
        f"/projects/{world.project_a.pk}/people/", {"user": 987654, "role": "cda"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose a person from the search results." in body
    # A cluster from another project is not offered and is refused.
    response = client.post(
        f"/projects/{world.project_a.pk}/people/",
        {"user": world.users["cda_a2"].pk, "role": "cda", "cluster": world.b1.pk},
    )
    assert "Select a valid choice" in response.content.decode()
