"""Writes of the mapping of candidate clusters: map one, edit its record, import many."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from governance.access import Action, authorize
from governance.access.rules import authorize_candidate_mapping
from governance.audit import actor_context, validated_save
from governance.concurrency import ensure_not_stale
from governance.models import User

from ..models import Cluster, Project
from . import importing
from .fields import CANDIDATE_FIELDS


def _candidate_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(CANDIDATE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable on a candidate cluster: {sorted(unknown)}")
    return fields


def cluster_candidate_create(*, actor: User, project: Project, **fields: Any) -> Cluster:
    """Map a new candidate cluster (coordinator, or a CDA of the project).
    ``fields``: CANDIDATE_FIELDS."""
    authorize_candidate_mapping(actor, project)
    cluster = Cluster(project=project, created_by=actor, **_candidate_fields(fields))
    return validated_save(cluster, actor=actor)


def cluster_candidate_update(
    *, actor: User, cluster: Cluster, seen_updated_at: Any = None, **fields: Any
) -> Cluster:
    """Edit a cluster's mapping record (coordinator, or the cluster's CDA).

    ``seen_updated_at`` is the version the editor saw; a newer record is refused
    with ``StaleEditError``.
    """
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

    ``rows`` are typed values as ``clusters.mapping.importing`` produced them (each with its
    file row number under ``_row``). They are validated again here (the project may
    have changed since the preview); any error raises ValidationError listing them
    by row and column. Each new cluster gets its audit entry.
    """
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
