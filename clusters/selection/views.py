"""Pages of the selection: criteria, expert scores, ranking and decisions.

Reading the selection pages needs DECIDE_SELECTION on the project (coordinators and
Steering Committee members, the selection body); cluster roles get 403.
"""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.access import Action, can, get_authorized
from governance.forms_support import form_page, stamped_edit

from ..models import Criterion, Project
from . import decision_services, selectors, services
from .forms import CriterionForm, SelectionDecisionForm
from .ranking import only_empty_weighted_message, zero_weights_message

# --- Ranking -----------------------------------------------------------------------


def _ranking_context(request, project: Project) -> dict:
    result = selectors.project_ranking(project=project)
    ranking = result.ranking
    by_key = {selectors.criterion_key(c): c for c in result.criteria}
    columns = [
        {"criterion": by_key[info.key], "info": info}
        for info in ranking.criteria
        if info.key in by_key
    ]
    clusters = {c.pk: c for c in result.clusters}
    rows = []
    for candidate in ranking.candidates:
        cells = []
        for column in columns:
            key = column["info"].key
            cells.append(
                {
                    "key": key,
                    "raw": result.raw[key].get(candidate.id),
                    "normalised": candidate.normalised.get(key),
                    "contribution": candidate.contributions.get(key),
                    "missing": key in candidate.missing,
                    "included": column["info"].included,
                }
            )
        rows.append({"candidate": candidate, "cluster": clusters[candidate.id], "cells": cells})
    data = {
        "step": 0.2,
        "criteria": [
            {
                "key": column["info"].key,
                "id": column["criterion"].pk,
                "weight": column["info"].weight,
                "included": column["info"].included,
            }
            for column in columns
        ],
        "candidates": [
            {
                "id": c.id,
                "normalised": {k: round(v, 6) for k, v in c.normalised.items()},
            }
            for c in ranking.candidates
        ],
        # The weight messages the script shows as weights change (same words as the server).
        "messages": {
            "zero": zero_weights_message(),
            "only_empty": only_empty_weighted_message(),
        },
    }
    return {
        "project": project,
        "ranking": ranking,
        "columns": columns,
        "rows": rows,
        "ranking_data": data,
        "can_manage": can(request.user, Action.MANAGE, project),
    }


def selection_ranking(request, pk: int):
    project = get_authorized(request.user, Project, Action.DECIDE_SELECTION, pk=pk)
    return render(request, "clusters/selection/ranking.html", _ranking_context(request, project))


@require_POST
def selection_weights_save(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    weights: dict[int, Decimal] = {}
    seen = {
        int(name.removeprefix("seen-")): value
        for name, value in request.POST.items()
        if name.startswith("seen-") and name.removeprefix("seen-").isdigit()
    }
    bad = False
    for name, value in request.POST.items():
        if not name.startswith("weight-"):
            continue
        try:
            pk_ = int(name.removeprefix("weight-"))
            weight = Decimal(value.strip().replace(",", "."))
        except (ValueError, InvalidOperation):
            bad = True
            continue
        if not weight.is_finite() or weight < 0:
            bad = True
            continue
        weights[pk_] = weight
    if bad:
        messages.error(request, _("Weights are numbers of zero or more; nothing was saved."))
        return redirect("selection-ranking", pk=project.pk)
    try:
        changed = services.criterion_weights_update(
            actor=request.user, project=project, weights=weights, seen=seen
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages) + " " + _("Nothing was saved."))
    else:
        messages.success(request, _("Weights saved (%(n)s changed).") % {"n": len(changed)})
    return redirect("selection-ranking", pk=project.pk)


# --- Criteria ----------------------------------------------------------------------


def criterion_list(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    form = CriterionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.criterion_create(
            actor=request.user, project=project, **form.service_data()
        ),
        success=_("Criterion added."),
        done=reverse("selection-criteria", args=[project.pk]),
        template="clusters/selection/criteria.html",
        context={"project": project, "criteria": selectors.criteria_of(project)},
    )


def criterion_edit(request, pk: int, criterion_pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    criterion = get_authorized(
        request.user,
        Criterion.objects.filter(project=project),
        Action.MANAGE,
        pk=criterion_pk,
    )
    form = CriterionForm(request.POST or None, instance=criterion)
    return form_page(
        request,
        form,
        stamped_edit(request, form, services.criterion_update, criterion=criterion),
        success=_("Criterion saved."),
        done=reverse("selection-criteria", args=[project.pk]),
        template="clusters/selection/criterion_form.html",
        context={"project": project, "criterion": criterion},
    )


@require_POST
def criterion_delete(request, pk: int, criterion_pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    criterion = get_authorized(
        request.user, Criterion.objects.filter(project=project), Action.MANAGE, pk=criterion_pk
    )
    services.criterion_delete(actor=request.user, criterion=criterion)
    messages.success(request, _("Criterion deleted, with its expert scores."))
    return redirect("selection-criteria", pk=project.pk)


@require_POST
def criteria_starter(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    created = services.criteria_starter_set_add(actor=request.user, project=project)
    if created:
        messages.success(
            request,
            _("%(n)s starter criteria added: adjust their weights and directions.")
            % {"n": len(created)},
        )
    else:
        messages.info(request, _("The project already has every starter criterion."))
    return redirect("selection-criteria", pk=project.pk)


# --- Expert scores -----------------------------------------------------------------


def _parse_score(value: str) -> int | None | str:
    value = (value or "").strip()
    if value == "":
        return None
    try:
        score = int(value)
    except ValueError:
        return "bad"
    return score if 0 <= score <= 5 else "bad"


def selection_scores(request, pk: int):
    """The scoring grid: candidates x expert criteria, the user's own scores."""
    project = get_authorized(request.user, Project, Action.DECIDE_SELECTION, pk=pk)
    criteria = [c for c in selectors.criteria_of(project) if c.is_expert]
    clusters = list(selectors.ranking_candidates(project))
    mine = selectors.my_scores(project, request.user)
    errors: dict[tuple[int, int], str] = {}
    posted = request.POST if request.method == "POST" else None
    if posted is not None:
        entries = []
        for cluster in clusters:
            for criterion in criteria:
                name = f"s-{cluster.pk}-{criterion.pk}"
                if name not in posted:
                    continue
                score = _parse_score(posted.get(name))
                note = posted.get(f"n-{cluster.pk}-{criterion.pk}", "").strip()[:500]
                if score == "bad":
                    errors[(cluster.pk, criterion.pk)] = _("A score is a whole number from 0 to 5.")
                    continue
                if score is None and note:
                    errors[(cluster.pk, criterion.pk)] = _("Give a score with the note.")
                    continue
                entries.append(
                    services.ScoreEntry(
                        criterion=criterion, cluster=cluster, score=score, note=note
                    )
                )
        if not errors:
            try:
                services.criterion_scores_save(actor=request.user, project=project, entries=entries)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Your scores are saved."))
                return redirect("selection-scores", pk=project.pk)
    summary = selectors.score_summary(project)
    rows = []
    for cluster in clusters:
        cells = []
        for criterion in criteria:
            key = (criterion.pk, cluster.pk)
            own = mine.get(key)
            if posted is not None:
                value = posted.get(f"s-{cluster.pk}-{criterion.pk}", "")
                note = posted.get(f"n-{cluster.pk}-{criterion.pk}", "")
            else:
                value = "" if own is None else str(own.score)
                note = "" if own is None else own.note
            cells.append(
                {
                    "criterion": criterion,
                    "value": value,
                    "note": note,
                    "summary": summary.get(key),
                    "error": errors.get((cluster.pk, criterion.pk)),
                }
            )
        rows.append({"cluster": cluster, "cells": cells})
    return render(
        request,
        "clusters/selection/scores.html",
        {
            "project": project,
            "criteria": criteria,
            "rows": rows,
            "choices": ["", "0", "1", "2", "3", "4", "5"],
            "has_errors": bool(errors),
            "can_manage": can(request.user, Action.MANAGE, project),
        },
    )


# --- Decisions ---------------------------------------------------------------------


def selection_decisions(request, pk: int):
    project = get_authorized(request.user, Project, Action.DECIDE_SELECTION, pk=pk)
    return render(
        request,
        "clusters/selection/decisions.html",
        {
            "project": project,
            "decisions": selectors.decision_list(project),
            "can_manage": can(request.user, Action.MANAGE, project),
        },
    )


def selection_decision_create(request, pk: int):
    project = get_authorized(request.user, Project, Action.DECIDE_SELECTION, pk=pk)
    form = SelectionDecisionForm(request.POST or None, project=project)
    return form_page(
        request,
        form,
        lambda: decision_services.selection_decision_record(
            actor=request.user, project=project, **form.cleaned_data
        ),
        success=_("Selection decision recorded."),
        done=reverse("selection-decisions", args=[project.pk]),
        template="clusters/selection/decision_form.html",
        context=lambda: {
            "project": project,
            "ranking": selectors.project_ranking(project=project).ranking,
        },
    )
