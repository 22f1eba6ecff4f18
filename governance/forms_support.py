"""What every form page shares: a service's ValidationError shown on the form, the
stale-edit stamp, date and count widgets, and a username looked up within the actor's
reach."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from .access import Action, visible
from .models import User

T = TypeVar("T")

DATE = {"type": "date"}
COUNT = {"min": 0, "inputmode": "numeric"}


def apply_service_errors(form: Any, error: ValidationError) -> None:
    """Put a service's ValidationError next to its field, or above the form when it names
    no field of the form (or no field at all)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error.messages)


def user_by_username(value: str, *, actor) -> User | None:
    """The active account with this username among the people within the actor's reach
    (the access policy decides); anyone else answers exactly as an unknown username."""
    value = (value or "").strip()
    if not value:
        return None
    reachable = visible(actor, User.objects.filter(is_active=True), Action.MANAGE)
    user = reachable.filter(username__iexact=value).first()
    if user is None:
        raise forms.ValidationError(_("No active user has this username."))
    return user


def with_user_account(data: dict) -> dict:
    """A form's cleaned data as the service names it: the account found for the form's
    ``username`` field (``user_by_username``) goes in as ``user``."""
    data = dict(data)
    data["user"] = data.pop("username")
    return data


class StampedForm(forms.Form):
    """Carries the record's ``updated_at`` so a stale edit can be refused."""

    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)


def posted(request: Any) -> Any:
    """The POSTed data, even when empty (an empty form must show its errors)."""
    return request.POST if request.method == "POST" else None


def submitted(request: Any) -> tuple:
    """The POSTed data and files of a form with an upload (``(None, None)`` on GET)."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def submit_to_service(request: Any, form: Any, write: Callable[[], T], *, success: str) -> T | None:
    """Call the service behind a valid form: on success flash ``success`` and return what
    the service returned; on its ValidationError show it on the form (next to the fields)
    and return None, so the page renders the form again."""
    try:
        result = write()
    except ValidationError as error:
        apply_service_errors(form, error)
        return None
    messages.success(request, success)
    return result


def stamped_edit(
    request: Any, form: Any, update: Callable[..., T], **record: Any
) -> Callable[[], T]:
    """The write of an edit page whose form carries the stale-edit stamp (an ``updated_at``
    field) and says what the service takes (``service_data()``): ``update`` called with
    the actor, the ``record`` it changes (``member=member``), the stamp the page was read
    with and the form's data. A function, for ``form_page``: the data exist only once the
    form is valid."""
    return lambda: update(
        actor=request.user,
        **record,
        seen_updated_at=form.cleaned_data["updated_at"],
        **form.service_data(),
    )


def form_page(
    request: Any,
    form: Any,
    write: Callable[[], T],
    *,
    success: str,
    done: str | Callable[[T], str],
    template: str,
    context: dict | Callable[[], dict] | None = None,
) -> HttpResponse:
    """The usual form page: GET (or an invalid POST) renders ``template`` with the form and
    ``context``; a valid POST calls the service through ``submit_to_service`` and redirects
    to ``done`` (a URL, or a function of what the service returned). A form of None (the
    user may only read) is only rendered. ``context`` may be a function, so what the page
    lists is read only when it renders."""
    if request.method == "POST" and form is not None and form.is_valid():
        result = submit_to_service(request, form, write, success=success)
        if result is not None:
            return redirect(done(result) if callable(done) else done)
    extra = context() if callable(context) else context or {}
    return render(request, template, {"form": form, **extra})


def titled_form_page(
    request: Any,
    form: Any,
    write: Callable[[], Any],
    *,
    success: str,
    title: str,
    subtitle: Any,
    back_url: str,
    template: str = "governance/form_page.html",
) -> HttpResponse:
    """A ``form_page`` on a generic form template: the page's ``title``, what the form is
    about (``subtitle``, linked back to ``back_url``) and the form; once saved, the user
    goes back to ``back_url``."""
    return form_page(
        request,
        form,
        write,
        success=success,
        done=back_url,
        template=template,
        context={"title": title, "subtitle": subtitle, "back_url": back_url},
    )
