"""The indicator pool pages (a project's definitions, UNIDO's starter pool adopted, a
definition created or edited) and the project's M&E settings. The indicators adopted
by a cluster or the project, with their plans and targets, are in ``plan_views``."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from clusters.models import Project
from governance.access import Action, authorize_rule, can, can_project_wide, get_authorized
from governance.forms_support import posted, stamped_edit, titled_form_page

from ..models import IndicatorDefinition
from ..results.views import ME_FORM_PAGE
from . import selectors, services
from .forms import DefinitionForm, SettingsForm
from .schedule import project_settings

# The rules in short, for the pool's table (the choices' labels explain them in full).
RULE_LABELS = {
    "sum": gettext_lazy("Sum"),
    "last": gettext_lazy("Last value"),
    "average": gettext_lazy("Average"),
    "ratio": gettext_lazy("Ratio"),
}


def pool_project(request, pk: int, action: Action) -> Project:
    """The project of a pool page: the pool is for project-level roles (the coordinator
    writes it, the Steering Committee reads it)."""
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    authorize_rule(request.user, can_project_wide(request.user, action, project), scope=project)
    return project


def pool(request, pk: int):
    project = pool_project(request, pk, Action.VIEW)
    definitions = list(selectors.pool_list(user=request.user, project=project))
    for d in definitions:
        d.time_label = RULE_LABELS[d.time_aggregation]
        d.cluster_label = RULE_LABELS[d.cluster_aggregation]
    return render(
        request,
        "monitoring/indicators/pool.html",
        {
            "project": project,
            "definitions": definitions,
            "can_manage": can(request.user, Action.MANAGE, project),
        },
    )


@require_POST
def pool_starter(request, pk: int):
    project = pool_project(request, pk, Action.MANAGE)
    created = services.pool_adopt_starter(actor=request.user, project=project)
    if created:
        messages.success(
            request,
            ngettext(
                "%(n)s indicator of UNIDO's starter pool added.",
                "%(n)s indicators of UNIDO's starter pool added.",
                len(created),
            )
            % {"n": len(created)},
        )
    else:
        messages.info(request, _("The pool has every starter indicator already."))
    return redirect("indicator-pool", pk=project.pk)


def _definition_page(request, form, write, *, project: Project, **page):
    back_url = reverse("indicator-pool", args=[project.pk])
    return titled_form_page(
        request, form, write, subtitle=project, back_url=back_url, template=ME_FORM_PAGE, **page
    )


def definition_create(request, pk: int):
    project = pool_project(request, pk, Action.MANAGE)
    form = DefinitionForm(posted(request), project=project)
    return _definition_page(
        request,
        form,
        lambda: services.definition_create(
            actor=request.user, project=project, **form.service_data()
        ),
        success=_("Indicator added to the pool."),
        title=_("Add an indicator to the pool"),
        project=project,
    )


def definition_edit(request, pk: int):
    definition = get_authorized(
        request.user, IndicatorDefinition.objects.select_related("project"), Action.MANAGE, pk=pk
    )
    form = DefinitionForm(posted(request), project=definition.project, instance=definition)
    return _definition_page(
        request,
        form,
        stamped_edit(request, form, services.definition_update, definition=definition),
        success=_("Indicator saved."),
        title=_("Edit indicator %(code)s") % {"code": definition.code},
        project=definition.project,
    )


def monitoring_settings(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    current = project_settings(project)
    form = SettingsForm(posted(request), instance=current)
    return titled_form_page(
        request,
        form,
        stamped_edit(request, form, services.monitoring_settings_save, project=project),
        success=_("M&E settings saved."),
        title=_("M&E settings"),
        subtitle=project,
        back_url=reverse("me-overview", args=[project.pk]),
        template=ME_FORM_PAGE,
    )
