"""The reminder e-mails: a plain-text body and an HTML alternative, each rendered from a
template (the HTML one auto-escaped: titles and notes are user text), in the person's
language, with the link to turn them off."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import ReminderPreference
from .selectors import OVERDUE, Reminder, grouped

TEMPLATES = "monitoring/reminders/"


def site_url(path: str) -> str:
    """An absolute link for an e-mail (no request to build it from in a Celery task)."""
    return getattr(settings, "SITE_URL", "http://localhost:8000").rstrip("/") + path


def language_of(user: Any, preference: ReminderPreference | None) -> str:
    """The person's language: their account's if it has one, else the one chosen with
    their reminder preference, else the site's."""
    known = {code for code, _name in settings.LANGUAGES}
    for code in (getattr(user, "language", ""), preference.language if preference else ""):
        if code in known:
            return code
    return settings.LANGUAGE_CODE


def _linked(items: Iterable[Reminder]) -> list[tuple[str, str, list[dict]]]:
    """The groups of items, each item with its absolute link."""
    return [
        (group, label, [{"item": item, "link": site_url(item.url)} for item in group_items])
        for group, label, group_items in grouped(items)
    ]


def _message(user: Any, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    turn_off = site_url(reverse("reminder-list")) + "#preferences"
    context = {**context, "user": user, "turn_off": turn_off, "home": site_url("/")}
    text = render_to_string(f"{TEMPLATES}{template}.txt", context)
    html = render_to_string(f"{TEMPLATES}{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={"List-Unsubscribe": f"<{turn_off}>"},
    )
    message.attach_alternative(html, "text/html")
    return message


def reminder_message(
    user: Any, items: list[Reminder], today: datetime.date
) -> EmailMultiAlternatives:
    """The daily e-mail: what is due or overdue for this person."""
    overdue = sum(1 for item in items if item.group == OVERDUE)
    count = ngettext("%(count)d thing to do", "%(count)d things to do", len(items)) % {
        "count": len(items)
    }
    if overdue:
        subject = _("ClusterDev: %(count)s, %(overdue)d overdue") % {
            "count": count,
            "overdue": overdue,
        }
    else:
        subject = _("ClusterDev: %(count)s") % {"count": count}
    return _message(
        user,
        subject,
        "email_reminders",
        {"groups": _linked(items), "today": today, "count": len(items)},
    )


def digest_message(
    user: Any, sections: list[tuple[Any, list[Reminder]]], today: datetime.date
) -> EmailMultiAlternatives:
    """The weekly digest: per project the person coordinates, what is overdue, due and
    awaiting approval."""
    subject = _("ClusterDev: your week, %(day)s") % {"day": date_format(today)}
    projects = [
        {
            "project": project,
            "link": site_url(reverse("project-detail", args=[project.pk])),
            "groups": _linked(items),
            "count": len(items),
        }
        for project, items in sections
    ]
    return _message(user, subject, "email_digest", {"projects": projects, "today": today})
