"""Matrix rows for governance bodies: the Cluster Commission and Steering Committee,
members, meetings, minutes, decisions, and their API (uploads sent as multipart/form-data,
governance health)."""

import datetime

from django.core.files.base import ContentFile

from governance.models import (
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    Meeting,
)
from tests.conftest import pdf
from tests.security.matrix import (
    API_SIGNED_IN,
    CLUSTER_A1_READ,
    CLUSTER_A1_WORK,
    PROJECT_A_MANAGE,
    PROJECT_A_OBJECT_REPORT,
    Case,
    api,
    expect,
    with_status,
)

# The Steering Committee of project A: project-wide, so cluster roles do not see it.
STEERING_A_READ = PROJECT_A_OBJECT_REPORT

STEERING_A_WORK = expect(404, admin=200, coord_a=200, steer_a=403, anon=302)

# POST to a list endpoint about A1: a related id outside the user's scope "does not exist".
API_A1_CREATE_WORK = expect(
    403, admin=201, coord_a=201, cda_a1=201, cda_a2=400, coord_b=400, anon=401
)


def _commission(w):
    if "commission" not in w.extra:
        w.extra["commission"] = Body.objects.create(
            kind=BodyKind.COMMISSION, project=w.project_a, cluster=w.a1
        )
    return w.extra["commission"]


def _steering(w):
    if "steering" not in w.extra:
        w.extra["steering"] = Body.objects.create(kind=BodyKind.STEERING, project=w.project_a)
    return w.extra["steering"]


def _member(w):
    if "member" not in w.extra:
        w.extra["member"] = BodyMember.objects.create(
            body=_commission(w), name="Awa Ba", represents="Tanners", sex="woman"
        )
    return w.extra["member"]


def _meeting(w):
    if "meeting" not in w.extra:
        meeting = Meeting.objects.create(
            body=_commission(w), held_on=datetime.date(2025, 3, 1), place="Thiès", other_men=2
        )
        Attendance.objects.create(meeting=meeting, member=_member(w))
        meeting.minutes_file.save("minutes.pdf", ContentFile(b"%PDF-1.4 minutes"), save=True)
        w.extra["meeting"] = meeting
    return w.extra["meeting"]


def _decision(w):
    if "decision" not in w.extra:
        w.extra["decision"] = Decision.objects.create(
            meeting=_meeting(w), text="Buy hides together", responsible="CDA"
        )
    return w.extra["decision"]


MEMBER_FORM = {"name": "Ibrahima Fall", "represents": "Shoemakers", "role": "member", "sex": "man"}

MEETING_FORM = {"held_on": "2025-04-01", "place": "Thiès", "other_women": "2", "other_men": "1"}

DECISION_FORM = {"text": "Visit the tannery", "responsible": "Awa", "due_on": "2025-05-01"}


def _posted(shape):
    return with_status(shape, 200, 302)


COMMISSION_NEW = "/clusters/{}/commission/{}/new/"

STEERING_NEW = "/projects/{}/steering-committee/{}/new/"


CASES = [
    # Bodies and members
    Case("cluster-commission", lambda w: f"/clusters/{w.a1.pk}/commission/", CLUSTER_A1_READ),
    Case(
        "project-steering",
        lambda w: f"/projects/{w.project_a.pk}/steering-committee/",
        STEERING_A_READ,
    ),
    Case(
        "member-create",
        lambda w: f"/bodies/{_commission(w).pk}/members/new/",
        CLUSTER_A1_WORK,
    ),
    Case(
        "member-create",
        lambda w: f"/bodies/{_commission(w).pk}/members/new/",
        _posted(CLUSTER_A1_WORK),
        method="post",
        data=lambda w: MEMBER_FORM,
    ),
    Case(
        "member-create",
        lambda w: f"/bodies/{_steering(w).pk}/members/new/",
        _posted(STEERING_A_WORK),
        method="post",
        data=lambda w: MEMBER_FORM,
        label="steering",
    ),
    # Before a body exists (reading creates none), its first member or meeting is added
    # by its cluster (Commission) or project (Steering Committee); that write creates it.
    Case(
        "commission-member-create",
        lambda w: COMMISSION_NEW.format(w.a1.pk, "members"),
        CLUSTER_A1_WORK,
    ),
    Case(
        "commission-member-create",
        lambda w: COMMISSION_NEW.format(w.a1.pk, "members"),
        _posted(CLUSTER_A1_WORK),
        method="post",
        data=lambda w: MEMBER_FORM,
    ),
    Case(
        "commission-meeting-create",
        lambda w: COMMISSION_NEW.format(w.a1.pk, "meetings"),
        CLUSTER_A1_WORK,
    ),
    Case(
        "commission-meeting-create",
        lambda w: COMMISSION_NEW.format(w.a1.pk, "meetings"),
        _posted(CLUSTER_A1_WORK),
        method="post",
        data=lambda w: MEETING_FORM,
    ),
    Case(
        "steering-member-create",
        lambda w: STEERING_NEW.format(w.project_a.pk, "members"),
        STEERING_A_WORK,
    ),
    Case(
        "steering-member-create",
        lambda w: STEERING_NEW.format(w.project_a.pk, "members"),
        _posted(STEERING_A_WORK),
        method="post",
        data=lambda w: MEMBER_FORM,
    ),
    Case(
        "steering-meeting-create",
        lambda w: STEERING_NEW.format(w.project_a.pk, "meetings"),
        STEERING_A_WORK,
    ),
    Case(
        "steering-meeting-create",
        lambda w: STEERING_NEW.format(w.project_a.pk, "meetings"),
        _posted(STEERING_A_WORK),
        method="post",
        data=lambda w: MEETING_FORM,
    ),
    Case("member-edit", lambda w: f"/members/{_member(w).pk}/edit/", CLUSTER_A1_WORK),
    Case(
        "member-edit",
        lambda w: f"/members/{_member(w).pk}/edit/",
        _posted(CLUSTER_A1_WORK),
        method="post",
        data=lambda w: {**MEMBER_FORM, "name": "Awa Ba"},
    ),
    # Meetings
    Case(
        "meeting-create",
        lambda w: f"/bodies/{_commission(w).pk}/meetings/new/",
        CLUSTER_A1_WORK,
    ),
    Case(
        "meeting-create",
        lambda w: f"/bodies/{_commission(w).pk}/meetings/new/",
        _posted(CLUSTER_A1_WORK),
        method="post",
        data=lambda w: {**MEETING_FORM, "members_present": [_member(w).pk]},
    ),
    Case(
        "meeting-create",
        lambda w: f"/bodies/{_steering(w).pk}/meetings/new/",
        _posted(STEERING_A_WORK),
        method="post",
        data=lambda w: MEETING_FORM,
        label="steering",
    ),
    Case("meeting-detail", lambda w: f"/meetings/{_meeting(w).pk}/", CLUSTER_A1_READ),
    Case("meeting-edit", lambda w: f"/meetings/{_meeting(w).pk}/edit/", CLUSTER_A1_WORK),
    Case(
        "meeting-edit",
        lambda w: f"/meetings/{_meeting(w).pk}/edit/",
        _posted(CLUSTER_A1_WORK),
        method="post",
        data=lambda w: {**MEETING_FORM, "members_present": [_member(w).pk]},
    ),
    Case("meeting-minutes", lambda w: f"/meetings/{_meeting(w).pk}/minutes/", CLUSTER_A1_READ),
    # Decisions
    Case(
        "decision-create",
        lambda w: f"/meetings/{_meeting(w).pk}/decisions/new/",
        CLUSTER_A1_WORK,
    ),
    Case(
        "decision-create",
        lambda w: f"/meetings/{_meeting(w).pk}/decisions/new/",
        _posted(CLUSTER_A1_WORK),
        method="post",
        data=lambda w: DECISION_FORM,
    ),
    Case(
        "decision-status",
        lambda w: f"/meeting-decisions/{_decision(w).pk}/status/",
        _posted(CLUSTER_A1_WORK),
        method="post",
        data=lambda w: {"status": "done"},
    ),
    Case(
        "cluster-decisions",
        lambda w: f"/clusters/{w.a1.pk}/open-decisions/",
        CLUSTER_A1_READ,
        setup=_decision,
    ),
    Case(
        "project-decisions",
        lambda w: f"/projects/{w.project_a.pk}/open-decisions/",
        PROJECT_A_MANAGE,
        setup=_decision,
    ),
    Case("api-body-list", lambda w: "/api/governance-bodies/", API_SIGNED_IN),
    Case(
        "api-body-list",
        lambda w: "/api/governance-bodies/",
        API_A1_CREATE_WORK,
        method="post",
        json=True,
        data=lambda w: {"cluster": w.a1.pk},
    ),
    Case(
        "api-body-detail",
        lambda w: f"/api/governance-bodies/{_commission(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    Case(
        "api-body-health",
        lambda w: f"/api/governance-bodies/{_commission(w).pk}/health/",
        api(CLUSTER_A1_READ),
        setup=_decision,
    ),
    Case(
        "api-body-health",
        lambda w: f"/api/governance-bodies/{_steering(w).pk}/health/",
        api(STEERING_A_READ),
        label="steering",
    ),
    Case("api-body-member-list", lambda w: "/api/body-members/", API_SIGNED_IN),
    Case(
        "api-body-member-list",
        lambda w: "/api/body-members/",
        API_A1_CREATE_WORK,
        method="post",
        json=True,
        data=lambda w: {**MEMBER_FORM, "body": _commission(w).pk},
    ),
    Case(
        "api-body-member-detail",
        lambda w: f"/api/body-members/{_member(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    Case(
        "api-body-member-detail",
        lambda w: f"/api/body-members/{_member(w).pk}/",
        api(CLUSTER_A1_WORK),
        method="patch",
        json=True,
        data=lambda w: {"represents": "Tanners' union"},
    ),
    Case("api-meeting-list", lambda w: "/api/meetings/", API_SIGNED_IN),
    Case(
        "api-meeting-list",
        lambda w: "/api/meetings/",
        API_A1_CREATE_WORK,
        method="post",
        json=True,
        data=lambda w: {
            "body": _commission(w).pk,
            "held_on": "2025-04-01",
            "members_present": [_member(w).pk],
            "other_women": 1,
            "other_men": 0,
        },
    ),
    Case(
        "api-meeting-list",
        lambda w: "/api/meetings/",
        API_A1_CREATE_WORK,
        method="post",
        data=lambda w: {
            "body": _commission(w).pk,
            "held_on": "2025-04-01",
            "members_present": [_member(w).pk],
            "minutes_file": pdf(),
        },
        label="multipart-minutes",
    ),
    Case("api-meeting-detail", lambda w: f"/api/meetings/{_meeting(w).pk}/", api(CLUSTER_A1_READ)),
    Case(
        "api-meeting-detail",
        lambda w: f"/api/meetings/{_meeting(w).pk}/",
        api(CLUSTER_A1_WORK),
        method="patch",
        json=True,
        data=lambda w: {"place": "Chambre de commerce", "other_women": 4},
    ),
    Case("api-meeting-decision-list", lambda w: "/api/meeting-decisions/", API_SIGNED_IN),
    Case(
        "api-meeting-decision-list",
        lambda w: "/api/meeting-decisions/",
        API_A1_CREATE_WORK,
        method="post",
        json=True,
        data=lambda w: {**DECISION_FORM, "meeting": _meeting(w).pk},
    ),
    Case(
        "api-meeting-decision-detail",
        lambda w: f"/api/meeting-decisions/{_decision(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    Case(
        "api-meeting-decision-detail",
        lambda w: f"/api/meeting-decisions/{_decision(w).pk}/",
        api(CLUSTER_A1_WORK),
        method="patch",
        json=True,
        data=lambda w: {"status": "done"},
    ),
    # Full updates (PUT) answer like partial ones.
    Case(
        "api-body-member-detail",
        lambda w: f"/api/body-members/{_member(w).pk}/",
        api(CLUSTER_A1_WORK),
        method="put",
        json=True,
        data=lambda w: {
            "body": _commission(w).pk,
            "name": "Awa Ba",
            "represents": "Tanners' union",
            "role": "chair",
            "sex": "woman",
        },
    ),
    Case(
        "api-meeting-detail",
        lambda w: f"/api/meetings/{_meeting(w).pk}/",
        api(CLUSTER_A1_WORK),
        method="put",
        json=True,
        data=lambda w: {"body": _commission(w).pk, "held_on": "2025-03-01", "place": "Mairie"},
    ),
    Case(
        "api-meeting-decision-detail",
        lambda w: f"/api/meeting-decisions/{_decision(w).pk}/",
        api(CLUSTER_A1_WORK),
        method="put",
        json=True,
        data=lambda w: {"meeting": _meeting(w).pk, "text": "Buy hides together", "status": "done"},
    ),
]
