"""The demo's evaluation (monitoring/demo_evaluations.py): a mid-term evaluation of the
demo project, rated, with findings, lessons and three recommendations in different
follow-up states; loading it twice adds nothing."""

import pytest

from config.demo import load_cast
from monitoring import demo_evaluations
from monitoring.evaluations import selectors
from monitoring.models import Evaluation, EvaluationPoint, EvaluationRating, PointKind

pytestmark = pytest.mark.django_db


def test_the_demo_evaluation_is_complete_and_loads_once(client):
    project, clusters, users = load_cast()
    for _ in range(2):
        demo_evaluations.extend_demo(project=project, clusters=clusters, users=users)
    evaluation = Evaluation.objects.get()
    assert evaluation.kind == "mid_term" and evaluation.cluster is None
    assert EvaluationRating.objects.filter(rating__isnull=False).count() == 5
    recommendations = EvaluationPoint.objects.filter(kind=PointKind.RECOMMENDATION)
    assert sorted(recommendations.values_list("follow_up", flat=True)) == [
        "done",
        "in_progress",
        "not_started",
    ]
    assert EvaluationPoint.objects.filter(kind=PointKind.FINDING).exists()
    assert EvaluationPoint.objects.filter(kind=PointKind.LESSON).exists()
    open_rows = list(selectors.open_recommendations(project, users["steering"]))
    assert len(open_rows) == 2 and [r.overdue for r in open_rows] == [True, False]
    client.force_login(users["coordinator"])
    page = client.get(f"/evaluations/{evaluation.pk}/").content.decode()
    assert page.count("recommendation overdue") == 1
