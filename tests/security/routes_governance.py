"""Matrix rows for phase 2 (governance app): CDA appointments, the Cluster Commission
and Steering Committee, members, meetings, minutes, decisions, hand-over, and their API
(uploads sent as multipart/form-data, governance health)."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import (
    AppointmentKind,
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    CDAAppointment,
    Decision,
    HandOver,
    Meeting,
)

from .matrix import (
    CLUSTER_A1_READ,
    CLUSTER_A1_WORK,
    PROJECT_A_MANAGE,
    PROJECT_A_OBJECT_REPORT,
    Case,
    api,
    expect,
    with_status,
)

# A coordinator-only action on cluster A1 (another cluster's CDA does not see A1).
CLUSTER_A1_MANAGE = expect(403, admin=200, coord_a=200, cda_a2=404, coord_b=404, anon=302)
# The Steering Committee of project A: project-wide, so cluster roles do not see it.
STEERING_A_READ = PROJECT_A_OBJECT_REPORT
STEERING_A_WORK = expect(404, admin=200, coord_a=200, steer_a=403, anon=302)
API_SIGNED_IN = expect(200, anon=401)
# POST to a list endpoint about A1: a related id outside the user's scope "does not exist".
API_A1_CREATE_WORK = expect(
    403, admin=201, coord_a=201, cda_a1=201, cda_a2=400, coord_b=400, anon=401
)
API_A1_CREATE_MANAGE = expect(403, admin=201, coord_a=201, cda_a2=400, coord_b=400, anon=401)


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


def _appointment(w):
    if "appointment" not in w.extra:
        appointment = CDAAppointment.objects.create(
            cluster=w.a1,
            kind=AppointmentKind.LEAD,
            user=w.users["cda_a1"],
            role_assignment=w.users["cda_a1"].role_assignments.get(),
        )
        appointment.terms_file.save("tor.pdf", ContentFile(b"%PDF-1.4 tor"), save=True)
        w.extra["appointment"] = appointment
    return w.extra["appointment"]


def _hand_over(w):
    if "hand_over" not in w.extra:
        w.extra["hand_over"] = HandOver.objects.create(
            cluster=w.a1,
            recipient_name="Chambre de commerce",
            recipient_kind="local_institution",
            handed_over_on=datetime.date(2026, 1, 1),
            cda_withdrawal_on=datetime.date(2026, 1, 31),
        )
    return w.extra["hand_over"]


APPOINTMENT_FORM = {"kind": "team_member", "username": "cda_a2", "starts_on": "2026-01-01"}
MEMBER_FORM = {"name": "Ibrahima Fall", "represents": "Shoemakers", "role": "member", "sex": "man"}
MEETING_FORM = {"held_on": "2025-04-01", "place": "Thiès", "other_women": "2", "other_men": "1"}
DECISION_FORM = {"text": "Visit the tannery", "responsible": "Awa", "due_on": "2025-05-01"}
HAND_OVER_FORM = {
    "recipient_name": "Chambre de commerce",
    "recipient_kind": "local_institution",
    "handed_over_on": "2026-01-01",
    "cda_withdrawal_on": "2026-01-31",
}


def _posted(shape):
    return with_status(shape, 200, 302)


def _pdf(name="minutes.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 document", content_type="application/pdf")


COMMISSION_NEW = "/clusters/{}/commission/{}/new/"
STEERING_NEW = "/projects/{}/steering-committee/{}/new/"


CASES = [
    # Appointments
    Case("cluster-appointments", lambda w: f"/clusters/{w.a1.pk}/appointments/", CLUSTER_A1_READ),
    Case(
        "cluster-appointments",
        lambda w: f"/clusters/{w.a1.pk}/appointments/",
        _posted(CLUSTER_A1_MANAGE),
        method="post",
        data=lambda w: APPOINTMENT_FORM,
    ),
    # Ending asks first: GET shows what ends and for whom, POST ends it.
    Case(
        "appointment-end",
        lambda w: f"/appointments/{_appointment(w).pk}/end/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "appointment-end",
        lambda w: f"/appointments/{_appointment(w).pk}/end/",
        _posted(CLUSTER_A1_MANAGE),
        method="post",
    ),
    Case(
        "role-assignment-end",
        lambda w: (
            f"/projects/{w.project_a.pk}/people/{w.users['cda_a2'].role_assignments.get().pk}/end/"
        ),
        PROJECT_A_MANAGE,
    ),
    # The project's only coordinator cannot be ended: the confirmation page says why (200).
    Case(
        "role-assignment-end",
        lambda w: (
            f"/projects/{w.project_a.pk}/people/{w.users['coord_a'].role_assignments.get().pk}/end/"
        ),
        PROJECT_A_MANAGE,
        method="post",
        label="last-coordinator",
    ),
    Case(
        "appointment-terms",
        lambda w: f"/appointments/{_appointment(w).pk}/terms/",
        CLUSTER_A1_READ,
    ),
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
    # Hand-over
    Case("cluster-hand-over", lambda w: f"/clusters/{w.a1.pk}/hand-over/", CLUSTER_A1_MANAGE),
    Case(
        "cluster-hand-over",
        lambda w: f"/clusters/{w.a1.pk}/hand-over/",
        _posted(CLUSTER_A1_MANAGE),
        method="post",
        data=lambda w: HAND_OVER_FORM,
    ),
    # API
    Case("api-cda-appointment-list", lambda w: "/api/cda-appointments/", API_SIGNED_IN),
    Case(
        "api-cda-appointment-list",
        lambda w: "/api/cda-appointments/",
        API_A1_CREATE_MANAGE,
        method="post",
        json=True,
        data=lambda w: {**APPOINTMENT_FORM, "cluster": w.a1.pk, "user": "cda_a2"},
    ),
    Case(
        "api-cda-appointment-list",
        lambda w: "/api/cda-appointments/",
        API_A1_CREATE_MANAGE,
        method="post",
        data=lambda w: {
            **APPOINTMENT_FORM,
            "cluster": w.a1.pk,
            "user": "cda_a2",
            "terms_file": _pdf("tor.pdf"),
        },
        label="multipart-terms",
    ),
    Case(
        "api-cda-appointment-detail",
        lambda w: f"/api/cda-appointments/{_appointment(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    Case(
        "api-cda-appointment-end",
        lambda w: f"/api/cda-appointments/{_appointment(w).pk}/end/",
        api(CLUSTER_A1_MANAGE),
        method="post",
        json=True,
        data=lambda w: {},
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
            "minutes_file": _pdf(),
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
    Case("api-hand-over-list", lambda w: "/api/hand-overs/", API_SIGNED_IN),
    Case(
        "api-hand-over-list",
        lambda w: "/api/hand-overs/",
        API_A1_CREATE_MANAGE,
        method="post",
        json=True,
        data=lambda w: {**HAND_OVER_FORM, "cluster": w.a1.pk},
    ),
    Case(
        "api-hand-over-detail",
        lambda w: f"/api/hand-overs/{_hand_over(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
]

# Full updates (PUT) answer like partial ones.
CASES += [
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
