from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clusters.models import Cluster
from governance.access import Action, can, get_authorized
from governance.forms_support import apply_service_errors

from . import selectors, services
from .forms import FieldActivityForm


def activity_list(request, cluster_pk: int):
    cluster = get_authorized(
        request.user, Cluster.objects.select_related("project"), Action.VIEW, pk=cluster_pk
    )
    return render(
        request,
        "actionplans/activity_list.html",
        {
            "cluster": cluster,
            "activities": selectors.field_activity_list(user=request.user, cluster=cluster),
            "can_work": can(request.user, Action.WORK, cluster),
        },
    )


def activity_create(request, cluster_pk: int):
    cluster = get_authorized(
        request.user, Cluster.objects.select_related("project"), Action.WORK, pk=cluster_pk
    )
    form = FieldActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.field_activity_create(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Activity recorded."))
            return redirect("activity-list", cluster_pk=cluster.pk)
    return render(request, "actionplans/activity_form.html", {"cluster": cluster, "form": form})


def activity_panel(request, cluster):
    """The cluster page's 'Field activity' section: the five latest entries."""
    activities = list(selectors.field_activity_list(user=request.user, cluster=cluster)[:5])
    return {
        "template": "actionplans/_activity_panel.html",
        "cluster": cluster,
        "activities": activities,
        "can_work": can(request.user, Action.WORK, cluster),
    }
