"""Candidate pages: create and edit permissions, errors next to fields, stale edits,
the list's filters and its query count."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from clusters.mapping import services
from clusters.models import Cluster
from governance.access.rules import may_map_candidates
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Kolda Rice",
    "sector": "agro_food",
    "main_products": "Parboiled rice",
    "region": "Kolda",
    "locality": "Kolda",
    "latitude": "12.89",
    "longitude": "-14.94",
    "enterprises_micro": "50",
    "enterprises_small": "5",
    "enterprises_medium": "",
    "enterprises_large": "",
    "employment_women": "120",
    "employment_men": "60",
    "women_owned_share": "55.5",
    "support_institutions": "Rice growers' union",
    "export_orientation": "none",
    "growth_potential": "3",
    "information_source": "Regional survey",
    "information_date": "2025-04-01",
}


def edit_data(cluster, **changes):
    data = {k: ("" if v is None else v) for k, v in FORM.items()}
    data.update({"name": cluster.name, "sector": cluster.sector})
    data["updated_at"] = cluster.updated_at.isoformat()
    data.update(changes)
    return data


def test_coordinator_creates_a_candidate_with_its_mapping_record(client, world):
    client.force_login(world.users["coord_a"])
    response = client.post(f"/projects/{world.project_a.pk}/candidates/new/", FORM)
    assert response.status_code == 302
    cluster = Cluster.objects.get(project=world.project_a, name="Kolda Rice")
    assert cluster.created_by == world.users["coord_a"]
    assert cluster.status == "candidate" and cluster.phase == 1
    assert cluster.enterprises_total == 55 and cluster.employment_total == 180
    assert cluster.women_owned_share == Decimal("55.5")
    assert cluster.enterprises_medium is None


def test_totals_are_unknown_when_nothing_is_known():
    cluster = Cluster(name="x", sector="wood")
    assert cluster.enterprises_total is None and cluster.employment_total is None
    cluster.enterprises_large = 0
    assert cluster.enterprises_total == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", "95", "less than or equal to 90"),
        ("women_owned_share", "101", "less than or equal to 100"),
        ("employment_men", "-3", "greater than or equal to 0"),
        ("growth_potential", "9", "not one of the available choices"),
        ("name", "Cluster A2", "already exists in the project"),
    ],
)
def test_errors_are_shown_next_to_the_field(client, world, field, value, message):
    client.force_login(world.users["coord_a"])
    response = client.post(
        f"/projects/{world.project_a.pk}/candidates/new/", {**FORM, field: value}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    assert f'id="id_{field}-errors"' in response.content.decode()
    assert not Cluster.objects.filter(name="Kolda Rice").exists()


def test_information_date_cannot_be_in_the_future(client, world):
    client.force_login(world.users["coord_a"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        f"/projects/{world.project_a.pk}/candidates/new/",
        {**FORM, "information_date": tomorrow.isoformat()},
    )
    assert "cannot be in the future" in response.context["form"].errors["information_date"][0]


def test_cda_edits_the_mapping_record_of_their_cluster(client, world):
    client.force_login(world.users["cda_a1"])
    url = f"/clusters/{world.a1.pk}/mapping/"
    page = client.get(url).content.decode()
    assert 'name="updated_at"' in page
    response = client.post(url, edit_data(world.a1, enterprises_micro="77"))
    assert response.status_code == 302
    world.a1.refresh_from_db()
    assert world.a1.enterprises_micro == 77
    # Another cluster's CDA does not even see it; the steering committee may not edit.
    client.force_login(world.users["cda_a2"])
    assert client.get(url).status_code == 404
    client.force_login(world.users["steer_a"])
    assert client.post(url, edit_data(world.a1)).status_code == 403


def test_a_cda_of_the_project_creates_candidates(client, world):
    client.force_login(world.users["cda_a1"])
    url = f"/projects/{world.project_a.pk}/candidates/new/"
    assert client.get(url).status_code == 200
    assert (
        f'href="{url}"'
        in client.get(f"/projects/{world.project_a.pk}/candidates/").content.decode()
    )
    response = client.post(url, FORM, follow=True)
    assert response.redirect_chain[-1][1] == 302
    cluster = Cluster.objects.get(project=world.project_a, name="Kolda Rice")
    assert cluster.created_by == world.users["cda_a1"]
    assert cluster.status == "candidate" and cluster.phase == 1
    assert "Kolda Rice" in response.content.decode()  # the message names the new candidate
    # Not in another project, and not for a Commission member (no phase work).
    assert client.get(f"/projects/{world.project_b.pk}/candidates/new/").status_code == 404
    client.force_login(world.users["comm_a1"])
    assert client.post(url, {**FORM, "name": "Other"}).status_code == 403
    client.force_login(world.users["steer_a"])
    assert client.post(url, {**FORM, "name": "Other"}).status_code == 403
    assert not Cluster.objects.filter(name="Other").exists()


def test_a_cda_whose_cluster_is_phased_out_may_not_create_nor_edit(client, world):
    Cluster.objects.filter(pk=world.a1.pk).update(status="phased_out")
    client.force_login(world.users["cda_a1"])
    response = client.post(f"/projects/{world.project_a.pk}/candidates/new/", FORM)
    assert response.status_code == 403
    assert not may_map_candidates(world.users["cda_a1"], world.project_a)
    assert client.get(f"/clusters/{world.a1.pk}/mapping/").status_code == 403


def test_a_stale_edit_is_refused_with_a_clear_message(client, world):
    url = f"/clusters/{world.a1.pk}/mapping/"
    client.force_login(world.users["cda_a1"])
    client.get(url)
    seen = edit_data(world.a1, enterprises_micro="10")
    # Meanwhile the coordinator saves a change.
    services.cluster_candidate_update(
        actor=world.users["coord_a"],
        cluster=Cluster.objects.get(pk=world.a1.pk),
        enterprises_micro=99,
    )
    response = client.post(url, seen)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    world.a1.refresh_from_db()
    assert world.a1.enterprises_micro == 99


def test_the_list_filters_by_sector_region_and_status(client, world):
    ClusterFactory(project=world.project_a, name="Wood Ziguinchor", sector="wood", region="Zig")
    client.force_login(world.users["coord_a"])
    base = f"/projects/{world.project_a.pk}/candidates/"
    page = client.get(base).content.decode()
    assert "Wood Ziguinchor" in page and "Cluster A1" in page and "Cluster B1" not in page
    page = client.get(base, {"sector": "wood"}).content.decode()
    assert "Wood Ziguinchor" in page and "Cluster A1" not in page
    page = client.get(base, {"region": "Zig"}).content.decode()
    assert "Wood Ziguinchor" in page and "Cluster A1" not in page
    page = client.get(base, {"status": "selected"}).content.decode()
    assert "Wood Ziguinchor" not in page and "Cluster A1" in page
    assert f"/projects/{world.project_a.pk}/candidates/export.csv?status=selected" in page


def test_a_cda_sees_only_their_cluster_and_its_edit_link(client, world):
    client.force_login(world.users["cda_a1"])
    page = client.get(f"/projects/{world.project_a.pk}/candidates/").content.decode()
    assert "Cluster A1" in page and "Cluster A2" not in page
    assert f"/clusters/{world.a1.pk}/mapping/" in page
    # A CDA of the project maps new candidates; importing a file is the coordinator's.
    assert "candidates/new/" in page and "candidates/import/" not in page
    client.force_login(world.users["comm_a1"])
    page = client.get(f"/projects/{world.project_a.pk}/candidates/").content.decode()
    assert "candidates/new/" not in page and "candidates/import/" not in page


LIST_QUERIES = 8


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("persona", ["coord_a", "cda_a1"])
def test_list_query_count_does_not_grow_with_rows(
    client, world, django_assert_num_queries, count, persona
):
    client.force_login(world.users[persona])
    for i in range(count - 2):
        ClusterFactory(project=world.project_a, name=f"Candidate {i:03}", region=f"R{i % 4}")
    url = f"/projects/{world.project_a.pk}/candidates/"
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    shown = len(response.context["page"].object_list)
    assert shown == (count if persona == "coord_a" else 1)


def test_cluster_page_shows_the_mapping_record_panel(client, world):
    Cluster.objects.filter(pk=world.a1.pk).update(enterprises_micro=7, employment_women=3)
    client.force_login(world.users["cda_a1"])
    page = client.get(f"/clusters/{world.a1.pk}/").content.decode()
    assert 'id="mapping-record"' in page
    assert f"/clusters/{world.a1.pk}/mapping/" in page
    assert f"/projects/{world.project_a.pk}/map/" in page
    client.force_login(world.users["comm_a1"])
    page = client.get(f"/clusters/{world.a1.pk}/").content.decode()
    assert 'id="mapping-record"' in page
    assert f"/clusters/{world.a1.pk}/mapping/" not in page
