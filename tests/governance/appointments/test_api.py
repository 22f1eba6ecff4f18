"""The CDA appointments API: refused on a cluster that is not selected, ended, terms of
reference uploaded."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.access import Action, can
from governance.models import (
    CDAAppointment,
)
from tests.conftest import pdf
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_api_appointment_refused_for_unselected_cluster_and_end(world, client):
    client.force_login(world.users["coord_a"])
    candidate = ClusterFactory(project=world.project_a, name="Candidate", status="candidate")
    response = client.post(
        "/api/cda-appointments/",
        {"cluster": candidate.pk, "kind": "lead", "user": "cda_a2", "starts_on": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "selected" in str(response.json())
    newcomer = UserFactory(username="apicda")
    response = client.post(
        "/api/cda-appointments/",
        {"cluster": world.a2.pk, "kind": "team_member", "user": "apicda"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert can(newcomer, Action.WORK, world.a2)
    response = client.post(
        f"/api/cda-appointments/{response.json()['id']}/end/", {}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["active"] is False
    assert not can(newcomer, Action.VIEW, world.a2)


def test_api_appointment_terms_of_reference_upload(world, client):
    client.force_login(world.users["coord_a"])
    UserFactory(username="apicda")
    response = client.post(
        "/api/cda-appointments/",
        {"cluster": world.a2.pk, "kind": "lead", "user": "apicda", "terms_file": pdf("tor.pdf")},
    )
    assert response.status_code == 201, response.json()
    url = response.json()["terms_file_url"]
    assert url and b"".join(client.get(url).streaming_content) == b"%PDF-1.4 minutes"
    response = client.post(
        "/api/cda-appointments/",
        {
            "cluster": world.a1.pk,
            "kind": "cmo",
            "organisation_name": "CMO",
            "terms_file": SimpleUploadedFile("tor.sh", b"#!/bin/sh"),
        },
    )
    assert response.status_code == 400 and "terms_file" in response.json()
    client.force_login(world.users["coord_b"])
    response = client.post(
        "/api/cda-appointments/",
        {"cluster": world.a1.pk, "kind": "cmo", "organisation_name": "X", "terms_file": pdf()},
    )
    assert response.status_code == 400 and "cluster" in response.json()
    assert CDAAppointment.objects.count() == 1
