"""The audit trail page of any object subject to access."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import render

from .access import Action, get_authorized
from .audit import history_rows


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
