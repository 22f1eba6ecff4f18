"""Matrix rows for invitations (the coordinator's "Invite a person" page, "Send again",
and the invited person's link) and the person search of the People and Appointments
pages."""

import datetime

from django.utils import timezone

from governance.invitations import services
from governance.invitations.tokens import invitation_token
from tests.security.matrix import PROJECT_A_MANAGE, Case, expect, with_status

INVITEE = {
    "first_name": "Fatou",
    "last_name": "Diop",
    "email": "fatou.diop@example.org",
    "invited_as": "steering",
}


def _invitation(w, *, expired=False):
    if "invitation" not in w.extra:
        invitation = services.invitation_create(
            actor=w.users["admin"],
            project=w.project_a,
            first_name="Awa",
            last_name="Ndiaye",
            email="awa.ndiaye@example.org",
            role="commission",
            cluster=w.a1,
            link_for=lambda path: f"http://testserver{path}",
        )
        if expired:
            invitation.expires_at = timezone.now() - datetime.timedelta(days=1)
            invitation.save(update_fields=["expires_at"])
        w.extra["invitation"] = invitation
    return w.extra["invitation"]


def _link(w, *, expired=False):
    return f"/invitations/{invitation_token(_invitation(w, expired=expired))}/"


def _invite(w):
    return f"/projects/{w.project_a.pk}/people/invite/"


def _resend(w):
    return f"/projects/{w.project_a.pk}/people/invitations/{_invitation(w).pk}/resend/"


# The invited person's link answers anyone who holds it (it is the credential).
ANYONE = expect(200)

CASES = [
    Case("invitation-create", _invite, PROJECT_A_MANAGE),
    Case(
        "invitation-create",
        _invite,
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: INVITEE,
    ),
    Case("invitation-resend", _resend, with_status(PROJECT_A_MANAGE, 200, 302), method="post"),
    # Sending is a POST; a GET is refused before anything is looked up.
    Case("invitation-resend", _resend, expect(405, anon=302)),
    Case(
        "people-search",
        lambda w: f"/projects/{w.project_a.pk}/people/search/?q=cda",
        PROJECT_A_MANAGE,
    ),
    Case("invitation-accept", _link, ANYONE),
    Case(
        "invitation-accept",
        _link,
        expect(302),
        method="post",
        data=lambda w: {
            "new_password1": "Baobab-on-the-hill-42",
            "new_password2": "Baobab-on-the-hill-42",
        },
    ),
    Case(
        "invitation-renew",
        lambda w: f"{_link(w, expired=True)}renew/",
        ANYONE,
        method="post",
    ),
    Case("invitation-renew", lambda w: f"{_link(w)}renew/", expect(405)),
]
