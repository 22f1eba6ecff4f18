"""A list filter on a related object (``?project=``, ``?cluster=``, ``?body=``,
``?meeting=``, ``?criterion=``, ``?scored_by=``, ...) cannot tell whether an id exists
outside the caller's scope: for every persona of project A, an id of project B and an
id that exists nowhere get the same answer (status and body).

The filters are read from each list endpoint's filter backends, so a new related
filter is probed without being listed here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_filters.filters import ModelChoiceFilter, ModelMultipleChoiceFilter

from . import test_list_content as lc

PROJECT_A_PERSONAS = ["coord_a", "steer_a", "cda_a1", "cda_a2", "comm_a1"]


def related_filters() -> list[tuple[str, str, type]]:
    """(list URL name, query parameter, related model) for every related-object filter."""
    found = []
    for name, pattern in sorted(lc.list_endpoints().items()):
        view_class = pattern.callback.cls
        view = view_class()
        queryset = view_class.queryset
        for backend in view_class.filter_backends:
            get_class = getattr(backend(), "get_filterset_class", None)
            if get_class is None:
                continue
            filterset_class = get_class(view, queryset)
            if filterset_class is None:
                continue
            for param, filter_ in filterset_class.base_filters.items():
                if isinstance(filter_, ModelChoiceFilter | ModelMultipleChoiceFilter):
                    found.append((name, param, filter_.queryset.model))
    return found


def test_the_known_related_filters_are_found():
    # The probe below covers what this finds; make sure it finds the filters we know.
    params = {(name, param) for name, param, _model in related_filters()}
    for expected in [
        ("api-cluster-list", "project"),
        ("api-selection-score-list", "scored_by"),
        ("api-selection-score-list", "criterion"),
        ("api-body-member-list", "body"),
        ("api-meeting-decision-list", "meeting"),
    ]:
        assert expected in params


@pytest.mark.parametrize("persona", PROJECT_A_PERSONAS)
def test_out_of_scope_id_answers_like_a_missing_one(persona, db, client):
    known = lc.populated_world()
    client.force_login(known.world.user(persona))
    problems = []
    for name, param, model in related_filters():
        other = known.project_b_objects.get(model)
        assert other is not None, (
            f"populated_world has no project-B {model.__name__} to probe ?{param}= on {name}"
        )
        missing = (model._default_manager.order_by("-pk").values_list("pk", flat=True)[0]) + 1000
        url = reverse(name)
        out_of_scope = client.get(url, {param: other.pk})
        nowhere = client.get(url, {param: missing})
        if (out_of_scope.status_code, out_of_scope.content) != (
            nowhere.status_code,
            nowhere.content,
        ):
            problems.append(
                f"{url}?{param}=: project B's id answers {out_of_scope.status_code} "
                f"{out_of_scope.content[:120]!r}, a missing id {nowhere.status_code} "
                f"{nowhere.content[:120]!r}"
            )
    assert not problems, f"As {persona}:\n" + "\n".join(problems)


def test_an_id_in_scope_still_filters(db, client):
    """The scoped filters still work: the coordinator of A filtering on A's own objects
    gets 200 and only matching rows."""
    known = lc.populated_world()
    w = known.world
    client.force_login(w.users["coord_a"])
    response = client.get(reverse("api-cluster-list"), {"project": w.project_a.pk})
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {w.a1.pk, w.a2.pk}
    response = client.get(reverse("api-selection-score-list"), {"scored_by": w.users["coord_a"].pk})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2
