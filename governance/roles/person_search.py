"""Choosing an existing person: a search over the people the coordinator may name, never
a bare username.

The field shows a search box and the matching people as radio buttons. With htmx the
matches come from the People search endpoint as the coordinator types; without
JavaScript, Enter (or the Search button, the form's first button) posts the form with
``FIND`` and the page comes back with the matches and nothing saved. The chosen person
is posted as an account id and checked against the same reach as the search
(``selectors.people_reachable``): an id outside it answers exactly like an unknown one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import User
from . import selectors

SEARCH = "q"  # the search box's name, on the form and on the search endpoint
FIND = "find"  # the Search button's name: show matches, save nothing


def results_context(*, actor: Any, text: str, project: Any, chosen: str = "") -> dict:
    """What ``governance/_person_results.html`` shows for ``text``."""
    people = selectors.people_search(actor=actor, text=text)
    limit = selectors.PERSON_SEARCH_LIMIT
    if chosen and not any(str(p.pk) == chosen for p in people):
        # A person chosen before a failed submit stays on offer (if still within reach).
        people = [*selectors.people_reachable(actor=actor).filter(pk=chosen)[:1], *people]
    return {
        "name": "user",
        "q": text.strip(),
        "people": people[:limit],
        "more": len(people) > limit,
        "too_short": len(text.strip()) < selectors.PERSON_SEARCH_MIN,
        "chosen": chosen,
        "invite_url": reverse("invitation-create", args=[project.pk]),
    }


class PersonSearchWidget(forms.Widget):
    """The search box and its results (a fieldset, so the results' labels stand alone)."""

    use_fieldset = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor: Any = None
        self.project: Any = None
        self.text = ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None):
        # The project's template engine (the form renderer sees only app templates).
        attrs = self.build_attrs(self.attrs, attrs)
        context = results_context(
            actor=self.actor,
            text=self.text,
            project=self.project,
            chosen="" if value in (None, "") else str(value),
        )
        context.update(
            {
                "id": attrs.get("id", f"id_{name}"),
                "search_name": SEARCH,
                "find_name": FIND,
                "search_url": reverse("people-search", args=[self.project.pk]),
            }
        )
        return render_to_string("governance/_person_search.html", context)


class PersonChoiceField(forms.ModelChoiceField):
    widget = PersonSearchWidget
    default_error_messages = {
        "invalid_choice": _("Choose a person from the search results."),
        "required": _("Search for the person and choose them in the results."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=User.objects.none(), **kwargs)


class PersonSearchFormMixin:
    """For a form with a ``user`` PersonChoiceField: scopes it to the actor's reach and
    turns a press of the Search button into an unbound form showing what was typed."""

    def __init__(self, data: Any = None, *args: Any, actor: Any, project: Any, **kwargs: Any):
        searching = data is not None and FIND in data
        if searching:
            kwargs["initial"] = {**kwargs.get("initial", {}), **dict(data.items())}
            data = None
            args = ()  # the files of an upload form are not kept by a search
            kwargs.pop("files", None)
        super().__init__(data, *args, **kwargs)
        field = self.fields["user"]
        field.queryset = selectors.people_reachable(actor=actor)
        widget = field.widget
        widget.actor, widget.project = actor, project
        source = self.data if self.is_bound else self.initial
        widget.text = source.get(SEARCH, "") or ""
