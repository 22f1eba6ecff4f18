"""Invitation pages: the coordinator's "Invite a person" form and "Send again", and the
invited person's link, where they choose a password (or learn why the link no longer
works and ask for a new one)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from clusters.models import Project

from ..access import Action, get_authorized
from ..forms_support import apply_service_errors, posted
from ..models import Invitation
from . import services
from .forms import INVITED_AS, InvitationForm
from .tokens import INVITATION_VALID_DAYS, LinkState, invitation_from_token

# Django's ModelBackend: the person has just proved the link, not typed a password to a
# backend, so login() is told which backend vouches for the account.
_BACKEND = "django.contrib.auth.backends.ModelBackend"
# A link that can no longer set a password says why: gone for good (used, replaced) or
# never ours; an expired link still offers a new one.
_LINK_STATUS = {
    LinkState.VALID: 200,
    LinkState.EXPIRED: 200,
    LinkState.USED: 410,
    LinkState.REPLACED: 410,
    LinkState.INVALID: 404,
}


def invitation_create(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    # The Appointments page links here with the cluster and "CDA" chosen.
    initial = {key: request.GET[key] for key in ("cluster", "invited_as") if key in request.GET}
    if initial.get("invited_as") not in INVITED_AS:
        initial.pop("invited_as", None)
    form = InvitationForm(posted(request), project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=request.user,
                project=project,
                link_for=request.build_absolute_uri,
                **form.service_data(),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _created_message(invitation))
            return redirect("project-people", pk=project.pk)
    return render(
        request,
        "governance/invitations/invite.html",
        {"form": form, "project": project, "days": INVITATION_VALID_DAYS},
    )


def _created_message(invitation: Invitation) -> str:
    names = {"person": invitation.user, "email": invitation.email}
    if not invitation.existing_account:
        return _("Invitation sent to %(email)s: %(person)s now holds the role.") % names
    if invitation.sets_password:
        return (
            _(
                "%(email)s already had an account (%(person)s): the role is granted to it, "
                "and a link to choose a password was sent."
            )
            % names
        )
    return (
        _(
            "%(email)s already had an account (%(person)s): the role is granted to it, and "
            "they were told by e-mail."
        )
        % names
    )


@require_POST
def invitation_resend(request, pk: int, invitation_pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, project=project)
    try:
        services.invitation_resend(
            actor=request.user, invitation=invitation, link_for=request.build_absolute_uri
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Invitation sent again to %(email)s; the earlier link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("project-people", pk=project.pk)


@login_not_required
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def invitation_accept(request, token: str):
    invitation, state = invitation_from_token(token)
    form = None
    if state is LinkState.VALID:
        form = SetPasswordForm(invitation.user, posted(request))
        if request.method == "POST" and form.is_valid():
            user = services.invitation_accept(invitation=invitation, password_form=form)
            login(request, user, backend=_BACKEND)
            messages.success(request, _("Your password is set and you are signed in. Welcome!"))
            return redirect("home")
    return render(
        request,
        "governance/invitations/accept.html",
        {"invitation": invitation, "state": state.value, "form": form, "token": token},
        status=_LINK_STATUS[state],
    )


@login_not_required
@require_POST
def invitation_renew(request, token: str):
    """From an expired link: send a new one to the same address."""
    invitation, state = invitation_from_token(token)
    if state is not LinkState.EXPIRED:
        return redirect("invitation-accept", token=token)
    services.invitation_link_renew(invitation=invitation, link_for=request.build_absolute_uri)
    return render(
        request,
        "governance/invitations/renewed.html",
        {"days": INVITATION_VALID_DAYS, "login_url": reverse("login")},
    )
