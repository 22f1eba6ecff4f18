"""Writes about people and access: granting and ending roles.

Guardian object permissions are derived here from role assignments, in the same
transaction as the role change, so the two never disagree. A role is granted or ended
by someone with MANAGE on the project (``governance.access.authorize_role_change``);
the nightly job that tidies the permission table after role dates pass is
``role_dates_apply_system`` (a system job, not a user's action).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..access import ROLE_PERMISSIONS, authorize_role_change
from ..audit import actor_context
from ..models import (
    CLUSTER_ROLES,
    CDAAppointment,
    ClusterUserObjectPermission,
    HandOver,
    ProjectUserObjectPermission,
    Role,
    RoleAssignment,
    User,
)


def role_grant(
    *,
    actor: User,
    user: User,
    role: str,
    project: Any = None,
    cluster: Any = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> RoleAssignment:
    """Grant ``role`` on ``project`` (or on ``cluster``, for the cluster roles).

    The actor needs MANAGE on the project: 404 outside their scope, 403 in it."""
    if cluster is not None:
        project = cluster.project
    authorize_role_change(actor, project, role)
    assignment = RoleAssignment(
        user=user,
        role=role,
        project=project,
        cluster=cluster if role in CLUSTER_ROLES else None,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        created_by=actor,
    )
    if role in CLUSTER_ROLES and cluster is None:
        raise ValidationError({"cluster": _("A CDA or Commission role needs a cluster.")})
    if role == Role.CDA:
        # The CDA role is what makes a cluster's CDA "active" (phase 3); like an
        # appointment, it is for selected clusters only.
        cda_eligibility_check(cluster, field="cluster")
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
    *, actor: User, assignment: RoleAssignment, ends_on: datetime.date | None = None
) -> RoleAssignment:
    """End a role. Ending it today (the default) removes access at once.

    A CDA role held through an appointment ends that appointment the same day, in
    the same transaction: the appointment and the access it gives never disagree.
    The project's last active coordinator cannot be ended (``last_coordinator_refusal``,
    checked under a lock on the project row, so two coordinators ending each other at
    the same moment cannot both pass). The actor needs MANAGE on the project.
    """
    authorize_role_change(actor, assignment.project, assignment.role)
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


def role_dates_apply_system(*, on: datetime.date | None = None) -> int:
    """The nightly system job (not a user's action, so no actor): drop the permission
    rows of roles that have ended (access already follows the dates; this keeps the
    table small). Returns users synced."""
    users = User.objects.filter(role_assignments__isnull=False).distinct()
    count = 0
    for user in users.iterator():
        role_permissions_sync(user=user, on=on)
        count += 1
    return count


def cda_eligibility_check(cluster: Any, *, field: str | None = None) -> None:
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
