import datetime

import pytest
from django.utils import timezone

from actionplans.models import FieldActivity

pytestmark = pytest.mark.django_db

VALID = {
    "occurred_on": "2025-05-02",
    "kind": "training",
    "location": "Thiès market",
    "summary": "Training on leather finishing",
    "women": "12",
    "men": "8",
}


def test_cda_logs_an_activity_and_sees_it_in_the_list(client, world):
    client.force_login(world.users["cda_a1"])
    response = client.post(f"/clusters/{world.a1.pk}/activities/new/", VALID, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Activity recorded." in page
    assert "Training on leather finishing" in page
    activity = FieldActivity.objects.get()
    assert (activity.cluster, activity.women, activity.men) == (world.a1, 12, 8)
    assert activity.recorded_by == world.users["cda_a1"]


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("occurred_on", "2999-01-01", "The date cannot be in the future."),
        ("women", "-1", "Ensure this value is greater than or equal to 0."),
        ("men", "many", "Enter a whole number."),
        ("summary", "", "This field is required."),
        ("kind", "", "This field is required."),
        ("occurred_on", "", "This field is required."),
        ("kind", "party", "Select a valid choice."),
        ("men", "20000", "Ensure this value is less than or equal to 10000."),
        ("occurred_on", "1800-01-01", "The project started on"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(client, world, field, value, message):
    client.force_login(world.users["cda_a1"])
    response = client.post(f"/clusters/{world.a1.pk}/activities/new/", {**VALID, field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}-errors"' in page
    assert message in page
    assert not FieldActivity.objects.exists()


def test_future_date_refused_by_api_with_field_error(client, world):
    client.force_login(world.users["cda_a1"])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        "/api/field-activities/",
        {**VALID, "cluster": world.a1.pk, "occurred_on": tomorrow, "women": 1, "men": 1},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "occurred_on" in response.json()
    response = client.post(
        "/api/field-activities/",
        {**VALID, "cluster": world.a1.pk, "women": -3, "men": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"women", "men"}
    assert not FieldActivity.objects.exists()


def test_activity_on_another_cluster_is_refused(client, world):
    client.force_login(world.users["cda_a2"])
    assert client.post(f"/clusters/{world.a1.pk}/activities/new/", VALID).status_code == 404
    response = client.post(
        "/api/field-activities/",
        {**VALID, "cluster": world.a1.pk, "women": 1, "men": 1},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "cluster" in response.json()
    assert not FieldActivity.objects.exists()


def test_api_lists_only_visible_activities(client, world):
    FieldActivity.objects.create(
        cluster=world.a1, occurred_on="2025-01-01", kind="visit", summary="A1 visit"
    )
    FieldActivity.objects.create(
        cluster=world.a2, occurred_on="2025-01-01", kind="visit", summary="A2 visit"
    )
    FieldActivity.objects.create(
        cluster=world.b1, occurred_on="2025-01-01", kind="visit", summary="B1 visit"
    )
    expected = {
        "cda_a1": {"A1 visit"},
        "comm_a1": {"A1 visit"},
        "coord_a": {"A1 visit", "A2 visit"},
        "coord_b": {"B1 visit"},
        "admin": {"A1 visit", "A2 visit", "B1 visit"},
    }
    for persona, summaries in expected.items():
        client.force_login(world.users[persona])
        results = client.get("/api/field-activities/").json()["results"]
        assert {r["summary"] for r in results} == summaries, persona


def test_activity_form_shows_the_cluster_and_is_short(client, world):
    client.force_login(world.users["cda_a1"])
    page = client.get(f"/clusters/{world.a1.pk}/activities/new/").content.decode()
    assert "Cluster A1" in page
    form = page.split('<form method="post"', 1)[1].split("</form>", 1)[0]
    assert form.count("<input") + form.count("<select") + form.count("<textarea") <= 8
