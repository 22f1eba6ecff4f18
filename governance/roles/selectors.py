"""Reads about people: who holds a role in a project."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ..models import RoleAssignment, User


def project_people(*, project) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(project=project)
        .select_related("user", "cluster", "appointment")
        .order_by("ends_on", "role", "user__username")
    )


def project_users(*, project: Any) -> QuerySet[User]:
    """Active users holding a role (any role, on the project or one of its clusters)
    in the project today."""
    holders = RoleAssignment.objects.active().filter(project=project).values("user_id")
    return User.objects.filter(is_active=True, pk__in=holders)


def project_user_by_username(*, project: Any, username: str) -> User | None:
    username = (username or "").strip()
    if not username:
        return None
    return project_users(project=project).filter(username__iexact=username).first()
