"""Demo data for evaluations: the demo project's mid-term evaluation, rated on the five
OECD-DAC criteria, with findings, lessons and three recommendations whose responses and
follow-up differ (one done, one in progress and overdue, one not started yet). Called by
``load_demo`` (config/demo.py). Idempotent: nothing is added when the evaluation exists
(looked up by project, kind and title). Written through the services, as the
coordinator, so the demo obeys the same rules as the pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from .evaluations import services
from .models import (
    Criterion,
    Evaluation,
    EvaluationKind,
    FollowUpStatus,
    ManagementResponse,
    PointKind,
    Rating,
)

TITLE = "Mid-term evaluation of the cluster programme"

RATINGS = [
    (
        Criterion.RELEVANCE,
        Rating.HIGHLY_SATISFACTORY,
        "The clusters chosen matter to the regions' jobs; firms and the government back them.",
    ),
    (
        Criterion.EFFICIENCY,
        Rating.MODERATELY_SATISFACTORY,
        "The diagnostics took longer than planned; joint actions used the budget well.",
    ),
    (
        Criterion.EFFECTIVENESS,
        Rating.SATISFACTORY,
        "Joint purchase of hides and the first trade fair reached most of their targets.",
    ),
    (
        Criterion.IMPACT,
        Rating.MODERATELY_SATISFACTORY,
        "Sales rose in the leather cluster; it is too early to see it in groundnuts.",
    ),
    (
        Criterion.SUSTAINABILITY,
        Rating.MODERATELY_UNSATISFACTORY,
        "The Commissions still depend on the CDAs to meet; no local body funds them yet.",
    ),
]

FINDINGS = [
    "Trust between firms grew fastest where the Commission met every month.",
    "Women-owned firms joined joint actions less often than men-owned firms.",
]

LESSONS = [
    "A small joint action done early builds more trust than a large one planned long.",
]

# text, response, note, responsible (username), due (days from today), follow-up, note
RECOMMENDATIONS = [
    (
        "Hand the Commission's secretariat to the business association before the project ends.",
        ManagementResponse.ACCEPTED,
        "The association agreed to host the secretariat.",
        "coordinator",
        -30,
        FollowUpStatus.IN_PROGRESS,
        "Draft agreement sent to the association's board.",
    ),
    (
        "Set a quota for women-owned firms in each joint action.",
        ManagementResponse.PARTIALLY,
        "A target rather than a quota: firms choose who joins.",
        "cda",
        -90,
        FollowUpStatus.DONE,
        "Target of 40% written into the action plan; reached in two joint actions.",
    ),
    (
        "Start the groundnut cluster's first joint action within six months.",
        ManagementResponse.ACCEPTED,
        "",
        "cda2",
        120,
        FollowUpStatus.NOT_STARTED,
        "",
    ),
]


def extend_demo(*, project: Any, clusters: dict[str, Any], users: dict[str, Any]) -> None:
    actor = users.get("coordinator") or users.get("admin")
    exists = Evaluation.objects.filter(project=project, kind=EvaluationKind.MID_TERM, title=TITLE)
    if actor is None or exists.exists():
        return
    today = timezone.localdate()
    evaluation = services.evaluation_create(
        actor=actor,
        project=project,
        kind=EvaluationKind.MID_TERM,
        title=TITLE,
        evaluator="Independent evaluation team (demo)",
        completed_on=today - datetime.timedelta(days=120),
        summary="The programme is on track in leather and late in groundnuts.",
        ratings=[{"criterion": c, "rating": r, "narrative": n} for c, r, n in RATINGS],
    )
    for kind, texts in ((PointKind.FINDING, FINDINGS), (PointKind.LESSON, LESSONS)):
        for text in texts:
            services.point_create(actor=actor, evaluation=evaluation, kind=kind, text=text)
    for text, response, note, who, days, follow_up, follow_note in RECOMMENDATIONS:
        services.point_create(
            actor=actor,
            evaluation=evaluation,
            kind=PointKind.RECOMMENDATION,
            text=text,
            responsible=users.get(who),
            due_on=today + datetime.timedelta(days=days),
            response=response,
            response_note=note,
            follow_up=follow_up,
            follow_up_note=follow_note,
        )
