"""The reminder e-mails: once a day at most, none when turned off or when nothing is due,
the weekly digest once per coordinator, plain text with an escaped HTML alternative."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from governance.models import User
from monitoring.models import ReminderPreference, ValueStatus
from monitoring.reminders import services, tasks

from .helpers import MORNING, value

pytestmark = pytest.mark.django_db

NEXT_DAY = MORNING + datetime.timedelta(days=1)


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def sent_to(persona: str) -> list[EmailMultiAlternatives]:
    return [m for m in mail.outbox if m.to == [f"{persona}@example.org"]]


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def daily(now=MORNING) -> int:
    return services.reminders_send_daily(today=now.date(), now=now)


def test_each_person_with_something_due_gets_one_email_a_day(world, indicators):
    assert daily() == len(mail.outbox) == 6
    # Steering and Commission members have nothing to act on: no e-mail.
    assert recipients() == sorted(
        f"{p}@example.org" for p in ("admin", "coord_a", "cda_a1", "cda_a2", "coord_b", "cda_b1")
    )
    [message] = sent_to("cda_a1")
    assert "1 thing to do, 1 overdue" in message.subject
    assert "Firms trained in A1" in message.body and "Jobs in A2" not in message.body
    assert f"/indicators/{indicators['a1'].pk}/values/2025-01-01/" in message.body
    assert "http://localhost:8000/reminders/#preferences" in message.body
    assert 'href="http://localhost:8000/reminders/#preferences"' in html_of(message)
    # Run again the same day: nothing more; the next day: again.
    assert daily(MORNING + datetime.timedelta(hours=5)) == 0
    assert len(mail.outbox) == 6
    assert daily(NEXT_DAY) == 6


def test_no_email_when_turned_off(world, indicators):
    services.reminder_preference_set(
        actor=world.user("cda_a1"), emails_enabled=False, weekly_digest_enabled=True
    )
    daily()
    assert sent_to("cda_a1") == []
    assert sent_to("cda_a2")


def test_user_text_is_escaped_in_the_html_and_plain_in_the_text(world, indicators):
    definition = indicators["a1"].definition
    definition.name = "Firms <b>trained</b> & co"
    definition.save()
    daily()
    [message] = sent_to("cda_a1")
    assert "Firms &lt;b&gt;trained&lt;/b&gt; &amp; co" in html_of(message)
    assert "<b>trained" not in html_of(message)
    assert "Firms <b>trained</b> & co" in message.body


def test_the_email_is_in_the_persons_language(world, indicators):
    services.reminder_preference_set(
        actor=world.user("cda_a1"), emails_enabled=True, weekly_digest_enabled=True, language="ar"
    )
    daily()
    [message] = sent_to("cda_a1")
    assert '<html lang="ar" dir="rtl">' in html_of(message)
    [english] = sent_to("cda_a2")
    assert '<html lang="en" dir="ltr">' in html_of(english)


def test_a_failed_send_is_tried_again_on_the_next_run(world, indicators):
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=OSError("down")):
        assert daily() == 0
    assert not ReminderPreference.objects.filter(last_sent_at__isnull=False).exists()
    assert daily() == 6


def test_the_daily_task_sends_through_the_service(world, indicators):
    with mock.patch.object(services, "reminders_send_daily", return_value=3) as job:
        assert tasks.reminders_send_daily() == 3
    job.assert_called_once_with()


def test_people_without_an_address_or_inactive_get_nothing(world, indicators):
    User.objects.filter(username="cda_a1").update(email="")
    User.objects.filter(username="cda_a2").update(is_active=False)
    daily()
    assert not sent_to("cda_a1") and not sent_to("cda_a2")


# The weekly digest ------------------------------------------------------------------
def weekly(now=MORNING) -> int:
    return services.digest_send_weekly(today=now.date(), now=now)


def test_one_weekly_digest_per_coordinator(world, indicators):
    value(indicators["a2"], ValueStatus.SUBMITTED, world.user("cda_a2"))
    assert weekly() == 3
    # Whoever may manage a project: its coordinators, and the administrator (all).
    assert recipients() == ["admin@example.org", "coord_a@example.org", "coord_b@example.org"]
    [digest] = sent_to("coord_a")
    assert "Project A" in digest.body and "Project B" not in digest.body
    for text in ("Overdue", "Firms trained in A1", "Awaiting your approval", "Jobs in A2"):
        assert text in digest.body
    assert "Jobs in A2" in html_of(digest)
    assert "/reminders/#preferences" in digest.body
    # Later the same week (Thursday 1 May 2025; Sunday is the 4th): nothing more.
    assert weekly(MORNING + datetime.timedelta(days=3)) == 0
    # Next Monday: again.
    assert weekly(MORNING + datetime.timedelta(days=4)) == 3


def test_no_digest_when_turned_off(world, indicators):
    services.reminder_preference_set(
        actor=world.user("coord_a"), emails_enabled=True, weekly_digest_enabled=False
    )
    weekly()
    assert sent_to("coord_a") == [] and sent_to("coord_b")


def test_the_digest_task_sends_through_the_service(world, indicators):
    with mock.patch.object(services, "digest_send_weekly", return_value=2) as job:
        assert tasks.digest_send_weekly() == 2
    job.assert_called_once_with()
