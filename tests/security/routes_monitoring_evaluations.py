"""Matrix rows for evaluations (monitoring/evaluations): the list, the evaluation with its
ratings, points and report file, and their API. A project-wide evaluation reaches only
project roles (coordinator, steering); one of cluster A1 follows A1 (its CDA and
Commission read it). Only the coordinator writes."""

from django.core.files.base import ContentFile

from monitoring.models import Evaluation, EvaluationKind, EvaluationPoint, PointKind
from tests.conftest import pdf
from tests.security.matrix import (
    API_SIGNED_IN,
    CLUSTER_A1_MANAGE,
    CLUSTER_A1_READ,
    PROJECT_A_MANAGE,
    PROJECT_A_OBJECT_REPORT,
    PROJECT_A_READ,
    Case,
    api,
    expect,
    with_status,
)

# A project-wide evaluation of A: written by the coordinator, read by project roles.
PROJECT_EVALUATION_READ = PROJECT_A_OBJECT_REPORT
PROJECT_EVALUATION_MANAGE = expect(404, admin=200, coord_a=200, steer_a=403, anon=302)
# POST to a list endpoint about project A: another project's id "does not exist".
API_CREATE_MANAGE = expect(403, admin=201, coord_a=201, coord_b=400, anon=401)
# ... about cluster A1: A2's CDA does not see A1 either.
API_A1_CREATE_MANAGE = expect(403, admin=201, coord_a=201, cda_a2=400, coord_b=400, anon=401)


def _evaluation(w):
    if "evaluation" not in w.extra:
        evaluation = Evaluation.objects.create(
            project=w.project_a, kind=EvaluationKind.MID_TERM, title="Mid-term"
        )
        evaluation.report_file.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=True)
        w.extra["evaluation"] = evaluation
    return w.extra["evaluation"]


def _a1_evaluation(w):
    if "a1_evaluation" not in w.extra:
        w.extra["a1_evaluation"] = Evaluation.objects.create(
            project=w.project_a, cluster=w.a1, kind=EvaluationKind.FINAL, title="A1 final"
        )
    return w.extra["a1_evaluation"]


def _recommendation(w, evaluation=_evaluation):
    key = f"recommendation-{evaluation.__name__}"
    if key not in w.extra:
        w.extra[key] = EvaluationPoint.objects.create(
            evaluation=evaluation(w), kind=PointKind.RECOMMENDATION, text="Hand over"
        )
    return w.extra[key]


def _a1_recommendation(w):
    return _recommendation(w, _a1_evaluation)


def _posted(shape):
    return with_status(shape, 200, 302)


EVALUATION_FORM = {"kind": "final", "title": "Final evaluation", "rating_relevance": "5"}
POINT_FORM = {"kind": "recommendation", "text": "Train more women", "due_on": "2027-01-31"}
RESPONSE_FORM = {"response": "accepted", "follow_up": "in_progress", "follow_up_note": "Begun"}
API_EVALUATION = {"kind": "final", "title": "Final evaluation"}
RATINGS = [{"criterion": "impact", "rating": 4, "narrative": "Sales up"}]

CASES = [
    # Pages
    Case(
        "evaluation-list",
        lambda w: f"/projects/{w.project_a.pk}/evaluations/",
        PROJECT_A_READ,
        setup=_a1_recommendation,
    ),
    Case(
        "evaluation-create",
        lambda w: f"/projects/{w.project_a.pk}/evaluations/new/",
        PROJECT_A_MANAGE,
    ),
    Case(
        "evaluation-create",
        lambda w: f"/projects/{w.project_a.pk}/evaluations/new/",
        _posted(PROJECT_A_MANAGE),
        method="post",
        data=lambda w: EVALUATION_FORM,
    ),
    Case(
        "evaluation-detail",
        lambda w: f"/evaluations/{_recommendation(w).evaluation_id}/",
        PROJECT_EVALUATION_READ,
    ),
    Case(
        "evaluation-detail",
        lambda w: f"/evaluations/{_a1_recommendation(w).evaluation_id}/",
        CLUSTER_A1_READ,
        label="cluster",
    ),
    Case(
        "evaluation-edit",
        lambda w: f"/evaluations/{_evaluation(w).pk}/edit/",
        PROJECT_EVALUATION_MANAGE,
    ),
    Case(
        "evaluation-edit",
        lambda w: f"/evaluations/{_evaluation(w).pk}/edit/",
        _posted(PROJECT_EVALUATION_MANAGE),
        method="post",
        data=lambda w: {"kind": "mid_term", "title": "Mid-term review"},
    ),
    Case(
        "evaluation-edit",
        lambda w: f"/evaluations/{_a1_evaluation(w).pk}/edit/",
        _posted(CLUSTER_A1_MANAGE),
        method="post",
        data=lambda w: {"kind": "final", "title": "A1 final", "cluster": w.a1.pk},
        label="cluster",
    ),
    Case(
        "evaluation-report",
        lambda w: f"/evaluations/{_a1_evaluation(w).pk}/report/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "evaluation-report",
        lambda w: f"/evaluations/{_a1_evaluation(w).pk}/report/",
        _posted(CLUSTER_A1_MANAGE),
        method="post",
        data=lambda w: {"report_file": pdf("report.pdf")},
    ),
    Case(
        "evaluation-report-download",
        lambda w: f"/evaluations/{_evaluation(w).pk}/report/download/",
        PROJECT_EVALUATION_READ,
    ),
    Case(
        "evaluation-point-create",
        lambda w: f"/evaluations/{_a1_evaluation(w).pk}/points/new/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "evaluation-point-create",
        lambda w: f"/evaluations/{_a1_evaluation(w).pk}/points/new/",
        _posted(CLUSTER_A1_MANAGE),
        method="post",
        data=lambda w: POINT_FORM,
    ),
    Case(
        "evaluation-point-edit",
        lambda w: f"/evaluation-points/{_a1_recommendation(w).pk}/edit/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "evaluation-point-edit",
        lambda w: f"/evaluation-points/{_recommendation(w).pk}/edit/",
        _posted(PROJECT_EVALUATION_MANAGE),
        method="post",
        data=lambda w: POINT_FORM,
    ),
    Case(
        "evaluation-point-response",
        lambda w: f"/evaluation-points/{_a1_recommendation(w).pk}/response/",
        CLUSTER_A1_MANAGE,
    ),
    Case(
        "evaluation-point-response",
        lambda w: f"/evaluation-points/{_a1_recommendation(w).pk}/response/",
        _posted(CLUSTER_A1_MANAGE),
        method="post",
        data=lambda w: RESPONSE_FORM,
    ),
    Case(
        "evaluation-point-delete",
        lambda w: f"/evaluation-points/{_recommendation(w).pk}/delete/",
        PROJECT_EVALUATION_MANAGE,
    ),
    Case(
        "evaluation-point-delete",
        lambda w: f"/evaluation-points/{_a1_recommendation(w).pk}/delete/",
        _posted(CLUSTER_A1_MANAGE),
        method="post",
        data=lambda w: {},
    ),
    # API
    Case("api-evaluation-list", lambda w: "/api/evaluations/", API_SIGNED_IN, setup=_evaluation),
    Case(
        "api-evaluation-list",
        lambda w: "/api/evaluations/",
        API_CREATE_MANAGE,
        method="post",
        json=True,
        data=lambda w: {**API_EVALUATION, "project": w.project_a.pk, "ratings": RATINGS},
    ),
    Case(
        "api-evaluation-list",
        lambda w: "/api/evaluations/",
        API_A1_CREATE_MANAGE,
        method="post",
        data=lambda w: {
            "project": w.project_a.pk,
            "cluster": w.a1.pk,
            "kind": "final",
            "title": "F",
            "report_file": pdf("report.pdf"),
        },
        label="multipart-report",
    ),
    Case(
        "api-evaluation-detail",
        lambda w: f"/api/evaluations/{_evaluation(w).pk}/",
        api(PROJECT_EVALUATION_READ),
    ),
    Case(
        "api-evaluation-detail",
        lambda w: f"/api/evaluations/{_a1_evaluation(w).pk}/",
        api(CLUSTER_A1_READ),
        label="cluster",
    ),
    Case(
        "api-evaluation-detail",
        lambda w: f"/api/evaluations/{_a1_evaluation(w).pk}/",
        api(CLUSTER_A1_MANAGE),
        method="patch",
        json=True,
        data=lambda w: {"evaluator": "Evaluation office", "ratings": RATINGS},
    ),
    Case(
        "api-evaluation-detail",
        lambda w: f"/api/evaluations/{_evaluation(w).pk}/",
        api(PROJECT_EVALUATION_MANAGE),
        method="put",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "kind": "mid_term", "title": "Mid-term"},
    ),
    Case(
        "api-evaluation-report",
        lambda w: f"/api/evaluations/{_evaluation(w).pk}/report/",
        api(PROJECT_EVALUATION_READ),
    ),
    Case(
        "api-evaluation-point-list",
        lambda w: "/api/evaluation-points/",
        API_SIGNED_IN,
        setup=_recommendation,
    ),
    Case(
        "api-evaluation-point-list",
        lambda w: "/api/evaluation-points/",
        API_A1_CREATE_MANAGE,
        method="post",
        json=True,
        data=lambda w: {"evaluation": _a1_evaluation(w).pk, "kind": "finding", "text": "Trust"},
    ),
    Case(
        "api-evaluation-point-detail",
        lambda w: f"/api/evaluation-points/{_a1_recommendation(w).pk}/",
        api(CLUSTER_A1_READ),
    ),
    Case(
        "api-evaluation-point-detail",
        lambda w: f"/api/evaluation-points/{_recommendation(w).pk}/",
        api(PROJECT_EVALUATION_READ),
        label="project-wide",
    ),
    Case(
        "api-evaluation-point-detail",
        lambda w: f"/api/evaluation-points/{_a1_recommendation(w).pk}/",
        api(CLUSTER_A1_MANAGE),
        method="patch",
        json=True,
        data=lambda w: {"response": "accepted", "follow_up": "done"},
    ),
    Case(
        "api-evaluation-point-detail",
        lambda w: f"/api/evaluation-points/{_a1_recommendation(w).pk}/",
        api(CLUSTER_A1_MANAGE),
        method="put",
        json=True,
        data=lambda w: {
            "evaluation": _a1_evaluation(w).pk,
            "kind": "recommendation",
            "text": "Hand over sooner",
        },
    ),
    Case(
        "api-evaluation-point-detail",
        lambda w: f"/api/evaluation-points/{_a1_recommendation(w).pk}/",
        with_status(api(CLUSTER_A1_MANAGE), 200, 204),
        method="delete",
    ),
]
