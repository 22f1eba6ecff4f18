"""Matrix rows for the result chain: a project's and a cluster's chain, its statements
(pages and API)."""

from monitoring.models import ResultLevel, ResultStatement
from tests.security.matrix import (
    API_SIGNED_IN,
    CLUSTER_A1_MANAGE,
    CLUSTER_A1_READ,
    PROJECT_A_MANAGE,
    Case,
    api,
    expect,
    with_status,
)

# A project's chain is project-wide: its coordinator and Steering Committee read it; a
# cluster's CDA sees the project (its summary) but not this.
PROJECT_A_WIDE_READ = expect(403, admin=200, coord_a=200, steer_a=200, coord_b=404, anon=302)
# A statement of project A's own chain: out of the cluster roles' scope.
PROJECT_A_STATEMENT_MANAGE = expect(404, admin=200, coord_a=200, steer_a=403, anon=302)


def _a1_statement(w):
    if "a1_statement" not in w.extra:
        w.extra["a1_statement"] = ResultStatement.objects.create(
            project=w.project_a, cluster=w.a1, level=ResultLevel.IMPACT, statement="Growth"
        )
    return w.extra["a1_statement"]


def _project_statement(w):
    return ResultStatement.objects.create(
        project=w.project_a, level=ResultLevel.IMPACT, statement="Programme growth"
    )


IMPACT_FORM = {"level": "impact", "statement": "Inclusive growth", "assumptions": "", "risks": ""}
PAGE_MANAGE_POST = with_status(CLUSTER_A1_MANAGE, 200, 302)
API_A1_MANAGE = api(CLUSTER_A1_MANAGE)

CASES = [
    Case(
        "project-result-chain",
        lambda w: f"/projects/{w.project_a.pk}/result-chain/",
        PROJECT_A_WIDE_READ,
    ),
    Case("cluster-result-chain", lambda w: f"/clusters/{w.a1.pk}/result-chain/", CLUSTER_A1_READ),
    Case(
        "project-result-chain-start",
        lambda w: f"/projects/{w.project_a.pk}/result-chain/start/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
    ),
    Case(
        "cluster-result-chain-start",
        lambda w: f"/clusters/{w.a1.pk}/result-chain/start/",
        PAGE_MANAGE_POST,
        method="post",
    ),
    Case(
        "project-result-statement-create",
        lambda w: f"/projects/{w.project_a.pk}/result-chain/new/",
        PROJECT_A_MANAGE,
    ),
    Case(
        "project-result-statement-create",
        lambda w: f"/projects/{w.project_a.pk}/result-chain/new/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: IMPACT_FORM,
    ),
    Case(
        "cluster-result-statement-create",
        lambda w: f"/clusters/{w.a1.pk}/result-chain/new/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "cluster-result-statement-create",
        lambda w: f"/clusters/{w.a1.pk}/result-chain/new/",
        PAGE_MANAGE_POST,
        method="post",
        data=lambda w: IMPACT_FORM,
    ),
    Case(
        "result-statement-edit",
        lambda w: f"/result-statements/{_a1_statement(w).pk}/edit/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "result-statement-edit",
        lambda w: f"/result-statements/{_project_statement(w).pk}/edit/",
        PROJECT_A_STATEMENT_MANAGE,
        label="project-chain",
    ),
    Case(
        "result-statement-edit",
        lambda w: f"/result-statements/{_a1_statement(w).pk}/edit/",
        PAGE_MANAGE_POST,
        method="post",
        data=lambda w: {"statement": "Growth of firms", "assumptions": "", "risks": ""},
    ),
    Case(
        "result-statement-delete",
        lambda w: f"/result-statements/{_a1_statement(w).pk}/delete/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "result-statement-delete",
        lambda w: f"/result-statements/{_a1_statement(w).pk}/delete/",
        PAGE_MANAGE_POST,
        method="post",
    ),
    # API
    Case("api-result-statement-list", lambda w: "/api/result-statements/", API_SIGNED_IN),
    Case(
        "api-result-statement-list",
        lambda w: "/api/result-statements/",
        expect(403, admin=201, coord_a=201, cda_a2=400, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {**IMPACT_FORM, "project": w.project_a.pk, "cluster": w.a1.pk},
    ),
    Case(
        "api-result-statement-start",
        lambda w: "/api/result-statements/start/",
        expect(403, admin=201, coord_a=201, cda_a2=400, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "cluster": w.a1.pk},
    ),
    Case(
        "api-result-statement-detail",
        lambda w: f"/api/result-statements/{_a1_statement(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    Case(
        "api-result-statement-detail",
        lambda w: f"/api/result-statements/{_a1_statement(w).pk}/",
        API_A1_MANAGE,
        method="patch",
        json=True,
        data=lambda w: {"risks": "Drought"},
    ),
    Case(
        "api-result-statement-detail",
        lambda w: f"/api/result-statements/{_a1_statement(w).pk}/",
        API_A1_MANAGE,
        method="put",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "level": "impact", "statement": "Growth"},
    ),
    Case(
        "api-result-statement-detail",
        lambda w: f"/api/result-statements/{_a1_statement(w).pk}/",
        with_status(API_A1_MANAGE, 200, 204),
        method="delete",
    ),
]
