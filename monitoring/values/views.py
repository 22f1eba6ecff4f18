"""The CDA's pages: what is due (one short form per indicator and period), entering a
value, the indicator's page with its periods and history, evidence downloads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from clusters.models import Cluster, Project
from governance.access import Action, can, get_authorized, visible
from governance.forms_support import form_page, submitted
from governance.uploads import document_download

from ..models import IndicatorValue, IndicatorValueEvidence
from ..models.values import PENDING_STATUSES
from . import selectors, services
from .forms import ValueForm, initial_from
from .history import indicator_events
from .locks import lock_state


def form_prefix(indicator, period) -> str:
    """One form per indicator and period on a page: distinct field ids."""
    return f"i{indicator.pk}-{period.key}"


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _filters(request):
    """The due page's optional project and cluster, among those the user may see."""
    project = cluster = None
    if request.GET.get("project", "").isdigit():
        project = visible(request.user, Project).filter(pk=request.GET["project"]).first()
    if request.GET.get("cluster", "").isdigit():
        cluster = visible(request.user, Cluster).filter(pk=request.GET["cluster"]).first()
    return project, cluster


def values_due(request):
    """What is due across every cluster the user may report on (a coordinator: the whole
    project), returned values first, then overdue, then due."""
    project, cluster = _filters(request)
    due = selectors.due_list(user=request.user, project=project, cluster=cluster)
    here = request.get_full_path()
    for item in due.open:
        item.form = ValueForm(
            initial=initial_from(item.pending),
            definition=item.indicator.definition,
            prefix=form_prefix(item.indicator, item.period),
        )
        item.action = reverse("value-enter", args=[item.indicator.pk, item.period.key])
    return render(
        request,
        "monitoring/values/due.html",
        {"due": due, "next": here, "project": project, "cluster": cluster},
    )


INDICATORS = selectors.INDICATORS


def value_enter(request, pk: int, period: str):
    """Enter, fix or correct the value of one indicator and period ("Submit" sends it
    for approval; "Save draft" keeps it). A locked period shows why instead."""
    indicator = get_authorized(request.user, INDICATORS, Action.WORK, pk=pk)
    try:
        period_obj = services.indicator_period(indicator, period)
    except ValidationError as exc:
        raise Http404(_("This indicator has no such period.")) from exc
    lock = lock_state(indicator.project, period_obj)
    pending = selectors.with_parts(
        IndicatorValue.objects.filter(
            indicator=indicator, period_start=period_obj.start, status__in=PENDING_STATUSES
        ).prefetch_related(*selectors.VALUE_PARTS)
    )
    pending = pending[0] if pending else None
    data, files = submitted(request)
    form = None
    if not lock.locked:
        form = ValueForm(
            data,
            files,
            initial=initial_from(pending),
            definition=indicator.definition,
            prefix=form_prefix(indicator, period_obj),
        )
    done = safe_next(request, reverse("indicator-detail", args=[indicator.pk]))
    submit = request.POST.get("action") != "draft"

    def context() -> dict:
        approved = IndicatorValue.objects.filter(
            indicator=indicator, period_start=period_obj.start, status="approved"
        ).first()
        return {
            "indicator": indicator,
            "period": period_obj,
            "lock": lock,
            "pending": pending,
            "approved": approved,
            "next": done,
        }

    return form_page(
        request,
        form,
        lambda: services.value_save(
            actor=request.user,
            indicator=indicator,
            period_start=period_obj.start,
            submit=submit,
            seen_updated_at=form.cleaned_data.get("updated_at"),
            evidence=form.cleaned_data.get("evidence") or [],
            **form.service_data(),
        ),
        success=_("Value submitted for approval.") if submit else _("Draft saved."),
        done=done,
        template="monitoring/values/value_form.html",
        context=context,
    )


def indicator_detail(request, pk: int):
    """An indicator's values per period (status, value, women/men, target, who entered,
    why returned) and its history of named events."""
    indicator = get_authorized(request.user, INDICATORS, Action.VIEW, pk=pk)
    rows = selectors.indicator_period_rows(indicator=indicator)
    return render(
        request,
        "monitoring/values/indicator_detail.html",
        {
            "indicator": indicator,
            "definition": indicator.definition,
            "rows": rows,
            "events": indicator_events(indicator=indicator, periods=[r.period for r in rows]),
            "can_work": can(request.user, Action.WORK, indicator),
            "can_approve": can(request.user, Action.APPROVE, indicator),
            "next": request.get_full_path(),
        },
    )


def evidence_download(request, pk: int):
    """An evidence file, to whoever may see its value."""
    evidence = get_authorized(
        request.user,
        IndicatorValueEvidence.objects.select_related("indicator_value__indicator__definition"),
        Action.VIEW,
        pk=pk,
    )
    value = evidence.indicator_value
    hint = f"{value.indicator.definition.code}-{value.period_start.isoformat()}-{evidence.pk}"
    return document_download(evidence.file, hint)
