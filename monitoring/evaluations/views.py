"""The evaluation pages: a project's evaluations, one evaluation (ratings, findings,
lessons, recommendations with their follow-up), the forms, and the report file."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import Project
from governance.access import Action, can, get_authorized
from governance.forms_support import (
    StampedForm,
    form_page,
    posted,
    stamped_edit,
    submitted,
    titled_form_page,
)
from governance.uploads import document_download

from ..models import EvaluationPoint, PointKind
from . import selectors, services
from .forms import EvaluationForm, PointForm, ReportFileForm, ResponseForm

POINTS = EvaluationPoint.objects.select_related("evaluation__project", "evaluation__cluster")
# The house form page (title, link back, the form's fields next to their errors).


def _evaluation(request, pk: int, action: Action = Action.VIEW):
    return get_authorized(request.user, selectors.evaluations_with_ratings(), action, pk=pk)


def _detail_url(evaluation_id: int) -> str:
    return reverse("evaluation-detail", args=[evaluation_id])


def evaluation_list(request, pk: int):
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    return render(
        request,
        "monitoring/evaluations/evaluation_list.html",
        {
            "project": project,
            "evaluations": selectors.evaluation_list(user=request.user, project=project),
            "can_manage": can(request.user, Action.MANAGE, project),
        },
    )


def evaluation_detail(request, pk: int):
    evaluation = _evaluation(request, pk)
    return render(
        request,
        "monitoring/evaluations/evaluation_detail.html",
        {
            **selectors.evaluation_detail(evaluation),
            "can_manage": can(request.user, Action.MANAGE, evaluation),
        },
    )


def _evaluation_page(request, form, write, *, title: str, project, back_url: str):
    return form_page(
        request,
        form,
        write,
        success=_("Evaluation saved."),
        done=lambda saved: _detail_url(saved.pk),
        template="monitoring/evaluations/evaluation_form.html",
        context={"title": title, "project": project, "back_url": back_url},
    )


def evaluation_create(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    form = EvaluationForm(posted(request), actor=request.user, project=project)
    return _evaluation_page(
        request,
        form,
        lambda: services.evaluation_create(
            actor=request.user, project=project, **form.service_data()
        ),
        title=_("Record an evaluation"),
        project=project,
        back_url=reverse("evaluation-list", args=[project.pk]),
    )


def evaluation_edit(request, pk: int):
    evaluation = _evaluation(request, pk, Action.MANAGE)
    form = EvaluationForm(
        posted(request), actor=request.user, project=evaluation.project, instance=evaluation
    )
    return _evaluation_page(
        request,
        form,
        stamped_edit(request, form, services.evaluation_update, evaluation=evaluation),
        title=_("Edit evaluation"),
        project=evaluation.project,
        back_url=_detail_url(evaluation.pk),
    )


def _form_page(request, form, write, *, evaluation, **page):
    back_url = _detail_url(evaluation.pk)
    return titled_form_page(request, form, write, subtitle=evaluation, back_url=back_url, **page)


def evaluation_report(request, pk: int):
    """Upload or replace the evaluation report (its type is checked by content, and its size)."""
    evaluation = _evaluation(request, pk, Action.MANAGE)
    stamp = {"updated_at": evaluation.updated_at.isoformat()}
    form = ReportFileForm(*submitted(request), initial=stamp)
    return _form_page(
        request,
        form,
        lambda: services.evaluation_report_attach(
            actor=request.user,
            evaluation=evaluation,
            report_file=form.cleaned_data["report_file"],
            seen_updated_at=form.cleaned_data["updated_at"],
        ),
        success=_("Evaluation report attached."),
        title=_("Replace the report") if evaluation.report_file else _("Attach the report"),
        evaluation=evaluation,
    )


def evaluation_report_download(request, pk: int):
    evaluation = _evaluation(request, pk)
    return document_download(evaluation.report_file, f"evaluation-report-{evaluation.pk}")


def point_create(request, pk: int):
    evaluation = _evaluation(request, pk, Action.MANAGE)
    kind = request.GET.get("kind")
    form = PointForm(
        posted(request),
        actor=request.user,
        initial={"kind": kind if kind in PointKind.values else PointKind.FINDING},
    )
    return _form_page(
        request,
        form,
        lambda: services.point_create(
            actor=request.user, evaluation=evaluation, **form.service_data()
        ),
        success=_("Point added."),
        title=_("Add a finding, lesson or recommendation"),
        evaluation=evaluation,
    )


def _point(request, pk: int, *, recommendation: bool = False) -> EvaluationPoint:
    qs = POINTS.filter(kind=PointKind.RECOMMENDATION) if recommendation else POINTS
    return get_authorized(request.user, qs, Action.MANAGE, pk=pk)


def _point_update_page(request, point: EvaluationPoint, form_class, *, success: str, title: str):
    form = form_class(posted(request), actor=request.user, instance=point)
    return _form_page(
        request,
        form,
        stamped_edit(request, form, services.point_update, point=point),
        success=success,
        title=title,
        evaluation=point.evaluation,
    )


def point_edit(request, pk: int):
    return _point_update_page(
        request, _point(request, pk), PointForm, success=_("Point saved."), title=_("Edit point")
    )


def point_response(request, pk: int):
    """Management's response to a recommendation, who acts on it by when, and how far."""
    return _point_update_page(
        request,
        _point(request, pk, recommendation=True),
        ResponseForm,
        success=_("Response and follow-up saved."),
        title=_("Response and follow-up"),
    )


def point_delete(request, pk: int):
    point = _point(request, pk)
    form = StampedForm(posted(request), initial={"updated_at": point.updated_at.isoformat()})
    back_url = _detail_url(point.evaluation_id)
    return form_page(
        request,
        form,
        # The delete returns nothing: True tells the page it was done.
        lambda: (
            services.point_delete(
                actor=request.user, point=point, seen_updated_at=form.cleaned_data["updated_at"]
            )
            or True
        ),
        success=_("Point deleted."),
        done=back_url,
        template="monitoring/evaluations/point_delete.html",
        context={"point": point, "back_url": back_url},
    )
