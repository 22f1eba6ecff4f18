from celery import shared_task

from .roles.services import role_dates_apply_system


@shared_task
def sync_role_permissions() -> int:
    return role_dates_apply_system()
