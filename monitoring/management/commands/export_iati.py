"""Write a project's IATI 2.03 activity file to standard output."""

from django.core.management.base import BaseCommand, CommandError

from clusters.models import Project
from monitoring.iati.builder import iati_file


class Command(BaseCommand):
    help = (
        "Write the project's IATI 2.03 activity file (results, indicators, baselines, "
        "targets and approved actuals from the roll-ups) to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("project", type=int, help="the project's id")

    def handle(self, *args, project: int, **options):
        item = Project.objects.filter(pk=project).first()
        if item is None:
            raise CommandError(f"No project has the id {project}.")
        self.stdout.write(iati_file(item).decode("utf-8"), ending="")
