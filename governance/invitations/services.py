"""Writes about invitations: a coordinator brings a person in with a role; the person
sets a password from the e-mailed link.

The account and its role are made in one transaction, the role through
``role_grant`` (or, for a CDA, through the appointment that holds the role); the e-mail
leaves once the transaction is committed, so a refused invitation sends nothing."""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import Action, authorize, authorize_role_change
from ..audit import actor_context
from ..models import CLUSTER_ROLES, Invitation, Role, RoleAssignment, User
from ..roles.services import cda_eligibility_check, role_grant
from .tokens import INVITATION_VALID_DAYS, invitation_token, new_nonce

logger = logging.getLogger(__name__)

# Turns a site path into the absolute address put in the e-mail (a request's
# ``build_absolute_uri``).
LinkFor = Callable[[str], str]


def invitation_create(
    *,
    actor: User,
    project: Any,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    cluster: Any = None,
    starts_on: datetime.date | None = None,
    appointment_kind: str | None = None,
    link_for: LinkFor,
) -> Invitation:
    """Invite a person by name and e-mail to ``role`` on ``project`` (or ``cluster``).

    An account that already has this e-mail is reused (``invitation.sets_password`` says
    whether the person gets a link to set a password, or was only told of the role). A
    CDA is appointed (``appointment_kind``) to a selected cluster, like on the
    Appointments page. The actor needs MANAGE on the project."""
    authorize_role_change(actor, project, role)
    email = (email or "").strip()
    _check_target(project=project, role=role, cluster=cluster)
    project_model = type(project)
    with transaction.atomic(), actor_context(actor):
        # Two invitations of one address at the same moment queue here: one account.
        project_model.objects.select_for_update().filter(pk=project.pk).first()
        user = _existing_account(email)
        existing = user is not None
        if existing:
            _check_no_duplicate_role(user=user, role=role, project=project, cluster=cluster)
        else:
            user = User(
                username=_free_username(email),
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=email,
                is_active=True,
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
        assignment = _grant(
            actor=actor,
            user=user,
            role=role,
            project=project,
            cluster=cluster,
            starts_on=starts_on,
            appointment_kind=appointment_kind,
        )
        invitation = Invitation(
            project=project,
            cluster=cluster if role in CLUSTER_ROLES else None,
            user=user,
            email=user.email or email,
            role=role,
            role_assignment=assignment,
            sets_password=not user.has_usable_password(),
            invited_by=actor,
        )
        _new_link(invitation)
        invitation.full_clean()
        # auditlog forgets the actor when a nested actor_context (role_grant's) ends.
        with actor_context(actor):
            invitation.save()
        _send_on_commit(invitation, link_for)
    invitation.existing_account = existing
    return invitation


def invitation_resend(*, actor: User, invitation: Invitation, link_for: LinkFor) -> Invitation:
    """Send the invitation again with a new link (the older one stops working), valid
    for another ``INVITATION_VALID_DAYS``."""
    authorize(actor, Action.MANAGE, invitation)
    with transaction.atomic(), actor_context(actor):
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=invitation.pk)
        )
        if not invitation.may_resend or invitation.user.has_usable_password():
            raise ValidationError(_("This person has already set a password: nothing to send."))
        _new_link(invitation)
        invitation.save(update_fields=["nonce", "sent_at", "expires_at"])
        _send_on_commit(invitation, link_for)
    return invitation


def invitation_link_renew(*, invitation: Invitation, link_for: LinkFor) -> Invitation:
    """A new link asked for by the person from an expired one. Nobody is signed in, so
    there is no actor; the link goes only to the address the invitation was sent to, and
    the expired link stops working (it cannot be used to ask again)."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _new_link(invitation)
        invitation.save(update_fields=["nonce", "sent_at", "expires_at"])
        _send_on_commit(invitation, link_for)
    return invitation


def invitation_accept(*, invitation: Invitation, password_form: Any) -> User:
    """Set the person's password (a valid ``SetPasswordForm``) and close the invitation,
    with every other one still waiting for that account (one password ends them all)."""
    user = invitation.user
    with transaction.atomic(), actor_context(user):
        password_form.save()
        Invitation.objects.filter(user=user, accepted_at__isnull=True, sets_password=True).update(
            accepted_at=timezone.now()
        )
    return user


# --- helpers -------------------------------------------------------------------------


def _check_target(*, project: Any, role: str, cluster: Any) -> None:
    if role in CLUSTER_ROLES and cluster is None:
        message = _("Choose the cluster for a CDA or Commission role.")
    elif role in CLUSTER_ROLES and cluster.project_id != project.pk:
        message = _("The cluster belongs to another project.")
    elif role not in CLUSTER_ROLES and cluster is not None:
        message = _("Coordinator and Steering roles are held on the project.")
    else:
        message = None
    if message:
        raise ValidationError({"cluster": message})
    if role == Role.CDA:
        cda_eligibility_check(cluster, field="cluster")


def _existing_account(email: str) -> User | None:
    accounts = list(User.objects.filter(email__iexact=email)[:2])
    if len(accounts) > 1:
        raise ValidationError(
            {
                "email": _(
                    "Several accounts have this e-mail: choose the person with the search "
                    "on the People page instead."
                )
            }
        )
    if accounts and not accounts[0].is_active:
        raise ValidationError(
            {
                "email": _(
                    "The account with this e-mail is switched off; an administrator can "
                    "switch it on again."
                )
            }
        )
    return accounts[0] if accounts else None


def _check_no_duplicate_role(*, user: User, role: str, project: Any, cluster: Any) -> None:
    held = RoleAssignment.objects.active().filter(user=user, role=role, project=project)
    held = held.filter(cluster=cluster) if role in CLUSTER_ROLES else held
    if held.exists():
        raise ValidationError({"email": _("This person already holds this role.")})


def _free_username(email: str) -> str:
    """A readable username from the e-mail's local part (fatou.diop), numbered when taken."""
    local = email.split("@", 1)[0].lower()
    base = re.sub(r"[^\w.+-]", "", local)[:30] or "user"
    candidate, number = base, 2
    while User.objects.filter(username__iexact=candidate).exists():
        candidate, number = f"{base}{number}", number + 1
    return candidate


def _grant(
    *,
    actor: User,
    user: User,
    role: str,
    project: Any,
    cluster: Any,
    starts_on: datetime.date | None,
    appointment_kind: str | None,
) -> RoleAssignment:
    if role == Role.CDA:
        # A CDA's role is held by an appointment (ending one ends the other).
        from ..appointments.services import cda_appointment_create
        from ..models import AppointmentKind

        appointment = cda_appointment_create(
            actor=actor,
            cluster=cluster,
            kind=appointment_kind or AppointmentKind.LEAD,
            user=user,
            starts_on=starts_on,
        )
        return appointment.role_assignment
    return role_grant(
        actor=actor,
        user=user,
        role=role,
        project=project,
        cluster=cluster if role in CLUSTER_ROLES else None,
        starts_on=starts_on,
    )


def _new_link(invitation: Invitation) -> None:
    now = timezone.now()
    invitation.nonce = new_nonce() if invitation.sets_password else ""
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=INVITATION_VALID_DAYS)


def _send_on_commit(invitation: Invitation, link_for: LinkFor) -> None:
    """Build the e-mail now (in the inviter's language) and send it once committed."""
    if invitation.sets_password:
        path = reverse("invitation-accept", args=[invitation_token(invitation)])
        template = "governance/invitations/email_invitation.txt"
    else:
        path = reverse("login")
        template = "governance/invitations/email_role_notice.txt"
    context = {
        "invitation": invitation,
        "link": link_for(path),
        "days": INVITATION_VALID_DAYS,
        "target": invitation.cluster or invitation.project,
    }
    subject = _("ClusterDev: %(role)s in %(target)s") % {
        "role": invitation.get_role_display(),
        "target": context["target"],
    }
    body = render_to_string(template, context)

    def send() -> None:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
        except Exception:  # noqa: BLE001 - the role stands; the coordinator can send again
            logger.exception("Invitation %s: the e-mail could not be sent", invitation.pk)

    transaction.on_commit(send)
