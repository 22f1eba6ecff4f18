"""Rebuild the roll-ups (indicators, field activity, governance) and report the indicator
cells that had drifted."""

from django.core.management.base import BaseCommand

from clusters.models import Project
from monitoring.rollups.activity import activity_rollups_rebuild
from monitoring.rollups.services import rollup_rebuild


class Command(BaseCommand):
    help = "Recompute every roll-up cell (of one project, or all) and say how many differed."

    def add_arguments(self, parser):
        parser.add_argument("project", nargs="?", type=int, help="a project id (default: all)")

    def handle(self, *args, project=None, **options):
        with_indicators = set(
            Project.objects.filter(indicators__isnull=False).values_list("pk", flat=True)
        )
        projects = Project.objects.order_by("pk")
        if project is not None:
            projects = projects.filter(pk=project)
        total = 0
        for item in projects:
            cells = activity_rollups_rebuild(project=item)
            if item.pk in with_indicators or project is not None:
                differences = rollup_rebuild(project=item)
                total += differences
                self.stdout.write(
                    f"{item.pk} {item.name}: {differences} cells corrected,"
                    f" {cells} activity and governance cells written"
                )
            else:
                self.stdout.write(f"{item.pk} {item.name}: {cells} activity and governance cells")
        self.stdout.write(f"{total} cells corrected in all")
