"""The one access policy of ClusterDev.

It answers two questions and nothing else decides access:

* ``can(user, action, obj)`` — may this user do ``action`` on this object?
* ``visible(user, model_or_queryset, action)`` — which objects of this kind may
  this user see (or act on)?

Both are computed from the same query, so a list and a detail page can never
disagree. Permissions are read from the guardian direct-foreign-key tables,
which ``governance.roles.services.role_permissions_sync`` derives from role
assignments; a row counts only while an assignment granting it is active, so an
end date takes effect on its day even before the nightly sync.

Country roles (a Programme Officer: ``COUNTRY_ROLE_PERMISSIONS``) reach every project
of their country; the project-id subquery adds those projects, read from the
``CountryRole`` rows active today, so lists and detail pages still share one query.

Every model that is subject to access declares ``access_scope = (kind, path)``:
``kind`` is "cluster" (access follows a cluster) or "project" (access follows a
project, and only project-level roles reach it); ``path`` is the ORM path from
the model to that cluster or project ("" for Cluster and Project themselves).
A model whose rows belong either to a cluster or to the whole project declares
``("mixed", cluster_path, project_path)``: rows with a cluster follow it, rows
without one are project-wide.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from ..models import (
    ClusterUserObjectPermission,
    CountryRole,
    CountryRoleKind,
    ProjectUserObjectPermission,
    Role,
    RoleAssignment,
)
from .actions import Action

# Which guardian codenames a role grants on its object (a project or a cluster).
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.COORDINATOR: (
        "view_project",
        "manage_project",
        "report_project",
        "approve_project",
        "decide_selection",
        "comment_project",
    ),
    Role.STEERING: ("view_project", "report_project", "decide_selection", "comment_project"),
    Role.CDA: ("view_cluster", "work_cluster"),
    Role.COMMISSION: ("view_cluster", "comment_cluster", "endorse_cluster"),
}

# Which project codenames a country role grants on every project of its country (and so
# on their clusters). A Programme Officer reads: VIEW and REPORT, nothing that writes,
# comments, endorses or decides.
COUNTRY_ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    CountryRoleKind.PROGRAMME_OFFICER: ("view_project", "report_project"),
}

# For each action: the cluster-level codename and the project-level codename that
# grant it. A child object's access follows its cluster, and a project-level role
# reaches every cluster of its project.
ACTION_CODENAMES: dict[Action, tuple[str | None, str | None]] = {
    Action.VIEW: ("view_cluster", "view_project"),
    Action.WORK: ("work_cluster", "manage_project"),
    Action.COMMENT: ("comment_cluster", "comment_project"),
    Action.ENDORSE: ("endorse_cluster", None),
    Action.MANAGE: (None, "manage_project"),
    Action.REPORT: (None, "report_project"),
    Action.DECIDE_SELECTION: (None, "decide_selection"),
    Action.APPROVE: (None, "approve_project"),
}


# Actions that change a cluster's work; refused to cluster-level roles once the
# cluster is phased out (handed over).
WRITE_ACTIONS = {Action.WORK, Action.ENDORSE}


def _roles_granting(codename: str) -> list[str]:
    return [role for role, codenames in ROLE_PERMISSIONS.items() if codename in codenames]


def _object_ids(user: Any, codename: str, *, clusters: bool) -> models.QuerySet:
    """The ids of the projects (or clusters) on which ``user`` holds ``codename``.

    The guardian row and a role assignment active today must both exist: an end date
    takes effect on its day even before the nightly sync removes the row."""
    active = RoleAssignment.objects.active().filter(
        user_id=user.pk, role__in=_roles_granting(codename), cluster__isnull=not clusters
    )
    table = ClusterUserObjectPermission if clusters else ProjectUserObjectPermission
    return table.objects.filter(
        user_id=user.pk,
        permission__codename=codename,
        content_object_id__in=active.values("cluster_id" if clusters else "project_id"),
    ).values("content_object_id")


def _project_model() -> type[models.Model]:
    # The project model by its relation (the policy imports no other app).
    return ProjectUserObjectPermission._meta.get_field("content_object").related_model


def _project_ids(user: Any, codename: str) -> models.QuerySet:
    """The ids of the projects on which ``user`` holds ``codename``: through a role on
    the project, or through a country role active today on the project's country (read
    from the role rows themselves, so a project created later in the country is in at
    once, and an end date takes effect on its day)."""
    ids = _object_ids(user, codename, clusters=False)
    country_roles = [r for r, names in COUNTRY_ROLE_PERMISSIONS.items() if codename in names]
    if not country_roles:
        return ids
    countries = (
        CountryRole.objects.active()
        .filter(user_id=user.pk, role__in=country_roles)
        .values("country")
    )
    return _project_model().objects.filter(Q(pk__in=ids) | Q(country__in=countries)).values("pk")


def _cluster_ids(user: Any, codename: str) -> models.QuerySet:
    return _object_ids(user, codename, clusters=True)


def _scope_of(model: type[models.Model]) -> tuple[str, ...]:
    scope = getattr(model, "access_scope", None)
    if scope is None:
        raise TypeError(f"{model.__name__} declares no access_scope; it cannot be scoped.")
    return scope


def _in(path: str) -> str:
    """The ``__in`` lookup for the object at ``path`` ("" is the row itself)."""
    return f"{path}__in" if path else "pk__in"


def scope_filter(user: Any, model: type[models.Model], action: Action | str = Action.VIEW) -> Q:
    """A Q object selecting the rows of ``model`` on which ``user`` may do ``action``."""
    action = Action(action)
    scope = _scope_of(model)
    if scope[0] == "mixed":
        # Rows tied to a cluster follow the cluster; rows with no cluster are project-wide
        # (e.g. a Steering Committee beside Cluster Commissions).
        _, cluster_path, project_path = scope
        return (
            Q(**{f"{cluster_path}__isnull": False})
            & _scope_q(user, action, "cluster", cluster_path)
        ) | (
            Q(**{f"{cluster_path}__isnull": True}) & _scope_q(user, action, "project", project_path)
        )
    kind, path = scope
    return _scope_q(user, action, kind, path)


def _scope_q(user: Any, action: Action, kind: str, path: str) -> Q:
    cluster_codename, project_codename = ACTION_CODENAMES[action]
    no_rows = Q(pk__in=[])
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return no_rows
    if user.is_superuser:
        return Q()
    q = no_rows
    if kind == "cluster":
        if cluster_codename:
            cluster_q = Q(**{_in(path): _cluster_ids(user, cluster_codename)})
            if action in WRITE_ACTIONS:
                # A phased-out cluster is read-only for its CDAs and Commission.
                status = f"{path}__status" if path else "status"
                cluster_q &= ~Q(**{status: "phased_out"})
            q |= cluster_q
        if project_codename:
            project_path = f"{path}__project" if path else "project"
            q |= Q(**{f"{project_path}__in": _project_ids(user, project_codename)})
        return q
    # kind == "project": only project-level roles reach project-wide objects ...
    if project_codename:
        q |= Q(**{_in(path): _project_ids(user, project_codename)})
    # ... except that a cluster's CDA or Commission member may read its project's summary.
    if not path and action == Action.VIEW:
        # The cluster model by its relation (the policy imports no other app).
        cluster_model = ClusterUserObjectPermission._meta.get_field("content_object").related_model
        q |= Q(
            pk__in=cluster_model.objects.filter(pk__in=_cluster_ids(user, "view_cluster")).values(
                "project_id"
            )
        )
    return q


def people_filter(user: Any, action: Action | str = Action.VIEW) -> Q:
    """A Q object selecting the user accounts ``user`` may see (VIEW) or reach (MANAGE:
    name in a role grant or a CDA appointment).

    A person is seen through the projects: the user sees themself and everyone who holds
    or held a role (on the project or one of its clusters) in a project the user may see.
    A coordinator also reaches the accounts that hold no role anywhere yet (created by an
    administrator to be given one; administrators themselves need none); another
    project's people stay out of reach, and a username outside it answers as an unknown
    one.
    """
    action = Action(action)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    projects = visible(user, _project_model(), action).values("pk")
    q = Q(pk__in=RoleAssignment.objects.filter(project_id__in=projects).values("user_id"))
    if action == Action.MANAGE:
        if visible(user, _project_model(), Action.MANAGE).exists():
            # A Programme Officer holds a role too (on a country): not free to be named.
            q |= (
                Q(is_superuser=False)
                & ~Q(pk__in=RoleAssignment.objects.values("user_id"))
                & ~Q(pk__in=CountryRole.objects.values("user_id"))
            )
    else:
        q |= Q(pk=user.pk)
    return q


def _is_user_model(model: type[models.Model]) -> bool:
    from django.contrib.auth import get_user_model

    return issubclass(model, get_user_model())


def visible(
    user: Any,
    model_or_queryset: type[models.Model] | models.QuerySet,
    action: Action | str = Action.VIEW,
) -> models.QuerySet:
    """The objects of this kind (or of this queryset) that ``user`` may see or act on.

    User accounts are scoped by ``people_filter`` (the people of the user's projects).
    """
    if isinstance(model_or_queryset, models.QuerySet):
        qs, model = model_or_queryset, model_or_queryset.model
    else:
        qs, model = model_or_queryset._default_manager.all(), model_or_queryset
    if _is_user_model(model):
        return qs.filter(people_filter(user, action))
    return qs.filter(scope_filter(user, model, action))


def can(user: Any, action: Action | str, obj: models.Model) -> bool:
    """May ``user`` do ``action`` on ``obj``?"""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return visible(user, type(obj), action).filter(pk=obj.pk).exists()


def can_project_wide(user: Any, action: Action | str, project: models.Model) -> bool:
    """May ``user`` do ``action`` on ``project``'s project-wide records (those only
    project-level roles reach), whether or not such a record exists yet?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    _cluster_codename, project_codename = ACTION_CODENAMES[Action(action)]
    if project_codename is None:
        return False
    return (
        _project_model()
        .objects.filter(pk=project.pk, pk__in=_project_ids(user, project_codename))
        .exists()
    )


def authorize(user: Any, action: Action | str, obj: models.Model) -> models.Model:
    """Raise Http404 when ``obj`` is outside the user's scope, PermissionDenied when
    it is in scope but the role is not enough; return ``obj`` otherwise."""
    if not can(user, Action.VIEW, obj):
        raise Http404("Not found.")
    if Action(action) != Action.VIEW and not can(user, action, obj):
        raise PermissionDenied("Your role does not allow this.")
    return obj


def get_authorized(
    user: Any,
    model_or_queryset: type[models.Model] | models.QuerySet,
    action: Action | str = Action.VIEW,
    **lookup: Any,
) -> Any:
    """Fetch one object by ``lookup`` and authorize ``action`` on it (404 / 403)."""
    qs = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    obj = visible(user, qs, Action.VIEW).filter(**lookup).first()
    if obj is None:
        raise Http404("Not found.")
    if Action(action) != Action.VIEW and not can(user, action, obj):
        raise PermissionDenied("Your role does not allow this.")
    return obj


def roles_of(user: Any, obj: models.Model) -> set[str]:
    """The roles the user currently holds on a project or cluster (for display)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    kind, path = _scope_of(type(obj))[:2]
    qs = RoleAssignment.objects.active().filter(user_id=user.pk)
    if kind == "cluster" and not path:  # the cluster itself
        qs = qs.filter(Q(cluster_id=obj.pk) | Q(cluster__isnull=True, project_id=obj.project_id))
    else:
        qs = qs.filter(project_id=obj.pk)
    return set(qs.values_list("role", flat=True))
