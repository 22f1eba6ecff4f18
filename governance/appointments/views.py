"""The CDA appointments and hand-over pages of a cluster."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import Cluster

from ..access import Action, authorize, can, get_authorized
from ..forms_support import form_page, posted, submitted
from ..models import CDAAppointment, HandOver
from ..uploads import document_download
from . import selectors, services
from .forms import AppointmentForm, HandOverForm

CLUSTERS = Cluster.objects.select_related("project")


def cluster_appointments(request, cluster_pk: int):
    """The cluster's CDA appointments; the coordinator appoints here (POST)."""
    cluster = get_authorized(request.user, CLUSTERS, Action.VIEW, pk=cluster_pk)
    if request.method == "POST":
        authorize(request.user, Action.MANAGE, cluster)  # 403 for a reader who posts
    can_manage = can(request.user, Action.MANAGE, cluster)
    form = (
        AppointmentForm(*submitted(request), actor=request.user, project=cluster.project)
        if can_manage
        else None
    )
    return form_page(
        request,
        form,
        lambda: services.cda_appointment_create(
            actor=request.user, cluster=cluster, **form.cleaned_data
        ),
        success=_("Appointment recorded."),
        done=reverse("cluster-appointments", args=[cluster.pk]),
        template="governance/appointments.html",
        context={
            "cluster": cluster,
            "appointments": selectors.appointment_list(user=request.user, cluster=cluster),
            "can_manage": can_manage,
            "today": timezone.localdate(),
        },
    )


def appointment_end(request, pk: int):
    """GET asks for confirmation (what ends, for whom); POST ends the appointment today."""
    appointment = get_authorized(
        request.user,
        CDAAppointment.objects.select_related("cluster", "user"),
        Action.MANAGE,
        pk=pk,
    )
    refusal = None
    if request.method == "POST":
        try:
            services.cda_appointment_end(actor=request.user, appointment=appointment)
        except ValidationError as exc:
            refusal = " ".join(exc.messages)
        else:
            messages.success(request, _("Appointment ended: the CDA's access is removed."))
            return redirect("cluster-appointments", cluster_pk=appointment.cluster_id)
    return render(
        request,
        "governance/end_confirm.html",
        {
            "kind": "appointment",
            "appointment": appointment,
            "ended": appointment.ends_on is not None
            and appointment.ends_on <= timezone.localdate(),
            "refusal": refusal,
            "back_url": reverse("cluster-appointments", args=[appointment.cluster_id]),
            "back_label": _("CDA appointments"),
        },
    )


def appointment_terms(request, pk: int):
    appointment = get_authorized(request.user, CDAAppointment, Action.VIEW, pk=pk)
    return document_download(appointment.terms_file, f"terms-of-reference-{appointment.pk}")


def cluster_hand_over(request, cluster_pk: int):
    cluster = get_authorized(request.user, CLUSTERS, Action.MANAGE, pk=cluster_pk)
    existing = HandOver.objects.filter(cluster=cluster).first()
    form = None if existing else HandOverForm(posted(request))
    return form_page(
        request,
        form,
        lambda: services.hand_over_record(actor=request.user, cluster=cluster, **form.cleaned_data),
        success=_("Hand-over recorded: the cluster is phased out."),
        done=reverse("cluster-detail", args=[cluster.pk]),
        template="governance/hand_over.html",
        context={"cluster": cluster, "hand_over": existing},
    )
