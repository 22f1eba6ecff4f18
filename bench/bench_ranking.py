"""Rank 2,000 candidates on 10 criteria (with the +/-20% robustness), then time the
ranking page's selector on 2,000 candidates stored in a throw-away database.

Prints seconds; the aim is under 2 s for the pure ranking.
"""

from __future__ import annotations

import random
import time

N_CANDIDATES = 2000
N_CRITERIA = 10


def bench_pure() -> None:
    from clusters.selection.ranking import HIGHER, LOWER, CriterionInput, rank

    rng = random.Random(42)
    candidates = [(i, f"Cluster {i:04d}") for i in range(N_CANDIDATES)]
    criteria = [
        CriterionInput(
            key=f"c{k}",
            name=f"Criterion {k}",
            weight=rng.uniform(0.5, 3),
            direction=LOWER if k % 4 == 3 else HIGHER,
            expert=k >= 7,
        )
        for k in range(N_CRITERIA)
    ]
    values = {
        c.key: {
            cid: (None if rng.random() < 0.02 else rng.uniform(0, 5 if c.expert else 10_000))
            for cid, _ in candidates
        }
        for c in criteria
    }
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        ranking = rank(candidates, criteria, values)
        timings.append(time.perf_counter() - start)
    assert ranking.ranked
    moved = sum(1 for c in ranking.candidates if c.best_rank != c.worst_rank)
    print(
        f"rank(): {N_CANDIDATES} candidates x {N_CRITERIA} criteria incl. robustness "
        f"(20 re-rankings): best {min(timings):.3f} s, worst {max(timings):.3f} s "
        f"({moved} candidates change rank within +/-20%)"
    )


def bench_selector() -> None:
    """The ranking page's selector over 2,000 stored candidates (SQLite in memory)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from clusters.models import Cluster, Criterion, CriterionScore, Project
        from clusters.selection import selectors as selection_selectors
        from governance.models import User

        rng = random.Random(7)
        project = Project.objects.create(name="Bench", country="SN", starts_on="2025-01-01")
        expert = User.objects.create(username="bench-expert", is_superuser=True)
        sources = [
            "enterprises_total",
            "employment_total",
            "employment_women",
            "women_owned_share",
            "growth_potential",
            "export_orientation",
        ]
        criteria = [
            Criterion.objects.create(
                project=project, name=s, kind="mapping", source=s, weight=1, order=i
            )
            for i, s in enumerate(sources)
        ] + [
            Criterion.objects.create(
                project=project, name=f"Expert {k}", kind="expert", weight=1, order=10 + k
            )
            for k in range(N_CRITERIA - len(sources))
        ]
        Cluster.objects.bulk_create(
            Cluster(
                project=project,
                name=f"Cluster {i:04d}",
                sector="leather",
                enterprises_micro=rng.randint(5, 500),
                employment_women=rng.randint(0, 2000),
                employment_men=rng.randint(0, 2000),
                women_owned_share=rng.randint(0, 100),
                growth_potential=rng.randint(1, 5),
                export_orientation=rng.choice(["none", "low", "medium", "high"]),
            )
            for i in range(N_CANDIDATES)
        )
        cluster_ids = list(Cluster.objects.filter(project=project).values_list("pk", flat=True))
        CriterionScore.objects.bulk_create(
            CriterionScore(criterion=c, cluster_id=cid, score=rng.randint(0, 5), scored_by=expert)
            for c in criteria
            if c.kind == "expert"
            for cid in cluster_ids
        )
        timings = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                result = selection_selectors.project_ranking(project=project)
                timings.append(time.perf_counter() - start)
        assert len(result.ranking.candidates) == N_CANDIDATES
        print(
            f"project_ranking() selector, {N_CANDIDATES} stored candidates x {len(criteria)} "
            f"criteria ({len(cluster_ids) * 4} expert scores): best {min(timings):.3f} s, "
            f"worst {max(timings):.3f} s, {len(ctx.captured_queries)} queries"
        )
        client = Client()
        client.force_login(expert)
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            response = client.get(f"/projects/{project.pk}/selection/")
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200
        print(
            f"ranking page (selector + table + embedded data), {N_CANDIDATES} candidates: "
            f"best {min(timings):.3f} s, worst {max(timings):.3f} s, "
            f"{len(response.content) // 1024} KiB of HTML"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        settings.DATABASES["default"]["NAME"] = old_name


def main() -> None:
    bench_pure()
    bench_selector()


if __name__ == "__main__":
    main()
