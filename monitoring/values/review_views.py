"""The coordinator's pages: the approval queue (approve several at once, return with a
reason), locking and reopening periods, and reporting completeness."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from clusters.models import Project
from governance.access import Action, get_authorized, visible
from governance.forms_support import form_page, posted, submit_to_service

from ..models import Indicator, IndicatorValue
from . import selectors, services
from .completeness import reporting_completeness
from .forms import PeriodLockForm, ReturnForm
from .locks import period_lock_set
from .views import safe_next

QUEUE_PAGE_SIZE = 30
VALUES = IndicatorValue.objects.select_related(
    "indicator__definition", "indicator__cluster", "indicator__project"
)


def _chosen(request, qs):
    raw = request.GET.get(qs.model._meta.model_name, "")
    return qs.filter(pk=raw).first() if raw.isdigit() else None


def approval_queue(request, pk: int):
    """Every submitted value of the project, oldest first; filter by cluster and
    indicator."""
    project = get_authorized(request.user, Project, Action.APPROVE, pk=pk)
    clusters = project.clusters.order_by("name")
    indicators = Indicator.objects.filter(project=project).select_related("definition", "cluster")
    cluster = _chosen(request, clusters)
    indicator = _chosen(request, indicators)
    queue = selectors.approval_queue(
        user=request.user, project=project, cluster=cluster, indicator=indicator
    )
    page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    values = selectors.with_parts(page.object_list)
    return render(
        request,
        "monitoring/values/queue.html",
        {
            "project": project,
            "page": page,
            "values": values,
            "clusters": clusters,
            "indicators": indicators.order_by("definition__code", "cluster__name"),
            "cluster": cluster,
            "indicator": indicator,
            "return_form": ReturnForm(),
            "next": request.get_full_path(),
        },
    )


@require_POST
def values_approve_selected(request, pk: int):
    """Approve the ticked values of the queue: all of them, or none with the reason."""
    project = get_authorized(request.user, Project, Action.APPROVE, pk=pk)
    ids = [i for i in request.POST.getlist("values") if i.isdigit()]
    chosen = list(
        visible(request.user, VALUES, Action.VIEW).filter(indicator__project=project, pk__in=ids)
    )
    try:
        done = services.values_approve(actor=request.user, values=chosen)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)s value approved.", "%(count)s values approved.", len(done))
            % {"count": len(done)},
        )
    return redirect(safe_next(request, reverse("values-queue", args=[project.pk])))


@require_POST
def value_approve(request, pk: int):
    value = get_authorized(request.user, VALUES, Action.APPROVE, pk=pk)
    try:
        services.value_approve(actor=request.user, value=value)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Value approved."))
    return redirect(safe_next(request, reverse("values-queue", args=[value.indicator.project_id])))


def value_return(request, pk: int):
    """Return a submitted value with a reason (the queue posts here; a missing reason
    shows this page with the error)."""
    value = get_authorized(request.user, VALUES, Action.APPROVE, pk=pk)
    form = ReturnForm(posted(request))
    done = safe_next(request, reverse("values-queue", args=[value.indicator.project_id]))

    def context() -> dict:
        # The value with its parts, read only when the page is shown.
        shown = VALUES.filter(pk=value.pk).prefetch_related(*selectors.VALUE_PARTS)
        return {"value": selectors.with_parts(shown)[0], "next": done}

    return form_page(
        request,
        form,
        lambda: services.value_return(
            actor=request.user, value=value, reason=form.cleaned_data["reason"]
        ),
        success=_("Value returned with your reason."),
        done=done,
        template="monitoring/values/return.html",
        context=context,
    )


def period_lock(request, pk: int):
    """Lock or reopen one period of the project, with a reason (APPROVE)."""
    project = get_authorized(request.user, Project, Action.APPROVE, pk=pk)
    data = posted(request)
    form = PeriodLockForm(
        data,
        initial={
            "period_start": request.GET.get("start"),
            "period_end": request.GET.get("end"),
            "locked": "1" if request.GET.get("locked", "1") == "1" else "0",
        },
    )
    done = safe_next(request, reverse("me-overview", args=[project.pk]))
    if data is not None and form.is_valid():
        locked = form.cleaned_data["locked"]
        result = submit_to_service(
            request,
            form,
            lambda: period_lock_set(actor=request.user, project=project, **form.cleaned_data),
            success=_("Period locked.") if locked else _("Period reopened."),
        )
        if result is not None:
            return redirect(done)
    locking = (data or {}).get("locked", form.initial.get("locked")) == "1"
    return render(
        request,
        "monitoring/values/period_lock.html",
        {"project": project, "form": form, "locking": locking, "next": done},
    )


def completeness(request, pk: int):
    """Reporting completeness per cluster and period, and per CDA (coordinator)."""
    project = get_authorized(request.user, Project, Action.APPROVE, pk=pk)
    return render(
        request,
        "monitoring/values/completeness.html",
        {"project": project, "report": reporting_completeness(project=project)},
    )
