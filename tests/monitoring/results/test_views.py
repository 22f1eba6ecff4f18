"""The result chain pages: the tree, the generic start button, forms with errors next
to their fields, stale edits and removal."""

import pytest

from monitoring.models import ResultLevel, ResultStatement
from monitoring.results import services

pytestmark = pytest.mark.django_db


def test_the_chain_page_shows_the_tree_and_offers_the_generic_start(client, world):
    client.force_login(world.users["coord_a"])
    url = f"/clusters/{world.a1.pk}/result-chain/"
    page = client.get(url).content.decode()
    start = f'action="/clusters/{world.a1.pk}/result-chain/start/"'
    assert start in page and "generic cluster result chain" in page
    response = client.post(f"/clusters/{world.a1.pk}/result-chain/start/", follow=True)
    page = response.content.decode()
    assert "Inclusive and sustainable growth of the cluster&#x27;s firms and workers" in page
    assert "Improved governance of the cluster" in page
    assert start not in page  # the chain is no longer empty
    count = ResultStatement.objects.filter(cluster=world.a1).count()
    client.post(f"/clusters/{world.a1.pk}/result-chain/start/")
    assert ResultStatement.objects.filter(cluster=world.a1).count() == count


def test_readers_see_the_chain_without_edit_links(client, world):
    services.result_chain_start(
        actor=world.users["coord_a"], project=world.project_a, cluster=world.a1
    )
    client.force_login(world.users["cda_a1"])
    page = client.get(f"/clusters/{world.a1.pk}/result-chain/").content.decode()
    assert "Joint actions implemented by groups of firms" in page
    assert "/edit/" not in page and "Add an outcome" not in page


def test_the_form_shows_errors_next_to_the_field_and_saves_nothing(client, world):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/result-chain/new/?level=outcome"
    response = client.post(url, {"level": "outcome", "statement": "Cooperation"})
    assert response.status_code == 200
    assert 'id="id_parent-errors"' in response.content.decode()
    assert not ResultStatement.objects.exists()
    response = client.post(url, {"level": "impact", "statement": "Growth"})
    assert response.status_code == 302
    impact = ResultStatement.objects.get()
    assert impact.cluster is None and impact.level == ResultLevel.IMPACT


def test_a_stale_edit_shows_a_message_and_keeps_the_other_change(client, world):
    impact = services.result_statement_create(
        actor=world.users["coord_a"], project=world.project_a, level="impact", statement="Growth"
    )
    client.force_login(world.users["coord_a"])
    stamp = impact.updated_at.isoformat()
    services.result_statement_update(actor=world.users["coord_a"], result=impact, risks="Drought")
    response = client.post(
        f"/result-statements/{impact.pk}/edit/",
        {"statement": "Growth", "risks": "Floods", "updated_at": stamp},
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    impact.refresh_from_db()
    assert impact.risks == "Drought"


def test_removing_asks_first_then_removes(client, world):
    impact = services.result_statement_create(
        actor=world.users["coord_a"], project=world.project_a, level="impact", statement="Growth"
    )
    client.force_login(world.users["coord_a"])
    url = f"/result-statements/{impact.pk}/delete/"
    assert "Growth" in client.get(url).content.decode()
    assert ResultStatement.objects.filter(pk=impact.pk).exists()
    assert client.post(url).status_code == 302
    assert not ResultStatement.objects.filter(pk=impact.pk).exists()
