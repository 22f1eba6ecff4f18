"""Matrix rows for selection: criteria, expert scores, ranking and decisions (pages and
API).

Selection pages are for the selection body (coordinator and Steering Committee:
DECIDE_SELECTION); criteria for the coordinator (MANAGE)."""

from clusters.models import (
    Criterion,
    CriterionScore,
    SelectionDecision,
    SelectionDecisionCluster,
)
from tests.security.matrix import (
    API_SIGNED_IN,
    PROJECT_A_MANAGE,
    PROJECT_A_OBJECT_REPORT,
    PROJECT_A_REPORT,
    Case,
    api,
    expect,
    with_status,
)

API_PROJECT_A_OBJECT_MANAGE = api(expect(404, admin=200, coord_a=200, steer_a=403))
# The selection body's pages (DECIDE_SELECTION): the coordinator and the Steering
# Committee, not the Programme Officer, who only reads (VIEW, REPORT).
SELECTION_BODY = {**PROJECT_A_REPORT, "po_a": 403}


def _criterion(w, kind="expert"):
    key = f"criterion-{kind}"
    if key not in w.extra:
        w.extra[key] = Criterion.objects.create(
            project=w.project_a,
            name=f"Willingness ({kind})",
            kind=kind,
            source="" if kind == "expert" else "employment_total",
            weight=2,
        )
    return w.extra[key]


def _score(w):
    if "score" not in w.extra:
        w.extra["score"] = CriterionScore.objects.create(
            criterion=_criterion(w), cluster=w.a1, score=4, scored_by=w.users["coord_a"]
        )
    return w.extra["score"]


def _selection_decision(w):
    if "decision" not in w.extra:
        decision = SelectionDecision.objects.create(
            project=w.project_a,
            decided_on="2025-06-01",
            rationale="Best ranked",
            recorded_by=w.users["steer_a"],
        )
        SelectionDecisionCluster.objects.create(decision=decision, cluster=w.a1, outcome="selected")
        w.extra["decision"] = decision
    return w.extra["decision"]


CRITERION_FORM = {
    "name": "Export orientation",
    "kind": "mapping",
    "source": "export_orientation",
    "direction": "higher",
    "weight": "1.5",
    "order": "3",
    "description": "",
}


def _decision_form(w):
    return {
        "decided_on": "2025-06-01",
        "rationale": "Highest ranked candidates",
        "selected": [w.a1.pk],
        "rejected": [w.a2.pk],
    }


P = "/projects/{}/selection"


CASES = [
    # Ranking (read: selection body) and weights (coordinator)
    Case("selection-ranking", lambda w: f"{P.format(w.project_a.pk)}/", SELECTION_BODY),
    Case(
        "selection-weights",
        lambda w: f"{P.format(w.project_a.pk)}/weights/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: {f"weight-{_criterion(w).pk}": "3"},
    ),
    # Criteria (coordinator)
    Case("selection-criteria", lambda w: f"{P.format(w.project_a.pk)}/criteria/", PROJECT_A_MANAGE),
    Case(
        "selection-criteria",
        lambda w: f"{P.format(w.project_a.pk)}/criteria/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: CRITERION_FORM,
    ),
    Case(
        "selection-criteria-starter",
        lambda w: f"{P.format(w.project_a.pk)}/criteria/starter/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
    ),
    Case(
        "selection-criterion-edit",
        lambda w: f"{P.format(w.project_a.pk)}/criteria/{_criterion(w).pk}/",
        PROJECT_A_MANAGE,
    ),
    Case(
        "selection-criterion-edit",
        lambda w: f"{P.format(w.project_a.pk)}/criteria/{_criterion(w).pk}/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: {**CRITERION_FORM, "name": "Renamed"},
    ),
    Case(
        "selection-criterion-delete",
        lambda w: f"{P.format(w.project_a.pk)}/criteria/{_criterion(w).pk}/delete/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
    ),
    # Expert scores (coordinator and Steering Committee)
    Case("selection-scores", lambda w: f"{P.format(w.project_a.pk)}/scores/", SELECTION_BODY),
    Case(
        "selection-scores",
        lambda w: f"{P.format(w.project_a.pk)}/scores/",
        with_status(SELECTION_BODY, 200, 302),
        method="post",
        data=lambda w: {
            f"s-{w.a1.pk}-{_criterion(w).pk}": "4",
            f"n-{w.a1.pk}-{_criterion(w).pk}": "Strong association",
        },
    ),
    # Decisions (coordinator and Steering Committee)
    Case("selection-decisions", lambda w: f"{P.format(w.project_a.pk)}/decisions/", SELECTION_BODY),
    Case(
        "selection-decision-create",
        lambda w: f"{P.format(w.project_a.pk)}/decisions/new/",
        SELECTION_BODY,
    ),
    Case(
        "selection-decision-create",
        lambda w: f"{P.format(w.project_a.pk)}/decisions/new/",
        with_status(SELECTION_BODY, 200, 302),
        method="post",
        data=_decision_form,
    ),
    # API: criteria
    Case("api-selection-criterion-list", lambda w: "/api/selection-criteria/", API_SIGNED_IN),
    Case(
        "api-selection-criterion-list",
        lambda w: "/api/selection-criteria/",
        expect(403, admin=201, coord_a=201, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {**CRITERION_FORM, "project": w.project_a.pk, "order": 3},
    ),
    # UNIDO's starter set (coordinator); another project's id does not exist (400).
    Case(
        "api-selection-criterion-starter",
        lambda w: "/api/selection-criteria/starter/",
        expect(403, admin=201, coord_a=201, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {"project": w.project_a.pk},
    ),
    Case(
        "api-selection-criterion-detail",
        lambda w: f"/api/selection-criteria/{_criterion(w).pk}/",
        api(PROJECT_A_OBJECT_REPORT),
    ),
    Case(
        "api-selection-criterion-detail",
        lambda w: f"/api/selection-criteria/{_criterion(w).pk}/",
        API_PROJECT_A_OBJECT_MANAGE,
        method="patch",
        json=True,
        data=lambda w: {"weight": "4.5"},
    ),
    Case(
        "api-selection-criterion-detail",
        lambda w: f"/api/selection-criteria/{_criterion(w).pk}/",
        with_status(API_PROJECT_A_OBJECT_MANAGE, 200, 204),
        method="delete",
    ),
    # API: scores
    Case("api-selection-score-list", lambda w: "/api/selection-scores/", API_SIGNED_IN),
    Case(
        "api-selection-score-list",
        lambda w: "/api/selection-scores/",
        expect(400, admin=201, coord_a=201, steer_a=201, po_a=403, anon=401),
        method="post",
        json=True,
        data=lambda w: {"criterion": _criterion(w).pk, "cluster": w.a1.pk, "score": 3},
    ),
    Case(
        "api-selection-score-detail",
        lambda w: f"/api/selection-scores/{_score(w).pk}/",
        api(PROJECT_A_OBJECT_REPORT),
    ),
    # Withdraw a score (coord_a's): its scorer or the coordinator; steering may not.
    Case(
        "api-selection-score-detail",
        lambda w: f"/api/selection-scores/{_score(w).pk}/",
        api(expect(404, admin=204, coord_a=204, steer_a=403)),
        method="delete",
    ),
    # API: ranking (computed)
    Case(
        "api-selection-ranking-detail",
        lambda w: f"/api/selection-rankings/{w.project_a.pk}/",
        api(SELECTION_BODY),
        setup=lambda w: (_criterion(w), _criterion(w, "mapping"), _score(w)),
    ),
    # API: decisions (no update)
    Case("api-selection-decision-list", lambda w: "/api/selection-decisions/", API_SIGNED_IN),
    Case(
        "api-selection-decision-list",
        lambda w: "/api/selection-decisions/",
        expect(403, admin=201, coord_a=201, steer_a=201, po_a=403, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {**_decision_form(w), "project": w.project_a.pk},
    ),
    Case(
        "api-selection-decision-detail",
        lambda w: f"/api/selection-decisions/{_selection_decision(w).pk}/",
        api(PROJECT_A_OBJECT_REPORT),
    ),
    # Full updates (PUT) answer like partial ones.
    Case(
        "api-selection-criterion-detail",
        lambda w: f"/api/selection-criteria/{_criterion(w).pk}/",
        API_PROJECT_A_OBJECT_MANAGE,
        method="put",
        json=True,
        data=lambda w: {
            "project": w.project_a.pk,
            "name": "Willingness to cooperate",
            "description": "Expert view",
            "kind": "expert",
            "source": "",
            "weight": "3",
            "direction": "higher",
            "order": 1,
        },
    ),
]
