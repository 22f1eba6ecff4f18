"""Load the whole project's demo data and print one login per role (idempotent).

Lives in the composition root (``config``) because the demo spans every phase; the
cast and the order of the apps' parts are in ``config/demo.py``.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from config import demo


class Command(BaseCommand):
    help = "Load demo data (idempotent) and print one login per role."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.load()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Logins (password for all: {demo.DEMO_PASSWORD}):")
        )
        for line in demo.logins():
            self.stdout.write(line)
