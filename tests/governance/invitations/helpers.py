"""Inviting through the page, and reading the link out of the e-mail."""

from __future__ import annotations

import re

INVITEE = {
    "first_name": "Fatou",
    "last_name": "Diop",
    "email": "fatou.diop@example.org",
    "invited_as": "steering",
}


def invite(client, project, follow=False, **fields):
    url = f"/projects/{project.pk}/people/invite/"
    return client.post(url, {**INVITEE, **fields}, follow=follow)


def link_in(message) -> str:
    """The path of the set-password link in an e-mail."""
    match = re.search(r"https?://[^/\s]+(/invitations/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)
