"""Demo data for governance: CDA appointments, the leather cluster's Commission with a
meeting, attendance and decisions, and the project's Steering Committee.

Idempotent: running it again changes nothing. The demo CDAs already hold their CDA
role (load_demo grants it); their appointments link that role instead of granting
another one.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from .audit import actor_context
from .models import (
    AppointmentKind,
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    CDAAppointment,
    Decision,
    DecisionStatus,
    Meeting,
    MemberRole,
    Role,
    RoleAssignment,
    Sex,
)

LEATHER = "Thiès Leather Cluster"

COMMISSION_MEMBERS = [
    # name, represents, role, sex, username
    ("Awa Ba", "Association des maroquiniers de Thiès", MemberRole.CHAIR, Sex.WOMAN, "commission"),
    ("Ibrahima Fall", "Cordonniers du marché central", MemberRole.MEMBER, Sex.MAN, None),
    ("Mariama Diop", "Groupement de femmes tanneuses", MemberRole.MEMBER, Sex.WOMAN, None),
    ("Cheikh Sarr", "Chambre de commerce de Thiès", MemberRole.MEMBER, Sex.MAN, None),
    ("Ndeye Faye", "Centre de formation professionnelle", MemberRole.SECRETARY, Sex.WOMAN, None),
    ("Ousmane Gueye", "Caisse de crédit mutuel", MemberRole.MEMBER, Sex.MAN, None),
]

STEERING_MEMBERS = [
    ("Kwame Mensah", "Donor", MemberRole.MEMBER, Sex.MAN, "steering"),
    ("Aïssatou Sy", "Ministry of Industry", MemberRole.CHAIR, Sex.WOMAN, None),
    ("Amina Diallo", "Project Coordination Unit", MemberRole.SECRETARY, Sex.WOMAN, "coordinator"),
]


def _appoint(user: Any, actor: Any) -> None:
    """Link the demo CDA's existing role to an appointment (no second role)."""
    if user is None:
        return
    role = (
        RoleAssignment.objects.active()
        .filter(user=user, role=Role.CDA, cluster__isnull=False)
        .select_related("cluster")
        .first()
    )
    if role is None or CDAAppointment.objects.filter(cluster=role.cluster, user=user).exists():
        return
    CDAAppointment.objects.create(
        cluster=role.cluster,
        kind=AppointmentKind.LEAD,
        user=user,
        starts_on=role.starts_on,
        terms_of_reference=(
            "Facilitate the cluster's Commission, the diagnostic and the action plan; "
            "build trust and joint actions; prepare the hand-over to local institutions."
        ),
        role_assignment=role,
        created_by=actor,
    )


def _members(body: Body, rows: list, users: dict[str, Any]) -> dict[str, BodyMember]:
    today = timezone.localdate()
    members = {}
    for name, represents, role, sex, username in rows:
        members[name], _ = BodyMember.objects.get_or_create(
            body=body,
            name=name,
            defaults={
                "represents": represents,
                "role": role,
                "sex": sex,
                "user": users.get(username) if username else None,
                "starts_on": today - datetime.timedelta(days=120),
            },
        )
    return members


def extend_demo(*, project: Any, clusters: dict[str, Any], users: dict[str, Any]) -> None:
    actor = users.get("coordinator") or users.get("admin")
    today = timezone.localdate()
    with transaction.atomic(), actor_context(actor):
        for username in ("cda", "cda2"):
            _appoint(users.get(username), actor)

        leather = clusters.get(LEATHER)
        if leather is not None:
            commission, _ = Body.objects.get_or_create(
                kind=BodyKind.COMMISSION, project=project, cluster=leather
            )
            members = _members(commission, COMMISSION_MEMBERS, users)
            if not commission.meetings.exists():
                meeting = Meeting.objects.create(
                    body=commission,
                    held_on=today - datetime.timedelta(days=40),
                    place="Chambre de commerce, Thiès",
                    agenda="1. Joint purchase of hides\n2. Training needs\n3. Next steps",
                    minutes=(
                        "The Commission agreed to explore joint purchase of hides and asked "
                        "the CDA to collect prices from three suppliers."
                    ),
                    other_women=3,
                    other_men=2,
                    recorded_by=users.get("cda"),
                )
                for name in ("Awa Ba", "Ibrahima Fall", "Mariama Diop", "Ndeye Faye"):
                    Attendance.objects.create(meeting=meeting, member=members[name])
                for text, responsible, days, status in [
                    ("Collect hide prices from three suppliers", "CDA", -20, DecisionStatus.DONE),
                    ("Survey members' training needs", "Ndeye Faye", -5, DecisionStatus.OPEN),
                    ("Draft a joint purchase agreement", "Awa Ba", 30, DecisionStatus.OPEN),
                ]:
                    Decision.objects.create(
                        meeting=meeting,
                        text=text,
                        responsible=responsible,
                        due_on=today + datetime.timedelta(days=days),
                        status=status,
                    )

        steering, _ = Body.objects.get_or_create(kind=BodyKind.STEERING, project=project)
        _members(steering, STEERING_MEMBERS, users)
