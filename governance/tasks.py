from celery import shared_task

from .services import role_permissions_sync_all


@shared_task
def sync_role_permissions() -> int:
    return role_permissions_sync_all()
