"""Thin Celery tasks of the reminders, run by beat (see the schedule in config/settings.py)."""

from celery import shared_task

from . import services


@shared_task
def reminders_send_daily() -> int:
    """Each morning: the reminder e-mails (each person at most once a day)."""
    return services.reminders_send_daily()


@shared_task
def digest_send_weekly() -> int:
    """Each Monday: the coordinators' weekly digest (at most once a week each)."""
    return services.digest_send_weekly()
