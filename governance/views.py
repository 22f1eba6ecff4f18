from pathlib import Path

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters.models import Cluster, ClusterStatus, Project

from . import selectors, services
from .access import Action, can, get_authorized
from .audit import history_rows
from .forms import (
    AppointmentForm,
    BodyMemberForm,
    DecisionForm,
    DecisionStatusForm,
    HandOverForm,
    MeetingForm,
    RoleGrantForm,
)
from .models import (
    Body,
    BodyMember,
    CDAAppointment,
    Decision,
    DecisionStatus,
    HandOver,
    Meeting,
    RoleAssignment,
)


@login_not_required
def health(request):
    """For load balancers and docker-compose: the app answers and the database too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "database unavailable"}, status=503)


def project_people(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    form = RoleGrantForm(_post(request), project=project, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.role_grant(
                actor=request.user,
                user=data["username"],
                role=data["role"],
                project=project,
                cluster=data["cluster"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Role granted."))
            return redirect("project-people", pk=project.pk)
    assignments = selectors.project_people(project=project)
    today = timezone.localdate()
    return render(
        request,
        "governance/people.html",
        {
            "project": project,
            "form": form,
            "assignments": assignments,
            "today": today,
            "selected_clusters": Cluster.objects.filter(
                project=project, status=ClusterStatus.SELECTED
            ).order_by("name"),
        },
    )


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


def object_history(request, app_label: str, model_name: str, pk: int):
    """An object's audit trail (who changed what, when, old -> new). Coordinators only.

    Any model that declares an ``access_scope`` has a history page; access follows
    the object's cluster or project like everything else.
    """
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    if getattr(model, "access_scope", None) is None:
        raise Http404
    obj = get_authorized(request.user, model, Action.MANAGE, pk=pk)
    return render(
        request,
        "governance/history.html",
        {"object": obj, "rows": history_rows(obj)},
    )


# --- Phase 2: appointments, Commission and Steering Committee, meetings, hand-over -----


def _post(request):
    """The POSTed data, even when empty (an empty form must show its errors)."""
    return request.POST if request.method == "POST" else None


def _submitted(request) -> tuple:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _form_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the form's fields (or on top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _cluster(request, pk: int, action: Action = Action.VIEW) -> Cluster:
    return get_authorized(request.user, Cluster.objects.select_related("project"), action, pk=pk)


def _download(field_file, name_hint: str) -> FileResponse:
    if not field_file:
        raise Http404(_("No file is attached."))
    filename = name_hint + Path(field_file.name).suffix.lower()
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=filename)


def cluster_appointments(request, cluster_pk: int):
    """The cluster's CDA appointments; the coordinator appoints here (POST)."""
    action = Action.MANAGE if request.method == "POST" else Action.VIEW
    cluster = _cluster(request, cluster_pk, action)
    can_manage = can(request.user, Action.MANAGE, cluster)
    form = AppointmentForm(*_submitted(request), actor=request.user) if can_manage else None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.cda_appointment_create(
                actor=request.user,
                cluster=cluster,
                kind=data["kind"],
                user=data["username"],
                organisation_name=data["organisation_name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                terms_of_reference=data["terms_of_reference"],
                terms_file=data["terms_file"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Appointment recorded."))
            return redirect("cluster-appointments", cluster_pk=cluster.pk)
    return render(
        request,
        "governance/appointments.html",
        {
            "cluster": cluster,
            "appointments": selectors.appointment_list(user=request.user, cluster=cluster),
            "form": form,
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
    return _download(appointment.terms_file, f"terms-of-reference-{appointment.pk}")


def _body_page(request, body: Body, *, back_url: str, back_label: str):
    """A body's page. A body not created yet shows empty (no members, no meetings):
    reading creates nothing, the first member or meeting does."""
    member_url, meeting_url = _body_create_urls(body)
    return render(
        request,
        "governance/body.html",
        {
            "body": body,
            "members": selectors.body_members(body=body),
            "meetings": selectors.meeting_list(user=request.user, body=body),
            "can_work": services.body_can(request.user, Action.WORK, body),
            "member_create_url": member_url,
            "meeting_create_url": meeting_url,
            "today": timezone.localdate(),
            "back_url": back_url,
            "back_label": back_label,
        },
    )


def cluster_commission(request, cluster_pk: int):
    cluster = _cluster(request, cluster_pk)
    body = selectors.commission_of(cluster=cluster)  # the Commission follows its cluster
    return _body_page(
        request,
        body,
        back_url=reverse("cluster-detail", args=[cluster.pk]),
        back_label=cluster.name,
    )


def project_steering(request, pk: int):
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    body = services.body_authorize(
        request.user, Action.VIEW, selectors.steering_committee_of(project=project)
    )
    return _body_page(
        request,
        body,
        back_url=reverse("project-detail", args=[project.pk]),
        back_label=project.name,
    )


def _body_url(body: Body) -> str:
    if body.cluster_id:
        return reverse("cluster-commission", args=[body.cluster_id])
    return reverse("project-steering", args=[body.project_id])


def _body_create_urls(body: Body) -> tuple[str, str]:
    """Where to add a member and record a meeting (by the cluster or project while the
    body does not exist yet)."""
    if body.pk is not None:
        return reverse("member-create", args=[body.pk]), reverse("meeting-create", args=[body.pk])
    if body.cluster_id:
        return (
            reverse("commission-member-create", args=[body.cluster_id]),
            reverse("commission-meeting-create", args=[body.cluster_id]),
        )
    return (
        reverse("steering-member-create", args=[body.project_id]),
        reverse("steering-meeting-create", args=[body.project_id]),
    )


BODIES = Body.objects.select_related("project", "cluster")


def _commission_for_work(request, cluster_pk: int) -> Body:
    cluster = _cluster(request, cluster_pk)
    return services.body_authorize(
        request.user, Action.WORK, selectors.commission_of(cluster=cluster)
    )


def _steering_for_work(request, pk: int) -> Body:
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    return services.body_authorize(
        request.user, Action.WORK, selectors.steering_committee_of(project=project)
    )


def member_create(request, body_pk: int):
    return _member_create(request, get_authorized(request.user, BODIES, Action.WORK, pk=body_pk))


def commission_member_create(request, cluster_pk: int):
    return _member_create(request, _commission_for_work(request, cluster_pk))


def steering_member_create(request, pk: int):
    return _member_create(request, _steering_for_work(request, pk))


def _member_create(request, body: Body):
    form = BodyMemberForm(_post(request), body=body)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_member_create(actor=request.user, body=body, **form.service_data())
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Member added."))
            return redirect(_body_url(body))
    return render(
        request,
        "governance/form_page.html",
        {"form": form, "title": _("Add a member"), "subtitle": body, "back_url": _body_url(body)},
    )


def member_edit(request, pk: int):
    member = get_authorized(
        request.user, BodyMember.objects.select_related("body__project", "user"), Action.WORK, pk=pk
    )
    form = BodyMemberForm(_post(request), instance=member, body=member.body)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_member_update(
                actor=request.user,
                member=member,
                seen_updated_at=form.cleaned_data["updated_at"],
                **form.service_data(),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Member saved."))
            return redirect(_body_url(member.body))
    return render(
        request,
        "governance/form_page.html",
        {
            "form": form,
            "title": _("Edit member"),
            "subtitle": member.body,
            "back_url": _body_url(member.body),
        },
    )


def meeting_create(request, body_pk: int):
    return _meeting_create(request, get_authorized(request.user, BODIES, Action.WORK, pk=body_pk))


def commission_meeting_create(request, cluster_pk: int):
    return _meeting_create(request, _commission_for_work(request, cluster_pk))


def steering_meeting_create(request, pk: int):
    return _meeting_create(request, _steering_for_work(request, pk))


def _meeting_create(request, body: Body):
    form = MeetingForm(*_submitted(request), body=body)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user,
                body=body,
                minutes_file=form.cleaned_data.get("minutes_file"),
                **form.service_data(),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("meeting-detail", pk=meeting.pk)
    return render(
        request,
        "governance/meeting_form.html",
        {"form": form, "body": body, "back_url": _body_url(body)},
    )


MEETINGS = Meeting.objects.select_related("body__project", "body__cluster", "recorded_by")


def meeting_edit(request, pk: int):
    meeting = get_authorized(request.user, MEETINGS, Action.WORK, pk=pk)
    form = MeetingForm(*_submitted(request), instance=meeting, body=meeting.body)
    if request.method == "POST" and form.is_valid():
        file_changed = "minutes_file" in form.changed_data
        extra = {"minutes_file": form.cleaned_data.get("minutes_file")} if file_changed else {}
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                seen_updated_at=form.cleaned_data["updated_at"],
                **form.service_data(),
                **extra,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("meeting-detail", pk=meeting.pk)
    return render(
        request,
        "governance/meeting_form.html",
        {
            "form": form,
            "body": meeting.body,
            "meeting": meeting,
            "back_url": _body_url(meeting.body),
        },
    )


def meeting_detail(request, pk: int):
    meeting = get_authorized(request.user, MEETINGS, Action.VIEW, pk=pk)
    can_work = can(request.user, Action.WORK, meeting)
    present = list(
        meeting.attendances.select_related("member")
        .order_by("member__name")
        .values_list("member__name", "member__represents", "member__sex")
    )
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "present": present,
            "women_present": sum(1 for p in present if p[2] == "woman") + meeting.other_women,
            "total_present": len(present) + meeting.other_women + meeting.other_men,
            "decisions": meeting.decisions.order_by("pk"),
            "decision_form": DecisionForm() if can_work else None,
            "status_choices": DecisionStatus.choices,
            "can_work": can_work,
            "today": timezone.localdate(),
            "back_url": _body_url(meeting.body),
        },
    )


def meeting_minutes(request, pk: int):
    meeting = get_authorized(request.user, Meeting, Action.VIEW, pk=pk)
    return _download(meeting.minutes_file, f"minutes-{meeting.held_on:%Y-%m-%d}")


def decision_create(request, meeting_pk: int):
    meeting = get_authorized(request.user, MEETINGS, Action.WORK, pk=meeting_pk)
    form = DecisionForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("meeting-detail", pk=meeting.pk)
    return render(
        request,
        "governance/form_page.html",
        {
            "form": form,
            "title": _("Record a decision"),
            "subtitle": meeting,
            "back_url": reverse("meeting-detail", args=[meeting.pk]),
        },
    )


@require_POST
def decision_status(request, pk: int):
    decision = get_authorized(request.user, Decision, Action.WORK, pk=pk)
    form = DecisionStatusForm(request.POST)
    back = url_has_allowed_host_and_scheme(
        request.POST.get("next"), allowed_hosts={request.get_host()}
    )
    target = request.POST["next"] if back else reverse("meeting-detail", args=[decision.meeting_id])
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(target)
    try:
        services.decision_update(
            actor=request.user,
            decision=decision,
            seen_updated_at=form.cleaned_data["updated_at"],
            status=form.cleaned_data["status"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Decision updated."))
    return redirect(target)


def _decision_page(request, decisions, *, title_of, back_url: str, back_label: str):
    return render(
        request,
        "governance/decisions.html",
        {
            "decisions": decisions,
            "title_of": title_of,
            "back_url": back_url,
            "back_label": back_label,
            "status_choices": DecisionStatus.choices,
            "today": timezone.localdate(),
        },
    )


def cluster_decisions(request, cluster_pk: int):
    cluster = _cluster(request, cluster_pk)
    decisions = list(selectors.open_decisions(user=request.user, cluster=cluster))
    writable = can(request.user, Action.WORK, cluster)
    for d in decisions:
        d.can_work = writable
    return _decision_page(
        request,
        decisions,
        title_of=cluster,
        back_url=reverse("cluster-detail", args=[cluster.pk]),
        back_label=cluster.name,
    )


def project_decisions(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    decisions = list(selectors.open_decisions(user=request.user, project=project))
    for d in decisions:
        d.can_work = True  # the coordinator works on every body of the project
    return _decision_page(
        request,
        decisions,
        title_of=project,
        back_url=reverse("project-detail", args=[project.pk]),
        back_label=project.name,
    )


def cluster_hand_over(request, cluster_pk: int):
    cluster = _cluster(request, cluster_pk, Action.MANAGE)
    existing = HandOver.objects.filter(cluster=cluster).first()
    form = None if existing else HandOverForm(_post(request))
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.hand_over_record(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Hand-over recorded: the cluster is phased out."))
            return redirect("cluster-detail", pk=cluster.pk)
    return render(
        request,
        "governance/hand_over.html",
        {"cluster": cluster, "hand_over": existing, "form": form},
    )


def governance_panel(request, cluster):
    """The cluster page's 'Governance' section: appointments and Commission health."""
    return {
        "template": "governance/_governance_panel.html",
        "cluster": cluster,
        "appointments": [
            a
            for a in selectors.appointment_list(user=request.user, cluster=cluster)
            if a.is_active()
        ],
        "health": selectors.governance_health(cluster=cluster),
        "can_manage": can(request.user, Action.MANAGE, cluster),
    }


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also revokes the user's API tokens."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.api_tokens_revoke(user=form.user)
        return response
