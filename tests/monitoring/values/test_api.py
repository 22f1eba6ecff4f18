"""The values API: create with women/men, submit, approve, return, correct; period
locks; evidence; 400 field errors, 409 stale and 409 locked."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from monitoring.models import IndicatorValue, ValueStatus
from monitoring.values.locks import period_lock_set

from .helpers import ended, submitted

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_create_with_the_split_by_sex_then_submit_and_approve(ind):
    cda = _api(ind.user("cda_a1"))
    period = ended(ind.by_sex)
    made = cda.post(
        "/api/indicator-values/",
        {"indicator": ind.by_sex.pk, "period_start": period.key, "women": "4", "men": "6"},
        format="json",
    )
    assert made.status_code == 201, made.data
    assert made.data["value"] == "10.0000" and made.data["women"] == "4.0000"
    assert made.data["status"] == "draft"
    pk = made.data["id"]
    sent = cda.post(f"/api/indicator-values/{pk}/submit/")
    assert sent.data["status"] == "submitted"
    assert cda.post(f"/api/indicator-values/{pk}/approve/").status_code == 403
    assert _api(ind.user("steer_a")).post(f"/api/indicator-values/{pk}/approve/").status_code == 403
    assert _api(ind.user("coord_b")).post(f"/api/indicator-values/{pk}/approve/").status_code == 404
    done = _api(ind.user("coord_a")).post(f"/api/indicator-values/{pk}/approve/")
    assert done.status_code == 200 and done.data["status"] == "approved"


def test_field_errors_are_400(ind):
    cda = _api(ind.user("cda_a1"))
    response = cda.post(
        "/api/indicator-values/",
        {
            "indicator": ind.by_sex.pk,
            "period_start": ended(ind.by_sex).key,
            "value": "10",
            "women": "4",
            "men": "5",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.data["value"] == ["Women (4) and men (5) add up to 9, not 10."]
    other = cda.post(
        "/api/indicator-values/",
        {"indicator": ind.other_cluster.pk, "period_start": ended(ind.number).key, "value": 1},
        format="json",
    )
    assert other.status_code == 400 and "indicator" in other.data


def test_update_is_stale_checked_and_merges_what_is_not_sent(ind):
    cda = _api(ind.user("cda_a1"))
    made = cda.post(
        "/api/indicator-values/",
        {
            "indicator": ind.number.pk,
            "period_start": ended(ind.number).key,
            "value": 3,
            "comment": "a",
        },
        format="json",
    ).data
    url = f"/api/indicator-values/{made['id']}/"
    changed = cda.patch(url, {"comment": "b", "updated_at": made["updated_at"]}, format="json")
    assert changed.status_code == 200 and changed.data["value"] == "3.0000"
    stale = cda.patch(url, {"value": 9, "updated_at": made["updated_at"]}, format="json")
    assert stale.status_code == 409


def test_a_locked_period_answers_409_with_the_reason(ind):
    period = ended(ind.number)
    period_lock_set(
        actor=ind.user("coord_a"),
        project=ind.world.project_a,
        period_start=period.start,
        period_end=period.end,
        locked=True,
        reason="Donor report sent",
    )
    response = _api(ind.user("cda_a1")).post(
        "/api/indicator-values/",
        {"indicator": ind.number.pk, "period_start": period.key, "value": 3},
        format="json",
    )
    assert response.status_code == 409
    assert "Donor report sent" in response.data["detail"]
    assert response.data["code"] == "period_locked"


def test_return_and_correct(ind):
    coord = _api(ind.user("coord_a"))
    value = submitted(ind.number, ind.user("cda_a1"), value=5)
    url = f"/api/indicator-values/{value.pk}/"
    assert coord.post(url + "return/", {"reason": ""}, format="json").status_code == 400
    back = coord.post(url + "return/", {"reason": "Too low"}, format="json")
    assert back.data["status"] == "returned" and back.data["return_reason"] == "Too low"
    cda = _api(ind.user("cda_a1"))
    cda.patch(url, {"value": 6, "submit": True}, format="json")
    coord.post(url + "approve/")
    corrected = cda.post(url + "correct/", {"value": 7}, format="json")
    assert corrected.status_code == 201, corrected.data
    assert corrected.data["corrects"] == value.pk and corrected.data["status"] == "submitted"
    assert IndicatorValue.objects.get(pk=value.pk).status == ValueStatus.APPROVED


def test_filters_go_through_the_policy(ind):
    submitted(ind.number, ind.user("cda_a1"))
    submitted(ind.other_cluster, ind.user("cda_a2"))
    coord = _api(ind.user("coord_a"))
    by_cluster = coord.get(f"/api/indicator-values/?cluster={ind.world.a2.pk}").data
    rows = by_cluster["results"] if isinstance(by_cluster, dict) else by_cluster
    assert [r["indicator"] for r in rows] == [ind.other_cluster.pk]
    probe = _api(ind.user("cda_a1")).get(f"/api/indicator-values/?cluster={ind.world.a2.pk}")
    assert probe.status_code == 400  # another cluster reads as an unknown id
    assert coord.get("/api/indicator-values/?status=submitted").status_code == 200


def test_period_locks_and_evidence(ind):
    from tests.conftest import pdf

    period = ended(ind.number, back=1)
    data = {
        "project": ind.world.project_a.pk,
        "period_start": period.key,
        "period_end": period.end.isoformat(),
        "locked": True,
        "reason": "Closed",
    }
    assert (
        _api(ind.user("cda_a1")).post("/api/period-locks/", data, format="json").status_code == 403
    )
    assert (
        _api(ind.user("coord_a")).post("/api/period-locks/", data, format="json").status_code == 201
    )
    value = submitted(ind.by_sex, ind.user("cda_a1"), women=1, men=1)
    cda = _api(ind.user("cda_a1"))
    up = cda.post(
        "/api/indicator-value-evidence/",
        {"indicator_value": value.pk, "file": pdf("sheet.pdf")},
        format="multipart",
    )
    assert up.status_code == 201, up.data
    assert cda.get(f"/api/indicator-value-evidence/{up.data['id']}/download/").status_code == 200
