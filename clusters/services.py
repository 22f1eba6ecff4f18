"""Writes about projects and clusters, and a cluster's moves between phases."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.access import Action, authorize
from governance.access.rules import authorize_rule, may_create_project
from governance.audit import actor_context, assign_fields, validated_save
from governance.models import User

from .mapping.fields import CLUSTER_FIELDS
from .models import Cluster, ClusterStatus, Phase, PhaseChange, Project
from .phases import missing_conditions

PROJECT_EDITABLE_FIELDS = ("name", "country", "donor", "starts_on", "ends_on", "description")


def project_create(*, actor: User, **fields: Any) -> Project:
    authorize_rule(actor, may_create_project(actor))
    project = assign_fields(Project(), fields, PROJECT_EDITABLE_FIELDS)
    return validated_save(project, actor=actor)


def project_update(*, actor: User, project: Project, **fields: Any) -> Project:
    authorize(actor, Action.MANAGE, project)
    assign_fields(project, fields, PROJECT_EDITABLE_FIELDS)
    return validated_save(project, actor=actor)


def cluster_create(*, actor: User, project: Project, **fields: Any) -> Cluster:
    authorize(actor, Action.MANAGE, project)
    cluster = assign_fields(Cluster(project=project), fields, CLUSTER_FIELDS)
    return validated_save(cluster, actor=actor)


def cluster_update(*, actor: User, cluster: Cluster, **fields: Any) -> Cluster:
    authorize(actor, Action.MANAGE, cluster)
    assign_fields(cluster, fields, CLUSTER_FIELDS)
    return validated_save(cluster, actor=actor)


def cluster_phase_move(
    *,
    actor: User,
    cluster: Cluster,
    to_phase: int,
    reason: str,
    expected_phase: int | None = None,
) -> PhaseChange:
    """Move a cluster forward (when every condition is met) or back, with a reason."""
    authorize(actor, Action.MANAGE, cluster)
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason for the move.")]
    if to_phase not in Phase.values:
        errors["to_phase"] = [_("Choose a phase.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), actor_context(actor):
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        if expected_phase is not None and cluster.phase != expected_phase:
            raise ValidationError(
                {
                    "to_phase": _(
                        "Someone moved this cluster to another phase meanwhile; "
                        "reload the page and check again."
                    )
                }
            )
        if to_phase == cluster.phase:
            raise ValidationError({"to_phase": _("The cluster is already in this phase.")})
        if cluster.status == ClusterStatus.PHASED_OUT:
            raise ValidationError({"to_phase": _("The cluster is phased out.")})
        missing = missing_conditions(cluster, to_phase)
        if missing:
            raise ValidationError(
                {
                    "to_phase": [
                        _("Missing before the cluster can move on: %(what)s")
                        % {"what": str(c.label)}
                        for c in missing
                    ]
                }
            )
        change = PhaseChange(
            cluster=cluster,
            from_phase=cluster.phase,
            to_phase=to_phase,
            reason=reason.strip(),
            changed_by=actor,
        )
        change.full_clean()
        cluster.phase = to_phase
        cluster.save(update_fields=["phase", "updated_at"])
        change.save()
    return change
