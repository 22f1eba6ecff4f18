"""The result chain's API: create with field errors, 409 on a stale edit, the generic
start once, a statement others contribute to not deleted."""

import pytest

from monitoring.models import ResultStatement

pytestmark = pytest.mark.django_db
URL = "/api/result-statements/"


def test_create_update_and_stale_edit(client, world):
    client.force_login(world.users["coord_a"])
    body = {"project": world.project_a.pk, "cluster": world.a1.pk, "level": "impact"}
    response = client.post(URL, {**body, "statement": " "}, content_type="application/json")
    assert response.status_code == 400 and "statement" in response.json()
    response = client.post(URL, {**body, "statement": "Growth"}, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    outcome = client.post(
        URL,
        {**body, "level": "outcome", "statement": "Cooperation"},
        content_type="application/json",
    )
    assert outcome.status_code == 400 and "parent" in outcome.json()
    detail = f"{URL}{created['id']}/"
    response = client.patch(
        detail,
        {"risks": "Drought", "updated_at": created["updated_at"]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["risks"] == "Drought"
    response = client.patch(
        detail,
        {"risks": "Floods", "updated_at": created["updated_at"]},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert ResultStatement.objects.get().risks == "Drought"


def test_start_adds_the_generic_chain_once_and_delete_keeps_the_tree(client, world):
    client.force_login(world.users["coord_a"])
    data = {"project": world.project_a.pk, "cluster": world.a1.pk}
    first = client.post(f"{URL}start/", data, content_type="application/json")
    assert first.status_code == 201 and len(first.json()) == 10
    again = client.post(f"{URL}start/", data, content_type="application/json")
    assert again.status_code == 200 and again.json() == []
    impact = ResultStatement.objects.get(cluster=world.a1, level="impact")
    assert client.delete(f"{URL}{impact.pk}/").status_code == 400
    other = client.post(
        f"{URL}start/",
        {"project": world.project_a.pk, "cluster": world.b1.pk},
        content_type="application/json",
    )
    assert other.status_code == 400  # another project's cluster does not exist here


def test_the_list_is_scoped(client, world):
    ResultStatement.objects.create(
        project=world.project_a, cluster=world.a1, level="impact", statement="A1"
    )
    ResultStatement.objects.create(project=world.project_a, level="impact", statement="Project A")
    client.force_login(world.users["cda_a1"])
    assert [r["statement"] for r in client.get(URL).json()["results"]] == ["A1"]
    client.force_login(world.users["cda_a2"])
    assert client.get(URL).json()["results"] == []
