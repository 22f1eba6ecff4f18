"""The result chain pages: a project's or a cluster's chain as a tree, its statements
added, edited and removed (coordinator), and a chain started from UNIDO's generic one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.access import Action, can, get_authorized
from governance.forms_support import posted, stamped_edit, titled_form_page

from ..models import ResultStatement
from ..owner_pages import owner_url, page_owner
from . import selectors, services
from .forms import ResultStatementForm

# The form page of the M&E pages (result chains and indicators).
ME_FORM_PAGE = "monitoring/form_page.html"
STATEMENTS = ResultStatement.objects.select_related("project", "cluster", "parent")


def chain_url(project_id: int, cluster_id: int | None) -> str:
    return owner_url("result-chain", project_id, cluster_id)


def result_chain(request, pk: int | None = None, cluster_pk: int | None = None):
    project, cluster = page_owner(request, pk, cluster_pk, Action.VIEW)
    cluster_id = cluster.pk if cluster else None
    return render(
        request,
        "monitoring/results/chain.html",
        {
            "project": project,
            "cluster": cluster,
            "chain": selectors.result_chain(user=request.user, project=project, cluster=cluster),
            "can_manage": can(request.user, Action.MANAGE, cluster or project),
            "create_url": owner_url("result-statement-create", project.pk, cluster_id),
            "start_url": owner_url("result-chain-start", project.pk, cluster_id),
            "indicators_url": owner_url("indicators", project.pk, cluster_id),
            "back_url": owner_url("detail", project.pk, cluster_id),
        },
    )


@require_POST
def result_chain_start(request, pk: int | None = None, cluster_pk: int | None = None):
    project, cluster = page_owner(request, pk, cluster_pk, Action.MANAGE)
    created = services.result_chain_start(actor=request.user, project=project, cluster=cluster)
    if created:
        messages.success(request, _("The generic result chain is in place: edit it to fit."))
    else:
        messages.info(request, _("This result chain has statements already; nothing was added."))
    return redirect(chain_url(project.pk, cluster.pk if cluster else None))


def _statement_page(request, form, write, *, project, cluster, **page):
    back_url = chain_url(project.pk, cluster.pk if cluster else None)
    return titled_form_page(
        request,
        form,
        write,
        subtitle=cluster or project,
        back_url=back_url,
        template=ME_FORM_PAGE,
        **page,
    )


def result_statement_create(request, pk: int | None = None, cluster_pk: int | None = None):
    project, cluster = page_owner(request, pk, cluster_pk, Action.MANAGE)
    parent = request.GET.get("parent")
    form = ResultStatementForm(
        posted(request),
        project=project,
        cluster=cluster,
        level=request.GET.get("level"),
        parent=int(parent) if parent and parent.isdigit() else None,
    )
    return _statement_page(
        request,
        form,
        lambda: services.result_statement_create(
            actor=request.user, project=project, cluster=cluster, **form.service_data()
        ),
        success=_("Result statement added."),
        title=_("Add a result statement"),
        project=project,
        cluster=cluster,
    )


def result_statement_edit(request, pk: int):
    statement = get_authorized(request.user, STATEMENTS, Action.MANAGE, pk=pk)
    form = ResultStatementForm(
        posted(request), project=statement.project, cluster=statement.cluster, instance=statement
    )
    return _statement_page(
        request,
        form,
        stamped_edit(request, form, services.result_statement_update, result=statement),
        success=_("Result statement saved."),
        title=_("Edit result statement"),
        project=statement.project,
        cluster=statement.cluster,
    )


def result_statement_delete(request, pk: int):
    """GET asks for confirmation; POST removes the statement."""
    statement = get_authorized(request.user, STATEMENTS, Action.MANAGE, pk=pk)
    back = chain_url(statement.project_id, statement.cluster_id)
    if request.method == "POST":
        try:
            services.result_statement_delete(actor=request.user, result=statement)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Result statement removed."))
        return redirect(back)
    return render(
        request,
        "monitoring/results/statement_delete.html",
        {
            "statement": statement,
            "back_url": back,
            "children": statement.children.count(),
            "indicators": statement.indicators.count(),
        },
    )
