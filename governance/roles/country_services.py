"""Writes about country roles: granting and ending a Programme Officer's role.

Only administrators grant or end them (``governance.access.may_grant_country_roles``).
No guardian rows are derived: the access policy reads the active country roles
themselves, so a grant or an end applies at once, and dates on their day.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..access import authorize_rule, may_grant_country_roles
from ..audit import actor_context
from ..models import CountryRole, CountryRoleKind, User


def _authorize(actor: User | None) -> None:
    if actor is None:
        raise PermissionDenied("A country role is granted or ended by someone.")
    authorize_rule(actor, may_grant_country_roles(actor))


def country_role_grant(
    *,
    actor: User,
    user: User,
    country: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    role: str = CountryRoleKind.PROGRAMME_OFFICER,
) -> CountryRole:
    """Make ``user`` a Programme Officer of ``country`` from ``starts_on`` (default
    today). The actor must be an administrator (403 otherwise). A role whose dates
    meet another the user holds on the country is refused (``CountryRole.clean``)."""
    _authorize(actor)
    country_role = CountryRole(
        user=user,
        country=country,
        role=role,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        created_by=actor,
    )
    with transaction.atomic(), actor_context(actor):
        # Grants for one person queue on their account row, so two at once cannot both
        # pass the overlap check of ``clean``.
        User.objects.select_for_update().filter(pk=user.pk).first()
        country_role.full_clean()
        country_role.save()
    return country_role


def country_role_end(
    *, actor: User, role: CountryRole, ends_on: datetime.date | None = None
) -> CountryRole:
    """End a country role on ``ends_on`` (default today: access ends at once). Ending a
    role that already ended by then changes nothing; a role that never started simply
    never applies. The actor must be an administrator (403 otherwise)."""
    _authorize(actor)
    ends_on = ends_on or timezone.localdate()
    with transaction.atomic(), actor_context(actor):
        role = CountryRole.objects.select_for_update().get(pk=role.pk)
        if role.ends_on is None or role.ends_on > ends_on:
            role.ends_on = max(ends_on, role.starts_on)
            role.save(update_fields=["ends_on"])
    return role
