"""Reads about people: who holds a role in a project."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ..access import Action, visible
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


PERSON_SEARCH_MIN = 2
PERSON_SEARCH_LIMIT = 20


def people_reachable(*, actor: Any) -> QuerySet[User]:
    """The active accounts ``actor`` may name in a role grant or an appointment (the
    access policy's MANAGE reach: the people of the actor's projects and accounts with no
    role yet). Choosing anyone else answers exactly as an unknown person."""
    return visible(actor, User.objects.filter(is_active=True), Action.MANAGE)


def people_search(*, actor: Any, text: str, limit: int = PERSON_SEARCH_LIMIT) -> list[User]:
    """Up to ``limit`` + 1 people within reach whose name, username or e-mail contains
    every word of ``text`` (the extra one tells the page that more match); nobody for
    fewer than ``PERSON_SEARCH_MIN`` characters."""
    text = (text or "").strip()
    if len(text) < PERSON_SEARCH_MIN:
        return []
    qs = people_reachable(actor=actor)
    for word in text.split()[:5]:
        qs = qs.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    return list(qs.order_by("last_name", "first_name", "username")[: limit + 1])
