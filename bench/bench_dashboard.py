"""Dashboard selector and PDF report on a project with many clusters and activities."""

import random
import time

from django.db import transaction

from actionplans.models import FieldActivity
from clusters.models import Cluster, Project
from monitoring.dashboards.selectors import project_dashboard
from monitoring.reports.services import render_progress_pdf


class Rollback(Exception):
    pass


def main(clusters: int = 500, activities_per_cluster: int = 20) -> None:
    try:
        with transaction.atomic():
            project = Project.objects.create(
                name="Bench project", country="SN", starts_on="2025-01-01"
            )
            Cluster.objects.bulk_create(
                Cluster(project=project, name=f"Bench cluster {i}", sector="leather")
                for i in range(clusters)
            )
            rng = random.Random(1)
            ids = list(Cluster.objects.filter(project=project).values_list("pk", flat=True))
            FieldActivity.objects.bulk_create(
                FieldActivity(
                    cluster_id=cid,
                    occurred_on=f"2025-{rng.randint(1, 12):02d}-10",
                    kind="visit",
                    summary="bench",
                    women=rng.randint(0, 9),
                    men=rng.randint(0, 9),
                )
                for cid in ids
                for _ in range(activities_per_cluster)
            )
            start = time.perf_counter()
            rows = project_dashboard(project=project)
            dashboard = time.perf_counter() - start
            start = time.perf_counter()
            pdf = render_progress_pdf(project=project)
            report = time.perf_counter() - start
            print(
                f"dashboard selector: {len(rows)} clusters, "
                f"{clusters * activities_per_cluster} activities: {dashboard * 1000:.0f} ms"
            )
            print(f"progress report PDF: {len(pdf) / 1024:.0f} KiB in {report:.2f} s")
            raise Rollback
    except Rollback:
        pass
