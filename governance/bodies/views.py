"""The Commission and Steering Committee pages: members, meetings, decisions, and the
cluster page's governance panel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters.models import Cluster, Project

from ..access import Action, authorize_body, can, get_authorized, may_act_on_body
from ..appointments import selectors as appointment_selectors
from ..forms_support import form_page, posted, stamped_edit, submitted, titled_form_page
from ..models import Body, BodyMember, Decision, DecisionStatus, Meeting
from ..uploads import document_download
from . import selectors, services
from .forms import BodyMemberForm, DecisionForm, DecisionStatusForm, MeetingForm

CLUSTERS = Cluster.objects.select_related("project")


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
            "can_work": may_act_on_body(request.user, Action.WORK, body),
            "member_create_url": member_url,
            "meeting_create_url": meeting_url,
            "today": timezone.localdate(),
            "back_url": back_url,
            "back_label": back_label,
        },
    )


def cluster_commission(request, cluster_pk: int):
    cluster = get_authorized(request.user, CLUSTERS, Action.VIEW, pk=cluster_pk)
    body = selectors.commission_of(cluster=cluster)  # the Commission follows its cluster
    return _body_page(
        request,
        body,
        back_url=reverse("cluster-detail", args=[cluster.pk]),
        back_label=cluster.name,
    )


def project_steering(request, pk: int):
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    body = authorize_body(
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
    cluster = get_authorized(request.user, CLUSTERS, Action.VIEW, pk=cluster_pk)
    return authorize_body(request.user, Action.WORK, selectors.commission_of(cluster=cluster))


def _steering_for_work(request, pk: int) -> Body:
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    return authorize_body(
        request.user, Action.WORK, selectors.steering_committee_of(project=project)
    )


def _in_body(create):
    """The three ways into a create page of a body: by the body, or (while it does not
    exist yet) by the cluster of its Commission or the project of its Steering Committee."""

    def by_body(request, body_pk: int):
        return create(request, get_authorized(request.user, BODIES, Action.WORK, pk=body_pk))

    def by_commission(request, cluster_pk: int):
        return create(request, _commission_for_work(request, cluster_pk))

    def by_steering(request, pk: int):
        return create(request, _steering_for_work(request, pk))

    return by_body, by_commission, by_steering


def _member_page(request, form, write, *, body: Body, **page):
    return titled_form_page(request, form, write, subtitle=body, back_url=_body_url(body), **page)


def _member_create(request, body: Body):
    form = BodyMemberForm(posted(request), body=body)
    return _member_page(
        request,
        form,
        lambda: services.body_member_create(actor=request.user, body=body, **form.service_data()),
        success=_("Member added."),
        title=_("Add a member"),
        body=body,
    )


member_create, commission_member_create, steering_member_create = _in_body(_member_create)


def member_edit(request, pk: int):
    member = get_authorized(
        request.user, BodyMember.objects.select_related("body__project", "user"), Action.WORK, pk=pk
    )
    form = BodyMemberForm(posted(request), instance=member, body=member.body)
    return _member_page(
        request,
        form,
        stamped_edit(request, form, services.body_member_update, member=member),
        success=_("Member saved."),
        title=_("Edit member"),
        body=member.body,
    )


def _meeting_page(request, form, write, *, success: str, body: Body, meeting=None):
    context = {"body": body, "back_url": _body_url(body)}
    return form_page(
        request,
        form,
        write,
        success=success,
        done=lambda saved: reverse("meeting-detail", args=[saved.pk]),
        template="governance/meeting_form.html",
        context=context if meeting is None else {**context, "meeting": meeting},
    )


def _meeting_create(request, body: Body):
    form = MeetingForm(*submitted(request), body=body)
    return _meeting_page(
        request,
        form,
        lambda: services.meeting_create(
            actor=request.user,
            body=body,
            minutes_file=form.cleaned_data.get("minutes_file"),
            **form.service_data(),
        ),
        success=_("Meeting recorded."),
        body=body,
    )


meeting_create, commission_meeting_create, steering_meeting_create = _in_body(_meeting_create)

MEETINGS = Meeting.objects.select_related("body__project", "body__cluster", "recorded_by")


def meeting_edit(request, pk: int):
    meeting = get_authorized(request.user, MEETINGS, Action.WORK, pk=pk)
    form = MeetingForm(*submitted(request), instance=meeting, body=meeting.body)

    def write():
        # A file is sent to the service only when changed (an empty one removes it).
        file_changed = "minutes_file" in form.changed_data
        extra = {"minutes_file": form.cleaned_data.get("minutes_file")} if file_changed else {}
        return services.meeting_update(
            actor=request.user,
            meeting=meeting,
            seen_updated_at=form.cleaned_data["updated_at"],
            **form.service_data(),
            **extra,
        )

    return _meeting_page(
        request, form, write, success=_("Meeting saved."), body=meeting.body, meeting=meeting
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
    return document_download(meeting.minutes_file, f"minutes-{meeting.held_on:%Y-%m-%d}")


def decision_create(request, meeting_pk: int):
    meeting = get_authorized(request.user, MEETINGS, Action.WORK, pk=meeting_pk)
    form = DecisionForm(posted(request))
    return titled_form_page(
        request,
        form,
        lambda: services.decision_create(actor=request.user, meeting=meeting, **form.cleaned_data),
        success=_("Decision recorded."),
        title=_("Record a decision"),
        subtitle=meeting,
        back_url=reverse("meeting-detail", args=[meeting.pk]),
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


def _decision_page(request, decisions, *, owner, back_url: str):
    """The open decisions of a cluster's Commission, or of every body of a project."""
    return render(
        request,
        "governance/decisions.html",
        {
            "decisions": decisions,
            "title_of": owner,
            "back_url": back_url,
            "back_label": owner.name,
            "status_choices": DecisionStatus.choices,
            "today": timezone.localdate(),
        },
    )


def cluster_decisions(request, cluster_pk: int):
    cluster = get_authorized(request.user, CLUSTERS, Action.VIEW, pk=cluster_pk)
    decisions = list(selectors.open_decisions(user=request.user, cluster=cluster))
    writable = can(request.user, Action.WORK, cluster)
    for d in decisions:
        d.can_work = writable
    back_url = reverse("cluster-detail", args=[cluster.pk])
    return _decision_page(request, decisions, owner=cluster, back_url=back_url)


def project_decisions(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    decisions = list(selectors.open_decisions(user=request.user, project=project))
    for d in decisions:
        d.can_work = True  # the coordinator works on every body of the project
    back_url = reverse("project-detail", args=[project.pk])
    return _decision_page(request, decisions, owner=project, back_url=back_url)


def governance_panel(request, cluster):
    """The cluster page's 'Governance' section: appointments and Commission health."""
    return {
        "template": "governance/_governance_panel.html",
        "cluster": cluster,
        "appointments": [
            a
            for a in appointment_selectors.appointment_list(user=request.user, cluster=cluster)
            if a.is_active()
        ],
        "health": selectors.governance_health(cluster=cluster),
        "can_manage": can(request.user, Action.MANAGE, cluster),
    }
