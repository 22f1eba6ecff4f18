"""A repeated submission (a triple tap, a retry after a lost answer, the outbox sending
again) makes one entry, on the page and in the API."""

import uuid

import pytest

from actionplans.models import FieldActivity

from .test_field_activity import VALID

pytestmark = pytest.mark.django_db


def _api(client, data, key):
    return client.post(
        "/api/field-activities/", data, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )


def _api_data(world, **changes):
    return {**VALID, "cluster": world.a1.pk, "women": 12, "men": 8, **changes}


def test_three_quick_page_submissions_make_one_entry(client, world):
    client.force_login(world.users["cda_a1"])
    url = f"/clusters/{world.a1.pk}/activities/new/"
    form = client.get(url).content.decode()
    assert 'name="client_id"' in form  # a new id each time the form is rendered
    data = {**VALID, "client_id": str(uuid.uuid4())}
    answers = [client.post(url, data) for _ in range(3)]
    assert [a.status_code for a in answers] == [302, 302, 302]
    assert {a.url for a in answers} == {f"/clusters/{world.a1.pk}/activities/"}
    assert FieldActivity.objects.count() == 1
    # Each page of the form is another entry.
    client.post(url, {**VALID, "client_id": str(uuid.uuid4())})
    assert FieldActivity.objects.count() == 2


def test_a_page_repeat_with_other_values_is_not_lost_and_not_merged(client, world):
    client.force_login(world.users["cda_a1"])
    url = f"/clusters/{world.a1.pk}/activities/new/"
    key = str(uuid.uuid4())
    client.post(url, {**VALID, "client_id": key})
    response = client.post(url, {**VALID, "summary": "Another training", "client_id": key})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This form was already sent with other values." in page
    assert key not in page  # the form shown again carries a new id
    assert FieldActivity.objects.count() == 1


def test_three_api_repeats_make_one_entry_and_answer_alike(client, world):
    client.force_login(world.users["cda_a1"])
    key = str(uuid.uuid4())
    answers = [_api(client, _api_data(world), key) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert "Idempotent-Replayed" not in answers[0]
    assert answers[2]["Idempotent-Replayed"] == "true"
    assert FieldActivity.objects.count() == 1


def test_the_same_key_with_another_payload_answers_422(client, world):
    client.force_login(world.users["cda_a1"])
    key = str(uuid.uuid4())
    assert _api(client, _api_data(world), key).status_code == 201
    response = _api(client, _api_data(world, men=9), key)
    assert response.status_code == 422
    assert "different request" in response.json()["detail"]
    assert FieldActivity.objects.count() == 1


def test_a_refused_entry_may_be_fixed_and_sent_with_the_same_key(client, world):
    client.force_login(world.users["cda_a1"])
    key = str(uuid.uuid4())
    refused = _api(client, _api_data(world, occurred_on="1800-01-01"), key)
    assert refused.status_code == 400
    assert "occurred_on" in refused.json()
    assert _api(client, _api_data(world), key).status_code == 201
    assert FieldActivity.objects.count() == 1


def test_page_and_api_share_the_key_so_the_outbox_never_doubles_a_page_post(client, world):
    client.force_login(world.users["cda_a1"])
    key = str(uuid.uuid4())
    client.post(f"/clusters/{world.a1.pk}/activities/new/", {**VALID, "client_id": key})
    response = _api(client, _api_data(world), key)  # what the outbox sends afterwards
    assert response.status_code == 201
    assert response["Idempotent-Replayed"] == "true"
    assert response.json()["summary"] == VALID["summary"]
    assert FieldActivity.objects.count() == 1


def test_keys_are_per_user(client, world):
    key = str(uuid.uuid4())
    for persona in ("cda_a1", "coord_a"):
        client.force_login(world.users[persona])
        assert _api(client, _api_data(world), key).status_code == 201
    assert FieldActivity.objects.count() == 2


def test_a_bad_key_is_refused(client, world):
    client.force_login(world.users["cda_a1"])
    assert _api(client, _api_data(world), "x" * 256).status_code == 400
    assert not FieldActivity.objects.exists()
