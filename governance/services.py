"""Writes about people and access: granting and ending roles.

Guardian object permissions are derived here from role assignments, in the same
transaction as the role change, so the two never disagree.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .access import ROLE_PERMISSIONS, Action, authorize, can, can_project_wide
from .audit import actor_context
from .concurrency import ensure_not_stale
from .models import (
    CLUSTER_ROLES,
    NO_USER_IN_PROJECT,
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    CDAAppointment,
    ClusterUserObjectPermission,
    Decision,
    DecisionStatus,
    HandOver,
    Meeting,
    ProjectUserObjectPermission,
    Role,
    RoleAssignment,
    User,
)


def role_grant(
    *,
    actor: User | None,
    user: User,
    role: str,
    project: Any = None,
    cluster: Any = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> RoleAssignment:
    if cluster is not None:
        project = cluster.project
    assignment = RoleAssignment(
        user=user,
        role=role,
        project=project,
        cluster=cluster if role in CLUSTER_ROLES else None,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if role in CLUSTER_ROLES and cluster is None:
        raise ValidationError({"cluster": _("A CDA or Commission role needs a cluster.")})
    if role == Role.CDA:
        # The CDA role is what makes a cluster's CDA "active" (phase 3); like an
        # appointment, it is for selected clusters only.
        _refuse_not_selected(cluster, field="cluster")
    assignment.full_clean()
    with transaction.atomic(), actor_context(actor):
        assignment.save()
        role_permissions_sync(user=user)
    return assignment


def last_coordinator_refusal(
    *, assignment: RoleAssignment, ends_on: datetime.date | None = None
) -> str | None:
    """The rule "a project keeps at least one active coordinator": why ending this role
    on ``ends_on`` (default today) is refused, or None when it may end.

    Ending a coordinator role that still applies on that day is refused when no other
    coordinator of the project (an active account) holds the role that day. ``role_end``
    checks it again under a lock on the project row; pages call it to show the refusal
    before anyone presses the button.
    """
    ends_on = ends_on or timezone.localdate()
    if assignment.role != Role.COORDINATOR or assignment.cluster_id is not None:
        return None
    still_applies = RoleAssignment.objects.active(ends_on).filter(pk=assignment.pk).exists()
    if not still_applies:
        return None
    others = (
        RoleAssignment.objects.active(ends_on)
        .filter(
            project_id=assignment.project_id,
            role=Role.COORDINATOR,
            cluster__isnull=True,
            user__is_active=True,
        )
        .exclude(pk=assignment.pk)
    )
    if others.exists():
        return None
    return _(
        "A project needs at least one active coordinator; appoint another coordinator "
        "before ending this role."
    )


def role_end(
    *, actor: User | None, assignment: RoleAssignment, ends_on: datetime.date | None = None
) -> RoleAssignment:
    """End a role. Ending it today (the default) removes access at once.

    A CDA role held through an appointment ends that appointment the same day, in
    the same transaction: the appointment and the access it gives never disagree.
    The project's last active coordinator cannot be ended (``last_coordinator_refusal``,
    checked under a lock on the project row, so two coordinators ending each other at
    the same moment cannot both pass).
    """
    ends_on = ends_on or timezone.localdate()
    with transaction.atomic(), actor_context(actor):
        if assignment.role == Role.COORDINATOR:
            # Coordinator ends queue on the project row (other roles need no lock there).
            project_model = RoleAssignment._meta.get_field("project").related_model
            project_model.objects.select_for_update().filter(pk=assignment.project_id).first()
        assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
        refusal = last_coordinator_refusal(assignment=assignment, ends_on=ends_on)
        if refusal:
            raise ValidationError(refusal)
        # Ending a role that already ended on or before that day changes nothing.
        if assignment.ends_on is None or assignment.ends_on > ends_on:
            if ends_on < assignment.starts_on:
                ends_on = assignment.starts_on  # a role that never started simply never applies
            assignment.ends_on = ends_on
            assignment.save(update_fields=["ends_on"])
            role_permissions_sync(user=assignment.user)
        _end_linked_appointment(assignment)
    return assignment


def _end_linked_appointment(assignment: RoleAssignment) -> None:
    """The appointment holding this role ends when the role does (not later)."""
    if assignment.ends_on is None:
        return
    appointment = (
        CDAAppointment.objects.select_for_update().filter(role_assignment_id=assignment.pk).first()
    )
    if appointment is None:
        return
    ends_on = max(assignment.ends_on, appointment.starts_on)
    if appointment.ends_on is None or appointment.ends_on > ends_on:
        appointment.ends_on = ends_on
        appointment.save(update_fields=["ends_on", "updated_at"])


def role_permissions_sync(*, user: User, on: datetime.date | None = None) -> None:
    """Make the user's guardian permissions match their current and upcoming role
    assignments. The access policy honours a row only while an assignment granting
    it is active, so start and end dates take effect on their day; this sync (and
    the nightly one) only keeps the table tidy."""
    with transaction.atomic():
        perms = {
            (p.content_type.app_label, p.codename): p.pk
            for p in Permission.objects.filter(content_type__app_label="clusters").select_related(
                "content_type"
            )
        }
        wanted_project: set[tuple[int, int]] = set()
        wanted_cluster: set[tuple[int, int]] = set()
        on = on or timezone.localdate()
        current_or_upcoming = RoleAssignment.objects.filter(user=user).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=on)
        )
        for a in current_or_upcoming:
            for codename in ROLE_PERMISSIONS[a.role]:
                perm_id = perms[("clusters", codename)]
                if a.cluster_id:
                    wanted_cluster.add((a.cluster_id, perm_id))
                else:
                    wanted_project.add((a.project_id, perm_id))
        _sync_table(ProjectUserObjectPermission, user, wanted_project)
        _sync_table(ClusterUserObjectPermission, user, wanted_cluster)


def _sync_table(model: type, user: User, wanted: set[tuple[int, int]]) -> None:
    existing = {
        (row["content_object_id"], row["permission_id"]): row["pk"]
        for row in model.objects.filter(user=user).values(
            "pk", "content_object_id", "permission_id"
        )
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    missing = [
        model(user=user, content_object_id=obj_id, permission_id=perm_id)
        for obj_id, perm_id in wanted - existing.keys()
    ]
    model.objects.bulk_create(missing)


def api_tokens_revoke(*, user: User) -> int:
    """Drop the user's API tokens (after a password change: a leaked token dies with
    the old password). Returns how many were removed."""
    from rest_framework.authtoken.models import Token

    deleted, _by_model = Token.objects.filter(user=user).delete()
    return deleted


def role_permissions_sync_all(*, on: datetime.date | None = None) -> int:
    """Nightly: drop the permission rows of roles that have ended (access already
    follows the dates; this keeps the table small). Returns users synced."""
    users = User.objects.filter(role_assignments__isnull=False).distinct()
    count = 0
    for user in users.iterator():
        role_permissions_sync(user=user, on=on)
        count += 1
    return count


# --- Phase 2: appointments, bodies, meetings, decisions, hand-over ---------------------


def _refuse_not_selected(cluster: Any, *, field: str | None = None) -> None:
    """Only a selected cluster gets a CDA (an appointment or the CDA role); the message
    gives the true reason: not selected yet, not selected, or handed over."""
    from clusters.models import ClusterStatus

    if cluster.status == ClusterStatus.SELECTED:
        return
    names = {"cluster": cluster.name, "status": cluster.get_status_display()}
    if cluster.status == ClusterStatus.PHASED_OUT:
        hand_over = HandOver.objects.filter(cluster_id=cluster.pk).first()
        if hand_over is not None:
            message = _(
                "%(cluster)s was handed over to %(recipient)s on %(date)s and is phased out: "
                "a phased-out cluster gets no new CDA."
            ) % {
                **names,
                "recipient": hand_over.recipient_name,
                "date": formats.date_format(hand_over.handed_over_on),
            }
        else:
            message = (
                _("%(cluster)s is phased out (handed over): a phased-out cluster gets no new CDA.")
                % names
            )
    elif cluster.status == ClusterStatus.REJECTED:
        message = (
            _("Only a selected cluster gets a CDA: %(cluster)s was not selected (“%(status)s”).")
            % names
        )
    else:
        message = (
            _(
                "Only a selected cluster gets a CDA: %(cluster)s is “%(status)s”. "
                "Record the selection decision first."
            )
            % names
        )
    raise ValidationError({field: message} if field else message)


def cda_appointment_create(
    *,
    actor: User,
    cluster: Any,
    kind: str,
    user: User | None = None,
    organisation_name: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    terms_of_reference: str = "",
    terms_file: Any = None,
) -> CDAAppointment:
    """Appoint a CDA (or a Cluster Management Organisation) to a selected cluster.

    With a user account the CDA role is granted in the same transaction (or an
    existing active CDA role of that user on the cluster that no appointment holds
    yet is linked, so no role is duplicated).
    """
    authorize(actor, Action.MANAGE, cluster)
    _refuse_not_selected(cluster)
    appointment = CDAAppointment(
        cluster=cluster,
        kind=kind,
        user=user,
        organisation_name=organisation_name or "",
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        terms_of_reference=terms_of_reference or "",
        created_by=actor,
    )
    if terms_file:
        appointment.terms_file = terms_file
    appointment.full_clean()
    with transaction.atomic(), actor_context(actor):
        # Lock the cluster and check its status again: a selection decision that
        # rejects it (and locks the same row) cannot slip in between.
        locked = type(cluster).objects.select_for_update().get(pk=cluster.pk)
        _refuse_not_selected(locked)
        if user is not None:
            if CDAAppointment.objects.filter(
                Q(ends_on__isnull=True) | Q(ends_on__gt=appointment.starts_on),
                cluster=cluster,
                user=user,
            ).exists():
                raise ValidationError(
                    {"user": _("This person already holds an appointment to this cluster.")}
                )
            existing = (
                RoleAssignment.objects.active(appointment.starts_on)
                .filter(user=user, role=Role.CDA, cluster=cluster, appointment__isnull=True)
                .first()
            )
            appointment.role_assignment = existing or role_grant(
                actor=actor,
                user=user,
                role=Role.CDA,
                cluster=cluster,
                starts_on=appointment.starts_on,
                ends_on=appointment.ends_on,
            )
        appointment.save()
    return appointment


def cda_appointment_end(
    *, actor: User, appointment: CDAAppointment, ends_on: datetime.date | None = None
) -> CDAAppointment:
    """End an appointment; its CDA role ends the same day (today: access goes at once)."""
    authorize(actor, Action.MANAGE, appointment)
    ends_on = ends_on or timezone.localdate()
    with transaction.atomic(), actor_context(actor):
        appointment = CDAAppointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.ends_on is None or appointment.ends_on > ends_on:
            appointment.ends_on = max(ends_on, appointment.starts_on)
            appointment.save(update_fields=["ends_on", "updated_at"])
        if appointment.role_assignment_id:
            role_end(
                actor=actor, assignment=appointment.role_assignment, ends_on=appointment.ends_on
            )
    return appointment


def body_can(user: Any, action: Action | str, body: Body) -> bool:
    """``can()`` for a Commission or Steering Committee that may not exist yet.

    Bodies are created on the first write (a member or a meeting), so a page may
    show a body that is not saved: a Commission is judged by its cluster (its rows
    follow the cluster), a Steering Committee by its project's project-wide scope
    (a cluster's CDA may read the project's summary, not its Steering Committee).
    """
    if body.pk is not None:
        return can(user, action, body)
    if body.cluster_id:
        return can(user, action, body.cluster)
    return can_project_wide(user, action, body.project)


def body_authorize(user: Any, action: Action | str, body: Body) -> Body:
    """``authorize()`` for a body that may not exist yet: 404 outside the user's scope,
    403 in scope without the role."""
    if body.pk is not None:
        return authorize(user, action, body)
    if not body_can(user, Action.VIEW, body):
        raise Http404("Not found.")
    if Action(action) != Action.VIEW and not body_can(user, action, body):
        raise PermissionDenied("Your role does not allow this.")
    return body


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
    from .selectors import project_users

    if user is None or user.pk == current_id:
        return
    if not project_users(project=body.project).filter(pk=user.pk).exists():
        raise ValidationError({"user": NO_USER_IN_PROJECT})


def body_member_create(*, actor: User, body: Body, **fields: Any) -> BodyMember:
    """Add a member. A body not created yet is created now, with its first member."""
    body_authorize(actor, Action.WORK, body)
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
        member = (
            BodyMember.objects.select_for_update().select_related("body__project").get(pk=member.pk)
        )
        ensure_not_stale(member, seen_updated_at)
        current_user_id = member.user_id
        for key, value in fields.items():
            if key in MEMBER_FIELDS:
                setattr(member, key, value)
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
    body_authorize(actor, Action.WORK, body)
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
        meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
        ensure_not_stale(meeting, seen_updated_at)
        for key, value in fields.items():
            if key in MEETING_FIELDS:
                setattr(meeting, key, value)
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
    decision.full_clean()
    with transaction.atomic(), actor_context(actor):
        decision.save()
    return decision


def decision_update(
    *, actor: User, decision: Decision, seen_updated_at: Any = None, **fields: Any
) -> Decision:
    """Change a decision's follow-up (status, responsible, due date, text)."""
    authorize(actor, Action.WORK, decision)
    with transaction.atomic(), actor_context(actor):
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        ensure_not_stale(decision, seen_updated_at)
        for key in ("text", "responsible", "due_on", "status"):
            if key in fields:
                setattr(decision, key, fields[key])
        decision.full_clean()
        decision.save()
    return decision


def hand_over_record(
    *,
    actor: User,
    cluster: Any,
    recipient_name: str,
    recipient_kind: str,
    handed_over_on: datetime.date,
    cda_withdrawal_on: datetime.date,
    notes: str = "",
) -> HandOver:
    """Record the hand-over: the cluster is phased out (read-only for its CDAs and
    Commission) and its CDA appointments end on the withdrawal date."""
    from clusters.models import Cluster, ClusterStatus

    authorize(actor, Action.MANAGE, cluster)
    hand_over = HandOver(
        cluster=cluster,
        recipient_name=recipient_name,
        recipient_kind=recipient_kind,
        handed_over_on=handed_over_on,
        cda_withdrawal_on=cda_withdrawal_on,
        notes=notes or "",
        recorded_by=actor,
    )
    hand_over.full_clean()
    with transaction.atomic(), actor_context(actor):
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        if cluster.status != ClusterStatus.SELECTED:
            raise ValidationError(
                _("Only a selected cluster can be handed over: %(cluster)s is “%(status)s”.")
                % {"cluster": cluster.name, "status": cluster.get_status_display()}
            )
        hand_over.cluster = cluster
        hand_over.save()
        cluster.status = ClusterStatus.PHASED_OUT
        cluster.save(update_fields=["status", "updated_at"])
        appointments = CDAAppointment.objects.filter(cluster=cluster).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=cda_withdrawal_on)
        )
        for appointment in appointments:
            cda_appointment_end(actor=actor, appointment=appointment, ends_on=cda_withdrawal_on)
    return hand_over
