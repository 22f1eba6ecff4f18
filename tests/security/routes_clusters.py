"""Matrix rows for projects and clusters: home, project and cluster pages, the phase
tracker, and their API."""

from clusters.models import (
    PhaseChange,
)
from tests.security.matrix import (
    API_SIGNED_IN,
    CLUSTER_A1_MANAGE,
    CLUSTER_A1_READ,
    PROJECT_A_MANAGE,
    PROJECT_A_READ,
    Case,
    api,
    expect,
    with_status,
)

SIGNED_IN = expect(200, anon=302)


def _phase_change(w):
    if "phase_change" not in w.extra:
        w.extra["phase_change"] = PhaseChange.objects.create(
            cluster=w.a1, from_phase=1, to_phase=2, reason="Selected", changed_by=None
        )
    return w.extra["phase_change"]


MOVE_BACK = {"to_phase": "1", "reason": "Selection to be reviewed"}


CASES = [
    # Home, projects, clusters
    Case("home", lambda w: "/", SIGNED_IN),
    Case("project-detail", lambda w: f"/projects/{w.project_a.pk}/", PROJECT_A_READ),
    Case("cluster-detail", lambda w: f"/clusters/{w.a1.pk}/", CLUSTER_A1_READ),
    Case("api-project-list", lambda w: "/api/projects/", API_SIGNED_IN),
    Case(
        "api-project-list",
        lambda w: "/api/projects/",
        expect(403, admin=201, anon=401),
        method="post",
        json=True,
        data=lambda w: {"name": "New", "country": "GH", "starts_on": "2026-01-01"},
    ),
    Case("api-project-detail", lambda w: f"/api/projects/{w.project_a.pk}/", api(PROJECT_A_READ)),
    Case(
        "api-project-detail",
        lambda w: f"/api/projects/{w.project_a.pk}/",
        api(PROJECT_A_MANAGE),
        method="patch",
        json=True,
        data=lambda w: {"donor": "New donor"},
    ),
    # Full updates (PUT) answer like partial ones.
    Case(
        "api-project-detail",
        lambda w: f"/api/projects/{w.project_a.pk}/",
        api(PROJECT_A_MANAGE),
        method="put",
        json=True,
        data=lambda w: {
            "name": "Project A",
            "country": "SN",
            "donor": "EU",
            "starts_on": "2025-01-01",
            "ends_on": None,
            "description": "Renamed donor, full update",
        },
    ),
    # Phase tracker (coordinator)
    Case("cluster-phase", lambda w: f"/clusters/{w.a1.pk}/phase/", CLUSTER_A1_MANAGE),
    Case(
        "cluster-phase",
        lambda w: f"/clusters/{w.a1.pk}/phase/",
        with_status(CLUSTER_A1_MANAGE, 200, 302),
        method="post",
        data=lambda w: MOVE_BACK,
    ),
    # API: phase changes
    Case("api-phase-change-list", lambda w: "/api/phase-changes/", API_SIGNED_IN),
    Case(
        "api-phase-change-list",
        lambda w: "/api/phase-changes/",
        expect(403, admin=201, coord_a=201, cda_a2=400, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {"cluster": w.a1.pk, **MOVE_BACK, "to_phase": 1},
    ),
    Case(
        "api-phase-change-detail",
        lambda w: f"/api/phase-changes/{_phase_change(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
]
