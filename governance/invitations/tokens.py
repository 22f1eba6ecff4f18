"""The link in an invitation e-mail.

The token is the invitation's id and nonce, signed with SECRET_KEY (Django's signing):
forging one needs both the database and the key. Sending the invitation again draws a
new nonce, so an older link reads as replaced; ``expires_at`` ends a link after
``INVITATION_VALID_DAYS``, and a set password ends it for good."""

from __future__ import annotations

import secrets
from enum import Enum

from django.core import signing
from django.utils import timezone

from ..models import Invitation

INVITATION_VALID_DAYS = 7
_SALT = "governance.invitation"


class LinkState(Enum):
    VALID = "valid"
    EXPIRED = "expired"  # the latest link, past its date: the person may ask for a new one
    USED = "used"  # a password is set: sign in instead
    REPLACED = "replaced"  # a newer link was sent
    INVALID = "invalid"  # not a link of ours, or the invitation is gone


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps([invitation.pk, invitation.nonce], salt=_SALT)


def invitation_from_token(token: str) -> tuple[Invitation | None, LinkState]:
    """The invitation a link names and what the link can still do."""
    try:
        pk, nonce = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None, LinkState.INVALID
    invitation = (
        Invitation.objects.select_related("user", "project", "cluster")
        .filter(pk=pk, sets_password=True)
        .first()
    )
    if invitation is None or not invitation.user.is_active:
        return None, LinkState.INVALID
    if invitation.accepted_at is not None or invitation.user.has_usable_password():
        return invitation, LinkState.USED
    if not secrets.compare_digest(str(nonce), invitation.nonce):
        return invitation, LinkState.REPLACED
    if invitation.expires_at <= timezone.now():
        return invitation, LinkState.EXPIRED
    return invitation, LinkState.VALID
