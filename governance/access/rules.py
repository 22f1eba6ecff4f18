"""Named rules: the access decisions that are more than "may this user do this action
on this object".

Each rule is a function ``may_<what>(user, ...) -> bool`` that answers from the policy
(``can`` / ``visible``) and nothing else. Services and views call the rule; a write calls
``authorize_rule`` with it, which answers like ``authorize``: **404** when the object is
outside the user's scope (its existence is not leaked), **403** when it is in scope but
the rule refuses. A new rule follows the same pattern::

    def may_<what>(user, obj, ...) -> bool:
        return can(user, Action.X, obj) and <the special case>

    authorize_rule(user, may_<what>(user, obj, ...), scope=obj)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CountryRole
from .actions import Action
from .policy import (
    COUNTRY_ROLE_PERMISSIONS,
    _project_model,
    authorize,
    can,
    can_project_wide,
    visible,
)


def _is_active_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def authorize_rule(user: Any, allowed: bool, *, scope: models.Model | None = None) -> None:
    """Raise Http404 when ``scope`` (the object the rule is about) is outside the user's
    scope, PermissionDenied when the rule refused; return quietly otherwise.

    With no ``scope`` (a rule about no object, e.g. creating a project) a refusal is a
    403 for a signed-in user."""
    if scope is not None and not can(user, Action.VIEW, scope):
        raise Http404("Not found.")
    if not allowed:
        raise PermissionDenied("Your role does not allow this.")


# --- Projects ------------------------------------------------------------------------


def may_create_project(user: Any) -> bool:
    """Projects are created by administrators (a coordinator is appointed to one)."""
    return _is_active_user(user) and bool(user.is_superuser)


# --- Roles ---------------------------------------------------------------------------


def may_grant_role(actor: Any, project: models.Model, role: str | None = None) -> bool:
    """Granting (or ending) a role on a project or one of its clusters: MANAGE on the
    project (its coordinator, or an administrator). ``role`` is accepted so that a rule
    per role can be added here without changing the callers."""
    return _is_active_user(actor) and can(actor, Action.MANAGE, project)


def authorize_role_change(actor: Any, project: models.Model, role: str | None = None) -> None:
    """404 outside the actor's scope, 403 without MANAGE on the project; a missing actor
    (``None``) is refused: a role change is always somebody's action."""
    if actor is None:
        raise PermissionDenied("A role is granted or ended by someone.")
    authorize_rule(actor, may_grant_role(actor, project, role), scope=project)


# --- Country roles and country views ------------------------------------------------


def may_grant_country_roles(actor: Any) -> bool:
    """Country roles (a Programme Officer) are granted and ended by administrators: a
    country spans projects, so no project's coordinator may hand one out."""
    return _is_active_user(actor) and bool(actor.is_superuser)


def may_view_country(user: Any, code: str) -> bool:
    """The country view of ``code`` (its projects side by side): administrators, and
    the holders of a country role on it active today."""
    if not _is_active_user(user):
        return False
    if user.is_superuser:
        return True
    return _country_roles(user).filter(country=code).exists()


def country_codes_viewable(user: Any) -> list[str]:
    """The countries whose country view ``user`` may open, in one query: an
    administrator's are the countries that have projects, a Programme Officer's those
    of their active country roles."""
    if not _is_active_user(user):
        return []
    if user.is_superuser:
        codes = _project_model().objects.values_list("country", flat=True)
    else:
        codes = _country_roles(user).values_list("country", flat=True)
    return sorted({str(code) for code in codes.distinct().order_by()})


def _country_roles(user: Any) -> models.QuerySet:
    viewing = [r for r, names in COUNTRY_ROLE_PERMISSIONS.items() if "view_project" in names]
    return CountryRole.objects.active().filter(user_id=user.pk, role__in=viewing)


# --- Governance bodies (Commission, Steering Committee) -------------------------------


def may_act_on_body(user: Any, action: Action | str, body: Any) -> bool:
    """``can()`` for a Commission or Steering Committee that may not exist yet.

    Bodies are created on the first write (a member or a meeting), so a page may show a
    body that is not saved: a Commission is judged by its cluster (its rows follow the
    cluster), a Steering Committee by its project's project-wide scope (a cluster's CDA
    may read the project's summary, not its Steering Committee)."""
    if body.pk is not None:
        return can(user, action, body)
    if body.cluster_id:
        return can(user, action, body.cluster)
    return can_project_wide(user, action, body.project)


def authorize_body(user: Any, action: Action | str, body: Any) -> Any:
    """``authorize()`` for a body that may not exist yet: 404 outside the user's scope,
    403 in scope without the role."""
    if body.pk is not None:
        return authorize(user, action, body)
    if not may_act_on_body(user, Action.VIEW, body):
        raise Http404("Not found.")
    if Action(action) != Action.VIEW and not may_act_on_body(user, action, body):
        raise PermissionDenied("Your role does not allow this.")
    return body


# --- Candidate clusters (mapping) ----------------------------------------------------


def may_map_candidates(
    user: Any, project: Any, *, workable_ids: Collection[int] | None = None
) -> bool:
    """May ``user`` map new candidate clusters in ``project``?

    The coordinator (MANAGE on the project) may, and so may a CDA who does phase work
    on at least one cluster of the project (WORK on a cluster that is not phased out).
    ``workable_ids``: the project's clusters the user may WORK on, when the caller has
    read them already (the candidate list does; it saves the queries)."""
    if workable_ids is None:
        workable_ids = visible(user, project.clusters.all(), Action.WORK).values_list(
            "pk", flat=True
        )[:1]
    return bool(workable_ids) or can(user, Action.MANAGE, project)


def authorize_candidate_mapping(user: Any, project: Any) -> Any:
    """404 when the project is outside the user's scope, 403 when the user may see it
    but may not map candidates in it (see ``may_map_candidates``)."""
    if not can(user, Action.VIEW, project):
        raise Http404("Not found.")
    authorize_rule(user, may_map_candidates(user, project))
    return project


# --- Expert scores (selection) -------------------------------------------------------


def _own_score_or_coordinator(user: Any, score: Any) -> bool:
    own = score.scored_by_id == getattr(user, "pk", None)
    return own or can(user, Action.MANAGE, score.criterion.project)


def may_withdraw_score(user: Any, score: Any) -> bool:
    """An expert score is withdrawn by the expert who gave it, or by the coordinator;
    either way the user belongs to the selection body (DECIDE_SELECTION)."""
    project = score.criterion.project
    return can(user, Action.DECIDE_SELECTION, project) and _own_score_or_coordinator(user, score)


def authorize_score_withdrawal(user: Any, score: Any) -> Any:
    """404 outside the user's scope; 403 without DECIDE_SELECTION on the project, or for
    someone else's score unless the user is the coordinator."""
    authorize(user, Action.DECIDE_SELECTION, score.criterion.project)
    if not _own_score_or_coordinator(user, score):
        raise PermissionDenied(
            _("Only the expert who gave a score, or the coordinator, may withdraw it.")
        )
    return score


# --- Field activities (corrections) --------------------------------------------------

CORRECTION_DAYS = 30


def may_correct_activity(
    user: Any,
    activity: Any,
    *,
    today: datetime.date | None = None,
    ask: Callable[[Action, Any], bool] | None = None,
) -> bool:
    """May ``user`` correct or withdraw this field activity?

    The coordinator (MANAGE on its cluster) may, whenever; the CDA who logged it may
    for ``CORRECTION_DAYS`` days after the activity's date while it works on the cluster
    (not once the cluster is phased out). A withdrawn entry stays as it is. ``activity``
    is any record with ``cluster``, ``recorded_by_id``, ``occurred_on`` and
    ``withdrawn_at``; ``ask`` answers ``can(user, action, obj)`` (a page listing many
    entries passes one that asks once per cluster)."""
    if not _is_active_user(user) or activity.withdrawn_at is not None:
        return False
    ask = ask or (lambda action, obj: can(user, action, obj))
    if ask(Action.MANAGE, activity.cluster):
        return True
    today = today or timezone.localdate()
    return (
        activity.recorded_by_id == user.pk
        and activity.occurred_on >= today - datetime.timedelta(days=CORRECTION_DAYS)
        and ask(Action.WORK, activity.cluster)
    )
