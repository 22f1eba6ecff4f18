from functools import cache

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusters.models import Cluster
from governance.access import Action, authorize_rule, can, get_authorized
from governance.access.rules import may_correct_activity
from governance.forms_support import form_page, posted, stamped_edit
from governance.idempotency import form_page_once, form_payload

from . import selectors, services
from .forms import FieldActivityEditForm, FieldActivityForm, WithdrawForm
from .models import FieldActivity

PAGE_SIZE = 25


def _cluster(request, cluster_pk: int, action: Action) -> Cluster:
    return get_authorized(
        request.user, Cluster.objects.select_related("project"), action, pk=cluster_pk
    )


def activity_list(request, cluster_pk: int):
    cluster = _cluster(request, cluster_pk, Action.VIEW)
    activities = selectors.field_activity_list(user=request.user, cluster=cluster)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    totals = activities.counted().aggregate(count=Count("pk"), women=Sum("women"), men=Sum("men"))

    # Asked once per action whatever the number of rows (they share the cluster).
    @cache
    def ask(action, obj):
        return can(request.user, action, obj)

    for activity in page:
        activity.cluster = cluster
        activity.correctable = may_correct_activity(request.user, activity, ask=ask)
    return render(
        request,
        "actionplans/activity_list.html",
        {
            "cluster": cluster,
            "page": page,
            "totals": totals,
            "can_work": ask(Action.WORK, cluster),
        },
    )


def activity_create(request, cluster_pk: int):
    cluster = _cluster(request, cluster_pk, Action.WORK)
    form = FieldActivityForm(request.POST or None)
    return form_page_once(
        request,
        form,
        lambda: services.field_activity_create(
            actor=request.user, cluster=cluster, **form_payload(form)
        ),
        success=_("Activity recorded."),
        done=reverse("activity-list", args=[cluster.pk]),
        route=services.CREATE_ROUTE,
        payload_extra={"cluster": cluster.pk},
        template="actionplans/activity_form.html",
        context={"cluster": cluster},
    )


def _correctable(request, cluster_pk: int, pk: int) -> FieldActivity:
    """The entry, if the user may correct it: 404 outside their scope, 403 otherwise."""
    activity = get_authorized(
        request.user,
        FieldActivity.objects.select_related("cluster__project").filter(cluster_id=cluster_pk),
        Action.VIEW,
        pk=pk,
    )
    authorize_rule(request.user, may_correct_activity(request.user, activity), scope=activity)
    return activity


def _correction_page(request, form, write, *, activity: FieldActivity, success: str, template):
    """A correction of an activity's entry, back to the cluster's activities once saved."""
    return form_page(
        request,
        form,
        write,
        success=success,
        done=reverse("activity-list", args=[activity.cluster_id]),
        template=template,
        context={"cluster": activity.cluster, "activity": activity},
    )


def activity_edit(request, cluster_pk: int, pk: int):
    activity = _correctable(request, cluster_pk, pk)
    form = FieldActivityEditForm(posted(request), instance=activity)
    return _correction_page(
        request,
        form,
        stamped_edit(request, form, services.field_activity_update, activity=activity),
        activity=activity,
        success=_("Activity corrected."),
        template="actionplans/activity_edit.html",
    )


def activity_withdraw(request, cluster_pk: int, pk: int):
    activity = _correctable(request, cluster_pk, pk)
    form = WithdrawForm(posted(request), activity=activity)
    return _correction_page(
        request,
        form,
        lambda: services.field_activity_withdraw(
            actor=request.user,
            activity=activity,
            reason=form.cleaned_data["withdraw_reason"],
            seen_updated_at=form.cleaned_data["updated_at"],
        ),
        activity=activity,
        success=_("Activity withdrawn: it no longer counts in the totals."),
        template="actionplans/activity_withdraw.html",
    )


def activity_panel(request, cluster):
    """The cluster page's 'Field activity' section: the five latest entries that count."""
    activities = list(
        selectors.field_activity_list(user=request.user, cluster=cluster, counted_only=True)[:5]
    )
    return {
        "template": "actionplans/_activity_panel.html",
        "cluster": cluster,
        "activities": activities,
        "can_work": can(request.user, Action.WORK, cluster),
    }


@login_not_required
@require_GET
def service_worker(request):
    """The offline field log's service worker (static/js/sw.js), served from the site's
    root so that its scope covers every page (a worker under /static/ would only see
    /static/). Open to anonymous users: it holds no data, and a signed-out phone must
    still be able to update it."""
    path = finders.find("js/sw.js")
    if path is None:
        raise Http404("No service worker.")
    with open(path, "rb") as script:
        response = HttpResponse(script.read(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
