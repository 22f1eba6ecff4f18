"""The People page: grant and end roles on a project and its clusters."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import Cluster, ClusterStatus, Project

from ..access import Action, can, get_authorized
from ..forms_support import form_page, posted
from ..models import CDAAppointment, Invitation, RoleAssignment
from . import selectors, services
from .forms import RoleGrantForm
from .person_search import SEARCH, results_context


def project_people(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    form = RoleGrantForm(posted(request), project=project, actor=request.user)
    return form_page(
        request,
        form,
        lambda: services.role_grant(actor=request.user, project=project, **form.cleaned_data),
        success=_("Role granted."),
        done=reverse("project-people", args=[project.pk]),
        template="governance/people.html",
        context=lambda: {
            "project": project,
            "assignments": selectors.project_people(project=project),
            "today": timezone.localdate(),
            "selected_clusters": Cluster.objects.filter(
                project=project, status=ClusterStatus.SELECTED
            ).order_by("name"),
            "invitations": Invitation.objects.filter(
                project=project, sets_password=True, accepted_at__isnull=True
            ).select_related("user", "cluster"),
        },
    )


def people_search(request, pk: int):
    """The matches for the person search of the People and Appointments pages (an htmx
    fragment: radio buttons), among the people the coordinator may name."""
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    context = results_context(actor=request.user, text=request.GET.get(SEARCH, ""), project=project)
    return render(request, "governance/_person_results.html", context)


def role_assignment_end(request, pk: int, assignment_pk: int):
    """GET asks for confirmation (what ends, for whom); POST ends the role today.

    The project's last active coordinator is refused, with the reason shown next to
    the action (the service checks it again under a lock)."""
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("user", "cluster"), pk=assignment_pk, project=project
    )
    linked = CDAAppointment.objects.filter(role_assignment=assignment).first()
    refusal = services.last_coordinator_refusal(assignment=assignment)
    if request.method == "POST":
        try:
            services.role_end(actor=request.user, assignment=assignment)
        except ValidationError as exc:
            refusal = " ".join(exc.messages)
        else:
            if linked is not None:
                messages.success(
                    request, _("Role ended: access removed and the CDA appointment ended.")
                )
            else:
                messages.success(request, _("Role ended: access removed."))
            if not can(request.user, Action.MANAGE, project):
                return redirect("home")  # one's own role ended: the People page is gone
            return redirect("project-people", pk=project.pk)
    today = timezone.localdate()
    return render(
        request,
        "governance/end_confirm.html",
        {
            "kind": "role",
            "assignment": assignment,
            "appointment": linked,
            "project": project,
            "own": assignment.user_id == request.user.pk,
            "ended": assignment.ends_on is not None and assignment.ends_on <= today,
            "refusal": refusal,
            "back_url": reverse("project-people", args=[project.pk]),
            "back_label": _("People and roles"),
        },
    )
