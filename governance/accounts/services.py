"""Writes about a user's own account."""

from __future__ import annotations

from ..models import User


def api_tokens_revoke(*, user: User) -> int:
    """Drop the user's API tokens (after a password change: a leaked token dies with
    the old password). Returns how many were removed."""
    from rest_framework.authtoken.models import Token

    deleted, _by_model = Token.objects.filter(user=user).delete()
    return deleted
