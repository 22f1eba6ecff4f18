"""Writes about the Cluster Commissions and Steering Committees: bodies, members,
meetings (with attendance) and decisions."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import Action, authorize, authorize_body
from ..audit import actor_context, assign_fields, validated_save
from ..concurrency import locked_unchanged
from ..models import (
    NO_USER_IN_PROJECT,
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    DecisionStatus,
    Meeting,
    User,
)


def _body_ensure(*, actor: User, kind: str, project: Any, cluster: Any = None) -> Body:
    with transaction.atomic(), actor_context(actor):
        body = Body.objects.filter(kind=kind, project=project, cluster=cluster).first()
        if body is None:
            try:
                with transaction.atomic():
                    body = Body.objects.create(kind=kind, project=project, cluster=cluster)
            except IntegrityError:  # created meanwhile by someone else
                body = Body.objects.get(kind=kind, project=project, cluster=cluster)
    return body


def _saved_body(*, actor: User, body: Body) -> Body:
    """The body itself, or (not created yet) the body created now, on its first write."""
    if body.pk is not None:
        return body
    return _body_ensure(actor=actor, kind=body.kind, project=body.project, cluster=body.cluster)


def commission_ensure(*, actor: User, cluster: Any) -> Body:
    """The cluster's Commission, created if needed: a write (CDA or coordinator).
    Pages read ``selectors.commission_of``, which creates nothing."""
    authorize(actor, Action.WORK, cluster)
    return _body_ensure(
        actor=actor, kind=BodyKind.COMMISSION, project=cluster.project, cluster=cluster
    )


def steering_committee_ensure(*, actor: User, project: Any) -> Body:
    """The project's Steering Committee, created if needed: a write (coordinator).
    Pages read ``selectors.steering_committee_of``, which creates nothing."""
    authorize(actor, Action.WORK, project)
    return _body_ensure(actor=actor, kind=BodyKind.STEERING, project=project)


MEMBER_FIELDS = ("name", "represents", "role", "sex", "user", "starts_on", "ends_on")


def _check_member_user(body: Body, user: User | None, *, current_id: int | None = None) -> None:
    """A member's user account is someone holding a role in the body's project (a
    link kept unchanged on an edit stays allowed)."""
    from ..roles.selectors import project_users

    if user is None or user.pk == current_id:
        return
    if not project_users(project=body.project).filter(pk=user.pk).exists():
        raise ValidationError({"user": NO_USER_IN_PROJECT})


def body_member_create(*, actor: User, body: Body, **fields: Any) -> BodyMember:
    """Add a member. A body not created yet is created now, with its first member."""
    authorize_body(actor, Action.WORK, body)
    member = BodyMember(body=body, **{k: v for k, v in fields.items() if k in MEMBER_FIELDS})
    if member.starts_on is None:
        member.starts_on = timezone.localdate()
    member.full_clean(exclude=None if body.pk else ["body"])
    _check_member_user(body, member.user)
    with transaction.atomic(), actor_context(actor):
        member.body = _saved_body(actor=actor, body=body)
        member.save()
    return member


def body_member_update(
    *, actor: User, member: BodyMember, seen_updated_at: Any = None, **fields: Any
) -> BodyMember:
    authorize(actor, Action.WORK, member)
    with transaction.atomic(), actor_context(actor):
        member = locked_unchanged(
            BodyMember.objects.select_related("body__project"), member.pk, seen_updated_at
        )
        current_user_id = member.user_id
        assign_fields(member, fields, MEMBER_FIELDS)
        member.full_clean()
        _check_member_user(member.body, member.user, current_id=current_user_id)
        member.save()
    return member


MEETING_FIELDS = ("held_on", "place", "agenda", "minutes", "other_women", "other_men")


def _check_attendance(body: Body, members: Any) -> list[BodyMember]:
    members = list(members or [])
    strangers = [m for m in members if m.body_id != body.pk]
    if strangers:
        raise ValidationError(
            {
                "members_present": _("Not members of this body: %(names)s.")
                % {"names": ", ".join(str(m) for m in strangers)}
            }
        )
    return members


def _set_attendance(meeting: Meeting, members: list[BodyMember]) -> None:
    wanted = {m.pk for m in members}
    current = set(meeting.attendances.values_list("member_id", flat=True))
    for attendance in meeting.attendances.filter(member_id__in=current - wanted):
        attendance.delete()  # one by one, so each removal is audited
    for member_id in sorted(wanted - current):
        Attendance.objects.create(meeting=meeting, member_id=member_id)


def meeting_create(
    *,
    actor: User,
    body: Body,
    held_on: datetime.date,
    members_present: Any = (),
    minutes_file: Any = None,
    **fields: Any,
) -> Meeting:
    """Record a meeting. A body not created yet is created now, with its first meeting."""
    authorize_body(actor, Action.WORK, body)
    members = _check_attendance(body, members_present)
    meeting = Meeting(
        body=body,
        held_on=held_on,
        recorded_by=actor,
        **{k: v for k, v in fields.items() if k in MEETING_FIELDS},
    )
    if minutes_file:
        meeting.minutes_file = minutes_file
    meeting.full_clean(exclude=None if body.pk else ["body"])
    with transaction.atomic(), actor_context(actor):
        meeting.body = _saved_body(actor=actor, body=body)
        meeting.save()
        _set_attendance(meeting, members)
    return meeting


_UNCHANGED = object()


def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    seen_updated_at: Any = None,
    members_present: Any = _UNCHANGED,
    minutes_file: Any = _UNCHANGED,
    **fields: Any,
) -> Meeting:
    """Edit a meeting; a stale edit (someone saved meanwhile) is refused."""
    authorize(actor, Action.WORK, meeting)
    with transaction.atomic(), actor_context(actor):
        meeting = locked_unchanged(
            Meeting.objects.select_related("body"), meeting.pk, seen_updated_at
        )
        assign_fields(meeting, fields, MEETING_FIELDS)
        if minutes_file is not _UNCHANGED:
            meeting.minutes_file = minutes_file or ""
        meeting.full_clean()
        members = (
            None
            if members_present is _UNCHANGED
            else _check_attendance(meeting.body, members_present)
        )
        meeting.save()
        if members is not None:
            _set_attendance(meeting, members)
    return meeting


def decision_create(
    *,
    actor: User,
    meeting: Meeting,
    text: str,
    responsible: str = "",
    due_on: datetime.date | None = None,
    status: str = DecisionStatus.OPEN,
) -> Decision:
    authorize(actor, Action.WORK, meeting)
    decision = Decision(
        meeting=meeting, text=text, responsible=responsible or "", due_on=due_on, status=status
    )
    return validated_save(decision, actor=actor)


def decision_update(
    *, actor: User, decision: Decision, seen_updated_at: Any = None, **fields: Any
) -> Decision:
    """Change a decision's follow-up (status, responsible, due date, text)."""
    authorize(actor, Action.WORK, decision)
    with transaction.atomic(), actor_context(actor):
        decision = locked_unchanged(Decision.objects, decision.pk, seen_updated_at)
        assign_fields(decision, fields, ("text", "responsible", "due_on", "status"))
        decision.full_clean()
        decision.save()
    return decision


def decision_record_endorsement(*, actor: User, meeting: Meeting, text: str) -> Decision:
    """Record on a Commission meeting that the Commission endorsed something (a progress
    report; later a diagnostic, a vision or an action plan): a decision already done,
    so it shows with the meeting's other decisions. The Commission's members hold
    ENDORSE, not WORK, hence this write beside ``decision_create``; the caller saves its
    endorsement in the same transaction."""
    authorize(actor, Action.ENDORSE, meeting)
    decision = Decision(meeting=meeting, text=text, status=DecisionStatus.DONE)
    return validated_save(decision, actor=actor)
