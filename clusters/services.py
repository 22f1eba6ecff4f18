"""Writes about projects and clusters."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from governance.access import Action, authorize, can, visible
from governance.audit import actor_context
from governance.models import User

from .models import Cluster, Project

CLUSTER_EDITABLE_FIELDS = (
    "name",
    "sector",
    "main_products",
    "region",
    "locality",
    "latitude",
    "longitude",
)
PROJECT_EDITABLE_FIELDS = ("name", "country", "donor", "starts_on", "ends_on", "description")


def project_create(*, actor: User, **fields: Any) -> Project:
    if not actor.is_superuser:
        raise PermissionDenied("Only administrators create projects.")
    project = Project(**{k: v for k, v in fields.items() if k in PROJECT_EDITABLE_FIELDS})
    project.full_clean()
    with transaction.atomic(), actor_context(actor):
        project.save()
    return project


def project_update(*, actor: User, project: Project, **fields: Any) -> Project:
    authorize(actor, Action.MANAGE, project)
    for name, value in fields.items():
        if name in PROJECT_EDITABLE_FIELDS:
            setattr(project, name, value)
    project.full_clean()
    with transaction.atomic(), actor_context(actor):
        project.save()
    return project


def cluster_create(*, actor: User, project: Project, **fields: Any) -> Cluster:
    authorize(actor, Action.MANAGE, project)
    cluster = Cluster(
        project=project, **{k: v for k, v in fields.items() if k in CLUSTER_EDITABLE_FIELDS}
    )
    cluster.full_clean()
    with transaction.atomic(), actor_context(actor):
        cluster.save()
    return cluster


def cluster_update(*, actor: User, cluster: Cluster, **fields: Any) -> Cluster:
    authorize(actor, Action.MANAGE, cluster)
    for name, value in fields.items():
        if name in CLUSTER_EDITABLE_FIELDS:
            setattr(cluster, name, value)
    cluster.full_clean()
    with transaction.atomic(), actor_context(actor):
        cluster.save()
    return cluster


# Candidate clusters: the mapping record (phase 1) ----------------------------------

CLUSTER_MAPPING_FIELDS = (
    "enterprises_micro",
    "enterprises_small",
    "enterprises_medium",
    "enterprises_large",
    "employment_women",
    "employment_men",
    "women_owned_share",
    "support_institutions",
    "export_orientation",
    "growth_potential",
    "information_source",
    "information_date",
)
CLUSTER_CANDIDATE_FIELDS = CLUSTER_EDITABLE_FIELDS + CLUSTER_MAPPING_FIELDS


def _candidate_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(CLUSTER_CANDIDATE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable on a candidate cluster: {sorted(unknown)}")
    return fields


def may_map_candidates(
    user: Any, project: Project, *, workable_ids: Collection[int] | None = None
) -> bool:
    """May ``user`` map new candidate clusters in ``project``?

    The coordinator (MANAGE on the project) may, and so may a CDA who does phase work
    on at least one cluster of the project (WORK on a cluster that is not phased out).
    ``workable_ids``: the project's clusters the user may WORK on, when the caller
    has read them already (the candidate list does; it saves the queries).

    This rule lives here and not in ``governance/access.py`` because the policy
    computes project-level actions from project roles only (WORK on a Project needs
    ``manage_project``); it is written with the policy's public functions only, so
    the policy still decides who works on which cluster.
    """
    if workable_ids is None:
        workable_ids = visible(
            user, Cluster.objects.filter(project=project), Action.WORK
        ).values_list("pk", flat=True)[:1]
    return bool(workable_ids) or can(user, Action.MANAGE, project)


def authorize_candidate_mapping(user: Any, project: Project) -> Project:
    """404 when the project is outside the user's scope, 403 when the user may see it
    but may not map candidates in it (see ``may_map_candidates``)."""
    if not can(user, Action.VIEW, project):
        raise Http404("Not found.")
    if not may_map_candidates(user, project):
        raise PermissionDenied("Your role does not allow this.")
    return project


def cluster_candidate_create(*, actor: User, project: Project, **fields: Any) -> Cluster:
    """Map a new candidate cluster (coordinator, or a CDA of the project).
    ``fields``: CLUSTER_CANDIDATE_FIELDS."""
    authorize_candidate_mapping(actor, project)
    cluster = Cluster(project=project, created_by=actor, **_candidate_fields(fields))
    cluster.full_clean()
    with transaction.atomic(), actor_context(actor):
        cluster.save()
    return cluster


def cluster_candidate_update(
    *, actor: User, cluster: Cluster, seen_updated_at: Any = None, **fields: Any
) -> Cluster:
    """Edit a cluster's mapping record (coordinator, or the cluster's CDA).

    ``seen_updated_at`` is the version the editor saw; a newer record is refused
    with ``StaleEditError``.
    """
    from governance.concurrency import ensure_not_stale

    authorize(actor, Action.WORK, cluster)
    fields = _candidate_fields(fields)
    for name, value in fields.items():
        setattr(cluster, name, value)
    cluster.full_clean()
    with transaction.atomic(), actor_context(actor):
        current = Cluster.objects.select_for_update().get(pk=cluster.pk)
        ensure_not_stale(current, seen_updated_at)
        for name, value in fields.items():
            setattr(current, name, value)
        current.save()
    cluster.updated_at = current.updated_at
    return current


def cluster_candidates_import(
    *, actor: User, project: Project, rows: Sequence[dict[str, Any]]
) -> list[Cluster]:
    """Create every row as a candidate cluster in one transaction, or none.

    ``rows`` are typed values as ``clusters.importing`` produced them (each with its
    file row number under ``_row``). They are validated again here (the project may
    have changed since the preview); any error raises ValidationError listing them
    by row and column. Each new cluster gets its audit entry.
    """
    from auditlog.cid import get_cid
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError
    from django.utils.translation import gettext as _

    from . import importing

    authorize(actor, Action.MANAGE, project)
    parsed = importing.rows_from_json(rows)
    if not parsed:
        raise ValidationError(_("There is nothing to import."))
    clusters = importing.validate_records(project=project, rows=parsed)
    errors = [
        _("Row %(row)d, %(column)s: %(message)s")
        % {"row": row.number, "column": column, "message": message}
        for row in parsed
        for column, messages in row.errors.items()
        for message in messages
    ]
    if errors:
        raise ValidationError(errors)
    for cluster in clusters:
        cluster.created_by = actor
    with transaction.atomic(), actor_context(actor):
        try:
            with transaction.atomic():
                created = Cluster.objects.bulk_create(clusters)
        except IntegrityError as exc:  # a name taken meanwhile, after validation
            raise ValidationError(
                _("A cluster with one of these names was added meanwhile; nothing was imported.")
            ) from exc
        # bulk_create sends no signals: write the audit entries ourselves, in bulk,
        # in auditlog's format ({field: [old, new]}, "None" for "nothing before").
        content_type = ContentType.objects.get_for_model(Cluster)
        audited = [
            f for f in Cluster._meta.concrete_fields if f.name not in ("created_at", "updated_at")
        ]
        cid = get_cid()
        LogEntry.objects.bulk_create(
            [
                LogEntry(
                    content_type=content_type,
                    object_pk=str(c.pk),
                    object_id=c.pk,
                    object_repr=str(c)[:200],
                    action=LogEntry.Action.CREATE,
                    changes={
                        f.name: ["None", str(getattr(c, f.attname))]
                        for f in audited
                        if getattr(c, f.attname) not in (None, "")
                    },
                    actor=actor if getattr(actor, "pk", None) else None,
                    cid=cid,
                    additional_data={"import": True},
                )
                for c in created
            ],
            batch_size=500,
        )
    return created
