"""The reminders page (what the signed-in person should act on, overdue first) and their
choice about reminder e-mails. Each person sees and changes only their own."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters.models import Cluster, Project
from governance.access import Action, get_authorized, visible
from governance.forms_support import submit_to_service

from . import selectors, services
from .forms import ReminderPreferenceForm

PAGE_SIZE = 50


def _chosen(request, model):
    """The project or cluster named in the query string (404 outside the user's scope)."""
    raw = request.GET.get(model._meta.model_name, "")
    return get_authorized(request.user, model, Action.VIEW, pk=raw) if raw.isdigit() else None


def _coordinates(user) -> bool:
    """Whether the weekly digest applies: the user may manage a project."""
    return visible(user, Project, Action.MANAGE).exists()


def _query(project, cluster) -> str:
    if cluster is not None:
        return f"cluster={cluster.pk}"
    return f"project={project.pk}" if project is not None else ""


def _page(request, form: ReminderPreferenceForm):
    project, cluster = _chosen(request, Project), _chosen(request, Cluster)
    items = selectors.reminders_in(
        selectors.reminders_for(request.user),
        project_id=project.pk if project else None,
        cluster_id=cluster.pk if cluster else None,
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/reminders/reminder_list.html",
        {
            "page": page,
            "groups": selectors.grouped(page.object_list),
            "count": len(items),
            "overdue": sum(1 for item in items if item.group == selectors.OVERDUE),
            "scope": cluster or project,
            "query": _query(project, cluster),  # kept on the pager's links
            "form": form,
        },
    )


def reminder_list(request):
    preference = selectors.preference_of(request.user)
    form = ReminderPreferenceForm(
        initial={
            "emails_enabled": preference.emails_enabled,
            "weekly_digest_enabled": preference.weekly_digest_enabled,
            "language": preference.language or request.LANGUAGE_CODE,
        },
        digest=_coordinates(request.user),
    )
    return _page(request, form)


@require_POST
def reminder_preferences(request):
    preference = selectors.preference_of(request.user)
    form = ReminderPreferenceForm(request.POST, digest=_coordinates(request.user))
    if form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            request,
            form,
            lambda: services.reminder_preference_set(
                actor=request.user,
                emails_enabled=data["emails_enabled"],
                # Not offered to those who coordinate nothing: left as it was.
                weekly_digest_enabled=data.get(
                    "weekly_digest_enabled", preference.weekly_digest_enabled
                ),
                language=data["language"],
            ),
            success=_("Your reminder e-mail settings are saved."),
        )
        if saved is not None:
            return redirect(reverse("reminder-list") + "#preferences")
    return _page(request, form)
