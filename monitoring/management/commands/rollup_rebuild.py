"""Rebuild the indicator roll-ups and report the cells that had drifted."""

from django.core.management.base import BaseCommand

from clusters.models import Project
from monitoring.rollups.services import rollup_rebuild


class Command(BaseCommand):
    help = "Recompute every roll-up cell (of one project, or all) and say how many differed."

    def add_arguments(self, parser):
        parser.add_argument("project", nargs="?", type=int, help="a project id (default: all)")

    def handle(self, *args, project=None, **options):
        projects = Project.objects.filter(indicators__isnull=False).distinct()
        if project is not None:
            projects = Project.objects.filter(pk=project)
        total = 0
        for item in projects:
            differences = rollup_rebuild(project=item)
            total += differences
            self.stdout.write(f"{item.pk} {item.name}: {differences} cells corrected")
        self.stdout.write(f"{total} cells corrected in all")
