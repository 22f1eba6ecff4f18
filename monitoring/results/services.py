"""Writes of the result chain: statements added, edited and removed by the coordinator,
and a chain started from UNIDO's generic one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from clusters.models import Cluster, Project
from governance.access import Action, authorize
from governance.audit import actor_context, assign_fields
from governance.concurrency import locked_unchanged
from governance.models import User

from ..models import ResultLevel, ResultStatement
from .generic import GENERIC_CHAIN, GenericResult

TEXTS = ("statement", "assumptions", "risks")
EDITABLE = (*TEXTS, "parent", "position")


def _owner(project: Project, cluster: Cluster | None) -> Project | Cluster:
    """What a chain's access follows: its cluster, or the project for a project's chain."""
    return cluster if cluster is not None else project


def chain_of(project: Project, cluster: Cluster | None = None):
    """The statements of one chain (a project's has no cluster)."""
    return ResultStatement.objects.filter(project=project, cluster=cluster)


def _check_cluster(project: Project, cluster: Cluster | None) -> None:
    if cluster is not None and cluster.project_id != project.pk:
        raise ValidationError({"cluster": _("This cluster belongs to another project.")})


def _lock_owner(project: Project, cluster: Cluster | None) -> None:
    # Two coordinators adding the impact (or starting the chain) at once: one waits.
    if cluster is not None:
        Cluster.objects.select_for_update().filter(pk=cluster.pk).first()
    else:
        Project.objects.select_for_update().filter(pk=project.pk).first()


def _check_single_impact(statement: ResultStatement) -> None:
    if statement.level != ResultLevel.IMPACT:
        return
    others = chain_of(statement.project, statement.cluster).filter(level=ResultLevel.IMPACT)
    if others.exclude(pk=statement.pk).exists():
        raise ValidationError(
            {"level": _("This result chain has its impact already; add outcomes to it.")}
        )


def result_statement_create(
    *,
    actor: User,
    project: Project,
    cluster: Cluster | None = None,
    level: str,
    statement: str,
    parent: ResultStatement | None = None,
    assumptions: str = "",
    risks: str = "",
) -> ResultStatement:
    """Add an impact, an outcome (to the impact) or an output (to an outcome)."""
    authorize(actor, Action.MANAGE, _owner(project, cluster))
    _check_cluster(project, cluster)
    item = ResultStatement(
        project=project,
        cluster=cluster,
        level=level,
        parent=parent,
        statement=statement,
        assumptions=assumptions or "",
        risks=risks or "",
    )
    item.full_clean(exclude=["position"])
    with transaction.atomic(), actor_context(actor):
        _lock_owner(project, cluster)
        _check_single_impact(item)
        siblings = chain_of(project, cluster).filter(parent=parent, level=level)
        item.position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
        item.save()
    return item


def result_statement_update(
    *, actor: User, result: ResultStatement, seen_updated_at: Any = None, **fields: Any
) -> ResultStatement:
    """Edit a statement's text, assumptions, risks, position or the statement it
    contributes to (its level stays: its children depend on it)."""
    authorize(actor, Action.MANAGE, result)
    with transaction.atomic(), actor_context(actor):
        item = locked_unchanged(
            ResultStatement.objects.select_related("project", "cluster", "parent"),
            result.pk,
            seen_updated_at,
            of=("self",),
        )
        assign_fields(item, fields, EDITABLE, texts=TEXTS)
        item.full_clean()
        item.save()
    return item


def result_statement_delete(*, actor: User, result: ResultStatement) -> None:
    """Remove a statement that nothing contributes to any more (its indicators stay,
    no longer linked to a result)."""
    authorize(actor, Action.MANAGE, result)
    with transaction.atomic(), actor_context(actor):
        item = ResultStatement.objects.select_for_update().get(pk=result.pk)
        if item.children.exists():
            raise ValidationError(
                _("Other statements contribute to this one: remove or move them first.")
            )
        item.delete()


def _create_generic(
    node: GenericResult, *, project: Project, cluster: Cluster | None, level: str, parent, position
) -> list[ResultStatement]:
    item = ResultStatement.objects.create(
        project=project,
        cluster=cluster,
        level=level,
        parent=parent,
        statement=str(node.statement),
        assumptions=str(node.assumptions),
        risks=str(node.risks),
        position=position,
    )
    created = [item]
    child_level = ResultLevel.OUTCOME if level == ResultLevel.IMPACT else ResultLevel.OUTPUT
    for index, child in enumerate(node.children, start=1):
        created += _create_generic(
            child, project=project, cluster=cluster, level=child_level, parent=item, position=index
        )
    return created


def result_chain_start(
    *, actor: User, project: Project, cluster: Cluster | None = None
) -> list[ResultStatement]:
    """Start an empty chain from UNIDO's generic cluster result chain, in the actor's
    language. A chain that has statements already is left as it is (nothing added)."""
    authorize(actor, Action.MANAGE, _owner(project, cluster))
    _check_cluster(project, cluster)
    with transaction.atomic(), actor_context(actor):
        _lock_owner(project, cluster)
        if chain_of(project, cluster).exists():
            return []
        return _create_generic(
            GENERIC_CHAIN,
            project=project,
            cluster=cluster,
            level=ResultLevel.IMPACT,
            parent=None,
            position=1,
        )
