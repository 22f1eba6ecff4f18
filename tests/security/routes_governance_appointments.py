"""Matrix rows for governance appointments: CDA appointments (terms of reference,
ending them) and the hand-over, pages and API."""

import datetime

from django.core.files.base import ContentFile

from governance.models import (
    AppointmentKind,
    CDAAppointment,
    HandOver,
)
from tests.conftest import pdf
from tests.security.matrix import (
    API_SIGNED_IN,
    CLUSTER_A1_MANAGE,
    CLUSTER_A1_READ,
    Case,
    api,
    expect,
    with_status,
)

API_A1_CREATE_MANAGE = expect(403, admin=201, coord_a=201, cda_a2=400, coord_b=400, anon=401)


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


APPOINTMENT_FORM = {"kind": "team_member", "starts_on": "2026-01-01"}

HAND_OVER_FORM = {
    "recipient_name": "Chambre de commerce",
    "recipient_kind": "local_institution",
    "handed_over_on": "2026-01-01",
    "cda_withdrawal_on": "2026-01-31",
}


def _posted(shape):
    return with_status(shape, 200, 302)


CASES = [
    # Appointments
    Case("cluster-appointments", lambda w: f"/clusters/{w.a1.pk}/appointments/", CLUSTER_A1_READ),
    Case(
        "cluster-appointments",
        lambda w: f"/clusters/{w.a1.pk}/appointments/",
        _posted(CLUSTER_A1_MANAGE),
        method="post",
        data=lambda w: {**APPOINTMENT_FORM, "user": w.users["cda_a2"].pk},
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
        "appointment-terms",
        lambda w: f"/appointments/{_appointment(w).pk}/terms/",
        CLUSTER_A1_READ,
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
            "terms_file": pdf("tor.pdf"),
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
