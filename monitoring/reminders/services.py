"""Writes of reminders: a person's choice about reminder e-mails, and the two jobs that
send them (daily reminders, the coordinators' weekly digest).

Both jobs are idempotent: before sending, a job claims the person's row with one
conditional UPDATE (``last_sent_at`` / ``digest_sent_at`` earlier than today / this
week), so a job that runs twice, or on two workers at once, sends each e-mail once. A
send that fails gives the claim back, so the next run tries again."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusters.models import Project
from governance.access import Action, visible
from governance.audit import actor_context
from governance.models import User

from ..models import ReminderPreference
from . import emails
from .selectors import AWAITING_APPROVAL, reminders_for

logger = logging.getLogger(__name__)


def reminder_preference_set(
    *, actor: User, emails_enabled: bool, weekly_digest_enabled: bool, language: str = ""
) -> ReminderPreference:
    """Save the actor's own choice (anyone signed in; nobody else's)."""
    if language and language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    with transaction.atomic(), actor_context(actor):
        preference, _created = ReminderPreference.objects.select_for_update().get_or_create(
            user=actor
        )
        preference.emails_enabled = emails_enabled
        preference.weekly_digest_enabled = weekly_digest_enabled
        preference.language = language
        preference.full_clean()
        preference.save()
    return preference


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _preferences(**enabled: bool) -> QuerySet[ReminderPreference]:
    """The rows of the active people with an e-mail address, created for those who have
    none yet (one INSERT for them all), with ``enabled`` switched on."""
    people = User.objects.filter(is_active=True).exclude(email="")
    missing = people.filter(reminder_preference__isnull=True).values_list("pk", flat=True)
    ReminderPreference.objects.bulk_create(
        [ReminderPreference(user_id=pk) for pk in missing], ignore_conflicts=True
    )
    return (
        ReminderPreference.objects.filter(user__in=people, **enabled)
        .select_related("user")
        .order_by("pk")
    )


def _claim(preference: ReminderPreference, field: str, since: datetime.datetime, now) -> bool:
    """Mark the row as sent now, unless it was sent since ``since`` (one UPDATE: of two
    jobs running at once, one wins)."""
    not_yet = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": since})
    rows = ReminderPreference.objects.filter(not_yet, pk=preference.pk).update(**{field: now})
    return rows == 1


def _send_claimed(preference: ReminderPreference, field: str, message, now) -> bool:
    previous = getattr(preference, field)
    try:
        message.send()
    except Exception:  # noqa: BLE001 - one bad address must not stop the others
        logger.exception("Reminders: the e-mail to user %s could not be sent", preference.user_id)
        ReminderPreference.objects.filter(pk=preference.pk, **{field: now}).update(
            **{field: previous}
        )
        return False
    return True


def reminders_send_daily(
    *, today: datetime.date | None = None, now: datetime.datetime | None = None
) -> int:
    """E-mail each person who wants it what is due or overdue for them (at most one
    e-mail a day; nothing when nothing is due). Returns the number of e-mails sent."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    since = _start_of(today)
    sent = 0
    candidates = _preferences(emails_enabled=True).filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lt=since)
    )
    for preference in candidates:
        user = preference.user
        with translation.override(emails.language_of(user, preference)):
            items = [i for i in reminders_for(user, today) if i.group != AWAITING_APPROVAL]
            if not items:
                continue
            message = emails.reminder_message(user, items, today)
        if _claim(preference, "last_sent_at", since, now) and _send_claimed(
            preference, "last_sent_at", message, now
        ):
            sent += 1
    return sent


def digest_send_weekly(
    *, today: datetime.date | None = None, now: datetime.datetime | None = None
) -> int:
    """E-mail each coordinator (whoever may MANAGE a project) one digest a week: per
    project, what is overdue, due and awaiting approval. Returns the e-mails sent."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    since = _start_of(today - datetime.timedelta(days=today.weekday()))  # this Monday
    sent = 0
    candidates = _preferences(weekly_digest_enabled=True).filter(
        Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lt=since)
    )
    for preference in candidates:
        user = preference.user
        projects = list(visible(user, Project, Action.MANAGE).order_by("name", "pk"))
        if not projects:
            continue
        with translation.override(emails.language_of(user, preference)):
            items = reminders_for(user, today)
            sections = [(p, [i for i in items if i.project_id == p.pk]) for p in projects]
            message = emails.digest_message(user, sections, today)
        if _claim(preference, "digest_sent_at", since, now) and _send_claimed(
            preference, "digest_sent_at", message, now
        ):
            sent += 1
    return sent
