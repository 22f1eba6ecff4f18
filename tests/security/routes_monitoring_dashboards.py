"""Matrix rows for the dashboards: the project's (coordinator, steering members read it)
and a cluster's (whoever may read the cluster)."""

from tests.security.matrix import CLUSTER_A1_READ, PROJECT_A_REPORT, Case

CASES = [
    Case("project-dashboard", lambda w: f"/projects/{w.project_a.pk}/dashboard/", PROJECT_A_REPORT),
    Case(
        "project-dashboard",
        lambda w: f"/projects/{w.project_a.pk}/dashboard/?period=2025-Q1&cluster={w.a1.pk}",
        PROJECT_A_REPORT,
        label="filtered",
    ),
    Case("cluster-dashboard", lambda w: f"/clusters/{w.a1.pk}/dashboard/", CLUSTER_A1_READ),
]
