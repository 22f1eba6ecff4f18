"""Corrections: a CDA corrects or withdraws its own entries for 30 days after their
date, the coordinator any entry; withdrawn entries leave every total, stay in the list
and in the audit trail."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from actionplans.models import FieldActivity
from actionplans.selectors import activity_stats_by_cluster
from monitoring.dashboards.selectors import project_dashboard

pytestmark = pytest.mark.django_db


def _entry(world, *, days_ago=2, by="cda_a1", cluster=None, **fields):
    fields = {"kind": "visit", "summary": "Visit to the tannery", "women": 3, "men": 4, **fields}
    return FieldActivity.objects.create(
        cluster=cluster or world.a1,
        occurred_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        recorded_by=world.users[by],
        **fields,
    )


def _form(activity, **changes):
    return {
        "occurred_on": activity.occurred_on.isoformat(),
        "kind": activity.kind,
        "location": "",
        "summary": activity.summary,
        "women": "3",
        "men": "4",
        "updated_at": activity.updated_at.isoformat(),
        **changes,
    }


def _edit_url(activity, what="edit"):
    return f"/clusters/{activity.cluster_id}/activities/{activity.pk}/{what}/"


def test_the_cda_corrects_its_own_entry_on_the_page(client, world):
    activity = _entry(world)
    client.force_login(world.users["cda_a1"])
    response = client.post(_edit_url(activity), _form(activity, men="6"), follow=True)
    assert "Activity corrected." in response.content.decode()
    activity.refresh_from_db()
    assert activity.men == 6
    assert LogEntry.objects.get_for_object(activity).filter(action=LogEntry.Action.UPDATE).exists()


def test_a_stale_correction_is_refused(client, world):
    activity = _entry(world)
    stale = _form(activity, men="6")
    FieldActivity.objects.filter(pk=activity.pk).update(
        updated_at=activity.updated_at + datetime.timedelta(seconds=5)
    )
    client.force_login(world.users["cda_a1"])
    response = client.post(_edit_url(activity), stale)
    assert "Someone else changed this record" in response.content.decode()
    patch = client.patch(
        f"/api/field-activities/{activity.pk}/",
        {"men": 7, "updated_at": activity.updated_at.isoformat()},
        content_type="application/json",
    )
    assert patch.status_code == 409
    activity.refresh_from_db()
    assert activity.men == 4


@pytest.mark.parametrize(
    "persona,days_ago,by,status",
    [
        ("cda_a1", 2, "cda_a1", 200),
        ("cda_a1", 30, "cda_a1", 200),
        ("cda_a1", 31, "cda_a1", 403),  # past the correction window
        ("cda_a1", 2, "coord_a", 403),  # someone else's entry
        ("coord_a", 400, "cda_a1", 200),  # the coordinator, whenever
        ("steer_a", 2, "cda_a1", 403),
        ("comm_a1", 2, "cda_a1", 403),
        ("cda_a2", 2, "cda_a1", 404),  # another cluster's CDA
        ("coord_b", 2, "cda_a1", 404),
    ],
)
def test_who_may_correct(client, world, persona, days_ago, by, status):
    activity = _entry(world, days_ago=days_ago, by=by)
    client.force_login(world.users[persona])
    assert client.get(_edit_url(activity)).status_code == status
    assert client.get(_edit_url(activity, "withdraw")).status_code == status
    api_status = client.patch(
        f"/api/field-activities/{activity.pk}/", {"men": 9}, content_type="application/json"
    ).status_code
    assert api_status == status


def test_the_coordinator_withdraws_with_a_reason_and_totals_drop(client, world):
    kept = _entry(world)
    withdrawn = _entry(world, days_ago=90, women=10, men=10)
    client.force_login(world.users["coord_a"])
    empty = client.post(_edit_url(withdrawn, "withdraw"), {"withdraw_reason": " "})
    assert 'id="id_withdraw_reason-errors"' in empty.content.decode()
    response = client.post(
        _edit_url(withdrawn, "withdraw"), {"withdraw_reason": "Logged twice"}, follow=True
    )
    page = response.content.decode()
    assert "it no longer counts in the totals" in page
    assert "1 entry" in page and "3 women, 4 men" in page  # the list's totals
    assert "Withdrawn by" in page and "Logged twice" in page  # still in the list
    withdrawn.refresh_from_db()
    assert withdrawn.withdrawn_by == world.users["coord_a"]
    change = LogEntry.objects.get_for_object(withdrawn).latest("timestamp")
    assert "withdraw_reason" in change.changes_dict
    # Totals: the dashboard and the report read the same selector.
    assert activity_stats_by_cluster([world.a1.pk])[world.a1.pk]["last"] == kept.occurred_on
    a1 = next(c for c in project_dashboard(project=world.project_a) if c.pk == world.a1.pk)
    assert a1.last_activity == kept.occurred_on
    # A withdrawn entry is not corrected any more.
    assert client.get(_edit_url(withdrawn)).status_code == 403


def test_the_api_withdraws_and_lists_the_withdrawal(client, world):
    activity = _entry(world)
    client.force_login(world.users["cda_a1"])
    url = f"/api/field-activities/{activity.pk}/withdraw/"
    assert client.post(url, {}, content_type="application/json").status_code == 400
    response = client.post(url, {"reason": "Did not happen"}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["withdraw_reason"] == "Did not happen" and body["withdrawn_at"]
    listed = client.get("/api/field-activities/").json()["results"]
    assert [r["withdraw_reason"] for r in listed] == ["Did not happen"]


def test_the_api_correction_keeps_the_cluster(client, world):
    activity = _entry(world)
    client.force_login(world.users["coord_a"])
    response = client.patch(
        f"/api/field-activities/{activity.pk}/",
        {"cluster": world.a2.pk, "summary": "Visit to two tanneries"},
        content_type="application/json",
    )
    assert response.status_code == 200
    activity.refresh_from_db()
    assert (activity.cluster, activity.summary) == (world.a1, "Visit to two tanneries")


def test_a_correction_is_validated_like_an_entry(client, world):
    activity = _entry(world)
    client.force_login(world.users["cda_a1"])
    response = client.patch(
        f"/api/field-activities/{activity.pk}/",
        {"occurred_on": "2999-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "occurred_on" in response.json()
