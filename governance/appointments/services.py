"""Writes about CDA appointments and the hand-over of a cluster."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import Action, authorize
from ..audit import actor_context
from ..models import CDAAppointment, HandOver, Role, RoleAssignment, User
from ..roles.services import cda_eligibility_check, role_end, role_grant


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
    cda_eligibility_check(cluster)
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
        cda_eligibility_check(locked)
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
