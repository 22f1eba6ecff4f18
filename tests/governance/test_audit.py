"""The audit trail: writes are audited with their actor; the history page."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

pytestmark = pytest.mark.django_db


def test_writes_are_audited_and_coordinators_see_history(client, world):
    client.force_login(world.users["coord_a"])
    response = client.patch(
        f"/api/clusters/{world.a1.pk}/",
        {"main_products": "Sandals and belts"},
        content_type="application/json",
    )
    assert response.status_code == 200
    entry = LogEntry.objects.get_for_object(world.a1).latest("timestamp")
    assert entry.actor == world.users["coord_a"]
    assert entry.changes_dict["main_products"][1] == "Sandals and belts"
    client.patch(
        f"/api/clusters/{world.a1.pk}/", {"sector": "textiles"}, content_type="application/json"
    )
    page = client.get(f"/history/clusters/cluster/{world.a1.pk}/").content.decode()
    assert "Sandals and belts" in page
    assert "coord_a" in page or str(world.users["coord_a"]) in page
    # People read field labels, choice names and action names, not column names and codes.
    assert "Main products" in page and "main_products" not in page
    assert "Textiles" in page and "→ textiles" not in page
    assert "Changed" in page and "None" not in page


def test_history_page_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.users["coord_a"])
    for n in range(30):
        client.patch(
            f"/api/clusters/{world.a1.pk}/",
            {"main_products": f"Sandals {n}"},
            content_type="application/json",
        )
    with django_assert_max_num_queries(8):
        assert client.get(f"/history/clusters/cluster/{world.a1.pk}/").status_code == 200


def test_history_of_unknown_model_is_404(client, world):
    client.force_login(world.users["admin"])
    assert client.get("/history/governance/user/1/").status_code == 404
    assert client.get("/history/nope/nothing/1/").status_code == 404


def test_history_leaves_out_the_id_and_the_stamps_a_save_sets_itself(client, world):
    """A project's creation listed "ID: — → 1" and "Updated at: — → 2026-12-02
    13:02:12.236136" among the changes, as if someone had typed them."""
    from clusters.services import project_update

    project_update(actor=world.users["coord_a"], project=world.project_a, donor="Trust fund")
    client.force_login(world.users["coord_a"])
    page = client.get(f"/history/clusters/project/{world.project_a.pk}/").content.decode()
    assert "Trust fund" in page and "Donor" in page
    assert (
        "Updated at" not in page and "Created at" not in page and "<strong>ID</strong>" not in page
    )


def test_history_names_related_records_instead_of_their_ids(client, world):
    """A cluster's creation read "Project: — → 1" and "Created by: — → 2"."""
    from django.utils.html import escape

    client.force_login(world.users["coord_a"])
    page = client.get(f"/history/clusters/cluster/{world.a1.pk}/").content.decode()
    assert f"<strong>Project</strong>: — → {escape(world.project_a.name)}<" in page
    assert f"<strong>Project</strong>: — → {world.project_a.pk}<" not in page
