"""The indicators of a cluster (or of the project as a whole): the list, adopting from
the pool, an indicator's M&E plan and its targets per period."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.access import Action, can, get_authorized
from governance.forms_support import form_page, posted, stamped_edit, submit_to_service

from ..models import Indicator
from ..owner_pages import owner_url, page_owner
from ..results.views import chain_url
from . import plan_services, selectors
from .forms import AdoptForm, IndicatorPlanForm, TargetsForm

INDICATORS = Indicator.objects.select_related("project", "cluster", "definition", "responsible")


def indicators_url(project_id: int, cluster_id: int | None) -> str:
    return owner_url("indicators", project_id, cluster_id)


def indicator_list(request, pk: int | None = None, cluster_pk: int | None = None):
    # A cluster's indicators follow the cluster; the project's own are project-wide.
    project, cluster = page_owner(request, pk, cluster_pk, Action.VIEW)
    cluster_id = cluster.pk if cluster else None
    return render(
        request,
        "monitoring/indicators/indicator_list.html",
        {
            "project": project,
            "cluster": cluster,
            "indicators": list(
                selectors.indicator_list(user=request.user, project=project, cluster=cluster)
            ),
            "can_manage": can(request.user, Action.MANAGE, cluster or project),
            "adopt_url": owner_url("indicators-adopt", project.pk, cluster_id),
            "chain_url": chain_url(project.pk, cluster_id),
            "back_url": owner_url("detail", project.pk, cluster_id),
        },
    )


def indicators_adopt(request, pk: int | None = None, cluster_pk: int | None = None):
    project, cluster = page_owner(request, pk, cluster_pk, Action.MANAGE)
    form = AdoptForm(posted(request), project=project, cluster=cluster)
    back = indicators_url(project.pk, cluster.pk if cluster else None)
    if request.method == "POST" and form.is_valid():
        created = submit_to_service(
            request,
            form,
            lambda: plan_services.indicators_adopt(
                actor=request.user, project=project, cluster=cluster, **form.cleaned_data
            ),
            success=ngettext(
                "%(n)s indicator adopted.",
                "%(n)s indicators adopted.",
                len(form.cleaned_data["definitions"]),
            )
            % {"n": len(form.cleaned_data["definitions"])},
        )
        if created is not None:
            return redirect(back)
    return render(
        request,
        "monitoring/indicators/adopt.html",
        {
            "form": form,
            "project": project,
            "cluster": cluster,
            "back_url": back,
            "pool_url": reverse("indicator-pool", args=[project.pk]),
        },
    )


def indicator_plan(request, pk: int):
    indicator = get_authorized(request.user, INDICATORS, Action.MANAGE, pk=pk)
    form = IndicatorPlanForm(posted(request), instance=indicator, actor=request.user)
    back = indicators_url(indicator.project_id, indicator.cluster_id)
    return form_page(
        request,
        form,
        stamped_edit(request, form, plan_services.indicator_update, indicator=indicator),
        success=_("M&E plan saved."),
        done=back,
        template="monitoring/indicators/plan_form.html",
        context={"indicator": indicator, "back_url": back},
    )


def indicator_targets(request, pk: int):
    """Targets per period: everyone who sees the indicator reads them; the coordinator
    sets them (one row per period)."""
    action = Action.MANAGE if request.method == "POST" else Action.VIEW
    indicator = get_authorized(request.user, INDICATORS, action, pk=pk)
    can_manage = can(request.user, Action.MANAGE, indicator)
    rows = selectors.target_rows(indicator=indicator)
    form = TargetsForm(posted(request), indicator=indicator, rows=rows) if can_manage else None
    return form_page(
        request,
        form,
        lambda: plan_services.indicator_targets_save(
            actor=request.user,
            indicator=indicator,
            targets=form.targets(),
            seen_updated_at=form.cleaned_data["updated_at"],
        ),
        success=_("Targets saved."),
        done=reverse("indicator-targets", args=[indicator.pk]),
        template="monitoring/indicators/targets.html",
        context={
            "indicator": indicator,
            "rows": rows,
            "by_sex": indicator.definition.disaggregation == "sex",
            "back_url": indicators_url(indicator.project_id, indicator.cluster_id),
        },
    )
