"""Matrix rows for action plans: field activities (pages and API)."""

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
]
