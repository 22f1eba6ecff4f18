"""Helpers of the selection tests: two criteria, numbered candidates, A1 and A2 back to
candidates."""

from clusters.models import (
    Cluster,
    ClusterStatus,
)
from clusters.selection import services
from tests.factories import ClusterFactory


def _criteria(world):
    coord = world.user("coord_a")
    size = services.criterion_create(
        actor=coord,
        project=world.project_a,
        name="Employment",
        kind="mapping",
        source="employment_total",
        weight=2,
    )
    coop = services.criterion_create(
        actor=coord, project=world.project_a, name="Cooperation", kind="expert", weight=1
    )
    return size, coop


def _candidates(project, n, start=0):
    return [
        ClusterFactory(
            project=project,
            name=f"Candidate {start + i:03d}",
            employment_women=10 * i,
            employment_men=5,
        )
        for i in range(n)
    ]


def _candidate_world(world):
    Cluster.objects.filter(pk__in=[world.a1.pk, world.a2.pk]).update(
        status=ClusterStatus.CANDIDATE, phase=1
    )
    world.a1.refresh_from_db()
    world.a2.refresh_from_db()
