from celery import shared_task

from .idempotency import purge_expired
from .roles.services import role_dates_apply_system


@shared_task
def sync_role_permissions() -> int:
    return role_dates_apply_system()


@shared_task
def purge_idempotency_keys() -> int:
    """Forget the client keys of creates older than 30 days (``governance.idempotency``)."""
    return purge_expired()
