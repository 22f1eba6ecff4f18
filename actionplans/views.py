from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import Cluster
from governance.access import Action, can, get_authorized
from governance.forms_support import form_page

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
    return form_page(
        request,
        form,
        lambda: services.field_activity_create(
            actor=request.user, cluster=cluster, **form.cleaned_data
        ),
        success=_("Activity recorded."),
        done=reverse("activity-list", args=[cluster.pk]),
        template="actionplans/activity_form.html",
        context={"cluster": cluster},
    )


def activity_panel(request, cluster):
    """The cluster page's 'Field activity' section: the five latest entries."""
    activities = list(selectors.field_activity_list(user=request.user, cluster=cluster)[:5])
    return {
        "template": "actionplans/_activity_panel.html",
        "cluster": cluster,
        "activities": activities,
        "can_work": can(request.user, Action.WORK, cluster),
    }
