"""Pages of the mapping of candidate clusters: list, create/edit, import, export, map."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.access import Action, can, get_authorized
from governance.access.rules import authorize_candidate_mapping, may_map_candidates
from governance.concurrency import StaleEditError
from governance.forms_support import apply_service_errors

from ..models import Cluster, ClusterStatus, Phase, Project, Sector
from . import exporting, importing, selectors, services
from .forms import CandidateFilterForm, CandidateForm, ImportUploadForm
from .outlines import outline_path

PAGE_SIZE = 100
IMPORT_SESSION_KEY = "clusters_import"
FORMATS = ("csv", "xlsx")


def _filters(request: Any, user: Any, project: Project) -> CandidateFilterForm:
    regions = selectors.candidate_regions(user=user, project=project)
    form = CandidateFilterForm(request.GET or None, regions=regions)
    form.is_valid()
    return form


def _filter_values(form: CandidateFilterForm) -> dict[str, str]:
    data = getattr(form, "cleaned_data", {}) or {}
    return {k: data.get(k) or "" for k in ("sector", "region", "status")}


def candidate_list(request, pk: int):
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    filters = _filters(request, request.user, project)
    values = _filter_values(filters)
    clusters = selectors.candidate_list(user=request.user, project=project, **values)
    page = Paginator(clusters, PAGE_SIZE).get_page(request.GET.get("page"))
    work_ids = selectors.workable_ids(user=request.user, project=project)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "clusters/candidate_list.html",
        {
            "project": project,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "can_manage": can(request.user, Action.MANAGE, project),
            "can_add": may_map_candidates(request.user, project, workable_ids=work_ids),
            "work_ids": work_ids,
        },
    )


def candidate_create(request, pk: int):
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    authorize_candidate_mapping(request.user, project)
    form = CandidateForm(request.POST or None, instance=Cluster(project=project))
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_candidate_create(
                actor=request.user, project=project, **form.service_fields()
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if can(request.user, Action.VIEW, cluster):
                message = _("Candidate cluster “%(name)s” added.")
            else:  # a CDA maps it; it is the coordinator's until someone is given a role on it
                message = _(
                    "Candidate cluster “%(name)s” added. The coordinator takes it from here: "
                    "it is not in your list until you are given a role on it."
                )
            messages.success(request, message % {"name": cluster})
            return redirect("candidate-list", pk=project.pk)
    return render(
        request,
        "clusters/candidate_form.html",
        {"project": project, "form": form, "title": _("New candidate cluster")},
    )


def candidate_edit(request, pk: int):
    cluster = get_authorized(
        request.user, Cluster.objects.select_related("project"), Action.WORK, pk=pk
    )
    form = CandidateForm(request.POST or None, instance=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            services.cluster_candidate_update(
                actor=request.user,
                cluster=cluster,
                seen_updated_at=form.cleaned_data.get("updated_at") or None,
                **form.service_fields(),
            )
        except StaleEditError as exc:
            form.add_error(None, exc)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Mapping record of “%(name)s” saved.") % {"name": cluster})
            return redirect("cluster-detail", pk=cluster.pk)
    return render(
        request,
        "clusters/candidate_form.html",
        {
            "project": cluster.project,
            "cluster": cluster,
            "form": form,
            "title": _("Edit mapping record"),
        },
    )


def candidate_export(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("Unknown format.")
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    values = _filter_values(_filters(request, request.user, project))
    clusters = selectors.candidate_list(user=request.user, project=project, **values)
    return exporting.export_response(
        clusters=clusters.iterator(), fmt=fmt, project_name=project.name
    )


def candidate_import_template(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("Unknown format.")
    get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    return exporting.template_response(fmt=fmt)


def candidate_import(request, pk: int):
    """Upload a file; every row is validated and shown. Only a valid file may be
    confirmed; its typed rows wait in the (server-side) session until then."""
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    preview = None
    token = ""
    if request.method == "POST" and form.is_valid():
        request.session.pop(IMPORT_SESSION_KEY, None)
        try:
            preview = importing.parse_upload(project=project, upload=form.cleaned_data["file"])
        except importing.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if preview.is_valid:
                token = secrets.token_urlsafe(16)
                request.session[IMPORT_SESSION_KEY] = {
                    "token": token,
                    "project": project.pk,
                    "filename": preview.filename,
                    "rows": importing.rows_to_json(preview.rows),
                }
    context: dict[str, Any] = {"project": project, "form": form, "preview": preview}
    if preview is not None:
        shown = preview.rows if len(preview.rows) <= 200 else None
        if shown is None:
            shown = [r for i, r in enumerate(preview.rows) if i < 200 or r.errors]
        columns = [importing.COLUMN_BY_KEY[c] for c in preview.columns]
        context.update(
            {
                "token": token,
                "columns": columns,
                # Each cell with its column, whose name leads the value on a phone.
                "shown_rows": [
                    (
                        row,
                        [(c, row.cells.get(c.key, ""), row.errors.get(c.key, [])) for c in columns],
                    )
                    for row in shown
                ],
                "hidden_count": len(preview.rows) - len(shown),
            }
        )
    return render(request, "clusters/candidate_import.html", context)


@require_POST
def candidate_import_confirm(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    pending = request.session.get(IMPORT_SESSION_KEY) or {}
    if (
        not pending
        or pending.get("project") != project.pk
        or not secrets.compare_digest(str(pending.get("token", "")), request.POST.get("token", ""))
    ):
        messages.error(request, _("This import preview has expired. Upload the file again."))
        return redirect("candidate-import", pk=project.pk)
    if "cancel" in request.POST:
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.info(request, _("Import cancelled; nothing was imported."))
        return redirect("candidate-list", pk=project.pk)
    try:
        created = services.cluster_candidates_import(
            actor=request.user, project=project, rows=pending["rows"]
        )
    except ValidationError as exc:
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.error(
            request,
            _("Nothing was imported: %(errors)s") % {"errors": "; ".join(exc.messages[:20])},
        )
        return redirect("candidate-import", pk=project.pk)
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(
        request,
        _("%(count)d candidate clusters imported from %(file)s.")
        % {"count": len(created), "file": pending.get("filename", "")},
    )
    return redirect("candidate-list", pk=project.pk)


def _outline_url(project: Project) -> str:
    """The project's country outline (static/geo/<ISO3>.json), or "" when there is none:
    the page loads one country, not the world (its weight budget, see outlines.py)."""
    alpha3 = project.country.alpha3 if project.country else None
    if not alpha3 or not finders.find(outline_path(alpha3)):
        return ""
    return static(outline_path(alpha3))


def cluster_map(request, pk: int):
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    filters = _filters(request, request.user, project)
    return render(
        request,
        "clusters/cluster_map.html",
        {
            "project": project,
            "filters": filters,
            "map_config": {
                "dataUrl": reverse("cluster-map-data", args=[project.pk]),
                "outlineUrl": _outline_url(project),
                "tileUrl": settings.MAP_TILE_URL,
                "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                "statuses": {k: str(v) for k, v in ClusterStatus.choices},
                "phases": {str(k): str(v) for k, v in Phase.choices},
                "sectors": {k: str(v) for k, v in Sector.choices},
                "labels": {
                    "noLocation": _("Clusters without coordinates"),
                    "none": _("No clusters match."),
                    "enterprises": _("Enterprises"),
                    "employment": _("Employment"),
                    "open": _("Open"),
                },
            },
        },
    )


def cluster_map_data(request, pk: int):
    project = get_authorized(request.user, Project, Action.VIEW, pk=pk)
    values = _filter_values(_filters(request, request.user, project))
    points = selectors.map_points(
        user=request.user, project=project, sector=values["sector"], region=values["region"]
    )
    return JsonResponse({"project": project.pk, "clusters": points})


def mapping_panel(request, cluster):
    """The cluster page's 'Mapping record' section (a fixed number of queries)."""
    return {
        "template": "clusters/_mapping_panel.html",
        "cluster": cluster,
        "can_work": can(request.user, Action.WORK, cluster),
    }
