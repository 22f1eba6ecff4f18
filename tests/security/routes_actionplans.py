"""Matrix rows for action plans: field activities (pages and API), their corrections,
and the offline field log's service worker."""

import datetime

from django.utils import timezone

from actionplans.models import FieldActivity
from tests.security.matrix import (
    API_SIGNED_IN,
    CLUSTER_A1_READ,
    CLUSTER_A1_WORK,
    Case,
    api,
    expect,
    with_status,
)


def _activity(w):
    if "activity" not in w.extra:
        w.extra["activity"] = FieldActivity.objects.create(
            cluster=w.a1, occurred_on="2025-03-01", kind="visit", summary="Visit", women=1, men=1
        )
    return w.extra["activity"]


def _own_activity(w):
    """An entry cda_a1 logged two days ago: within the correction window."""
    if "own_activity" not in w.extra:
        w.extra["own_activity"] = FieldActivity.objects.create(
            cluster=w.a1,
            occurred_on=timezone.localdate() - datetime.timedelta(days=2),
            kind="visit",
            summary="Visit",
            women=1,
            men=1,
            recorded_by=w.users["cda_a1"],
        )
    return w.extra["own_activity"]


def _correction(w):
    activity = _own_activity(w)
    return {**ACTIVITY_FORM, "occurred_on": activity.occurred_on.isoformat(), "men": "5"}


ACTIVITY_FORM = {
    "occurred_on": "2025-03-01",
    "kind": "meeting",
    "location": "Thiès",
    "summary": "Met the association",
    "women": "3",
    "men": "4",
}


CASES = [
    # Field activity
    Case("activity-list", lambda w: f"/clusters/{w.a1.pk}/activities/", CLUSTER_A1_READ),
    Case("activity-create", lambda w: f"/clusters/{w.a1.pk}/activities/new/", CLUSTER_A1_WORK),
    Case(
        "activity-create",
        lambda w: f"/clusters/{w.a1.pk}/activities/new/",
        with_status(CLUSTER_A1_WORK, 200, 302),
        method="post",
        data=lambda w: ACTIVITY_FORM,
    ),
    Case("api-field-activity-list", lambda w: "/api/field-activities/", API_SIGNED_IN),
    Case(
        "api-field-activity-list",
        lambda w: "/api/field-activities/",
        expect(403, admin=201, coord_a=201, cda_a1=201, cda_a2=400, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {**ACTIVITY_FORM, "cluster": w.a1.pk, "women": 3, "men": 4},
    ),
    Case(
        "api-field-activity-detail",
        lambda w: f"/api/field-activities/{_activity(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    # Corrections: the entry's CDA (within 30 days of its date) or the coordinator.
    Case(
        "activity-edit",
        lambda w: f"/clusters/{w.a1.pk}/activities/{_own_activity(w).pk}/edit/",
        CLUSTER_A1_WORK,
    ),
    Case(
        "activity-edit",
        lambda w: f"/clusters/{w.a1.pk}/activities/{_own_activity(w).pk}/edit/",
        with_status(CLUSTER_A1_WORK, 200, 302),
        method="post",
        data=_correction,
    ),
    Case(
        "activity-withdraw",
        lambda w: f"/clusters/{w.a1.pk}/activities/{_own_activity(w).pk}/withdraw/",
        CLUSTER_A1_WORK,
    ),
    Case(
        "activity-withdraw",
        lambda w: f"/clusters/{w.a1.pk}/activities/{_own_activity(w).pk}/withdraw/",
        with_status(CLUSTER_A1_WORK, 200, 302),
        method="post",
        data=lambda w: {"withdraw_reason": "Logged twice"},
    ),
    *[
        Case(
            "api-field-activity-detail",
            lambda w: f"/api/field-activities/{_own_activity(w).pk}/",
            api(CLUSTER_A1_WORK),
            method=method,
            json=True,
            data=lambda w: {**_correction(w), "women": 2, "men": 5},
        )
        for method in ("put", "patch")
    ],
    Case(
        "api-field-activity-withdraw",
        lambda w: f"/api/field-activities/{_own_activity(w).pk}/withdraw/",
        api(CLUSTER_A1_WORK),
        method="post",
        json=True,
        data=lambda w: {"reason": "Logged twice"},
    ),
    # The service worker holds no data: everyone, signed in or not, may fetch it.
    Case("service-worker", lambda w: "/sw.js", expect(200)),
]
