"""Criteria, expert scores, the ranking page, selection decisions (services, pages, API)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters import selection_services as services
from clusters.models import (
    Cluster,
    ClusterStatus,
    Criterion,
    CriterionScore,
    PhaseChange,
    SelectionDecision,
)
from clusters.selection_selectors import project_ranking
from governance.models import Body, Meeting
from tests.factories import ClusterFactory, ProjectFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)


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


# --- Criteria ------------------------------------------------------------------------


def test_starter_set_is_added_once_and_follows_unido(world):
    coord = world.user("coord_a")
    created = services.criteria_starter_set_add(actor=coord, project=world.project_a)
    names = [c.name for c in created]
    assert names == [
        "Number of enterprises",
        "Employment",
        "Women's share",
        "Growth potential",
        "Presence of support institutions",
        "Willingness to cooperate",
        "Poverty incidence in the area",
    ]
    assert [c.kind for c in created[-3:]] == ["expert"] * 3
    assert all(c.direction == "higher" for c in created)
    assert services.criteria_starter_set_add(actor=coord, project=world.project_a) == []
    with pytest.raises(PermissionDenied):
        services.criteria_starter_set_add(actor=world.user("steer_a"), project=world.project_a)


def test_starter_set_added_in_french_is_not_added_again_in_english(world):
    from django.utils import translation

    coord = world.user("coord_a")
    with translation.override("fr"):
        created = services.criteria_starter_set_add(actor=coord, project=world.project_a)
    assert "Nombre d'entreprises" in [c.name for c in created]
    assert services.criteria_starter_set_add(actor=coord, project=world.project_a) == []
    assert world.project_a.criteria.count() == len(created)


def test_criterion_page_shows_errors_next_to_fields(world, login):
    client = login(world.user("coord_a"))
    url = f"/projects/{world.project_a.pk}/selection/criteria/"
    response = client.post(url, {"name": "Size", "kind": "mapping", "weight": "-1"})
    assert response.status_code == 200
    assert b'id="id_weight-errors"' in response.content
    response = client.post(
        url, {"name": "Size", "kind": "mapping", "weight": "1", "direction": "higher"}
    )
    assert b'id="id_source-errors"' in response.content
    assert not Criterion.objects.exists()
    response = client.post(
        url,
        {
            "name": "Size",
            "kind": "mapping",
            "source": "enterprises_total",
            "weight": "1",
            "direction": "lower",
        },
    )
    assert response.status_code == 302
    assert Criterion.objects.get().direction == "lower"


def test_stale_criterion_edit_is_refused(world, login):
    size, _ = _criteria(world)
    client = login(world.user("coord_a"))
    url = f"/projects/{world.project_a.pk}/selection/criteria/{size.pk}/"
    seen = size.updated_at.isoformat()
    services.criterion_update(actor=world.user("coord_a"), criterion=size, weight=5)
    response = client.post(
        url,
        {
            "name": "Jobs",
            "kind": "mapping",
            "source": "employment_total",
            "weight": "1",
            "direction": "higher",
            "updated_at": seen,
        },
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert Criterion.objects.get(pk=size.pk).name == "Employment"


# --- Expert scores -------------------------------------------------------------------


def test_each_expert_scores_once_and_the_ranking_averages(world, login):
    _, coop = _criteria(world)
    for persona, score in (("coord_a", 4), ("steer_a", 1)):
        client = login(world.user(persona))
        response = client.post(
            f"/projects/{world.project_a.pk}/selection/scores/",
            {f"s-{world.a1.pk}-{coop.pk}": str(score), f"n-{world.a1.pk}-{coop.pk}": "seen"},
        )
        assert response.status_code == 302
    # the coordinator changes her mind: still one row for her
    services.criterion_score_set(
        actor=world.user("coord_a"), criterion=coop, cluster=world.a1, score=5
    )
    assert CriterionScore.objects.filter(criterion=coop, cluster=world.a1).count() == 2
    result = project_ranking(project=world.project_a)
    assert result.raw[f"c{coop.pk}"][world.a1.pk] == pytest.approx(3.0)  # (5 + 1) / 2
    assert result.experts[(coop.pk, world.a1.pk)] == 2
    page = login(world.user("steer_a")).get(f"/projects/{world.project_a.pk}/selection/scores/")
    assert "average 3.0 (2 experts)" in page.content.decode()


def test_bad_score_saves_nothing_and_empty_withdraws(world, login):
    _, coop = _criteria(world)
    client = login(world.user("steer_a"))
    url = f"/projects/{world.project_a.pk}/selection/scores/"
    response = client.post(
        url, {f"s-{world.a1.pk}-{coop.pk}": "3", f"s-{world.a2.pk}-{coop.pk}": "9"}
    )
    assert response.status_code == 200 and "from 0 to 5" in response.content.decode()
    assert not CriterionScore.objects.exists()
    client.post(url, {f"s-{world.a1.pk}-{coop.pk}": "3"})
    assert CriterionScore.objects.count() == 1
    client.post(url, {f"s-{world.a1.pk}-{coop.pk}": ""})
    assert not CriterionScore.objects.exists()


def test_mapping_criteria_are_not_scored_and_cda_may_not_score(world):
    size, coop = _criteria(world)
    with pytest.raises(ValidationError):
        services.criterion_score_set(
            actor=world.user("coord_a"), criterion=size, cluster=world.a1, score=3
        )
    with pytest.raises(PermissionDenied):
        services.criterion_score_set(
            actor=world.user("cda_a1"), criterion=coop, cluster=world.a1, score=3
        )


# --- Ranking page --------------------------------------------------------------------


def test_ranking_page_shows_contributions_missing_values_and_json(world, login):
    size, coop = _criteria(world)
    Cluster.objects.filter(pk=world.a1.pk).update(employment_women=50, employment_men=50)
    services.criterion_score_set(
        actor=world.user("steer_a"), criterion=coop, cluster=world.a1, score=5
    )
    response = login(world.user("steer_a")).get(f"/projects/{world.project_a.pk}/selection/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="ranking-data"' in html and "selection_ranking.js" in html
    assert "count as the worst value" in html  # A2 has neither figure nor score
    assert "Save these weights" not in html  # steering explores, the coordinator saves
    rows = response.context["rows"]
    assert rows[0]["cluster"] == world.a1 and rows[0]["candidate"].total == pytest.approx(1.0)
    assert rows[0]["cells"][0]["contribution"] == pytest.approx(2 / 3)


def test_ranking_page_explains_zero_weights_and_empty_criteria(world, login):
    size, coop = _criteria(world)
    client = login(world.user("coord_a"))
    html = client.get(f"/projects/{world.project_a.pk}/selection/").content.decode()
    assert "has no value for any candidate" in html  # nobody scored "Cooperation"
    client.post(
        f"/projects/{world.project_a.pk}/selection/weights/",
        {f"weight-{size.pk}": "0", f"weight-{coop.pk}": "0"},
    )
    assert Criterion.objects.get(pk=size.pk).weight == 0
    html = client.get(f"/projects/{world.project_a.pk}/selection/").content.decode()
    assert "All weights are zero" in html


def test_weights_are_saved_by_the_coordinator_and_bad_weights_refused(world, login):
    size, coop = _criteria(world)
    client = login(world.user("coord_a"))
    url = f"/projects/{world.project_a.pk}/selection/weights/"
    client.post(url, {f"weight-{size.pk}": "-2", f"weight-{coop.pk}": "4"})
    assert Criterion.objects.get(pk=coop.pk).weight == 1  # nothing saved
    client.post(url, {f"weight-{size.pk}": "2.5", f"weight-{coop.pk}": "4"})
    assert [str(c.weight) for c in Criterion.objects.order_by("order")] == ["2.50", "4.00"]
    assert LogEntry.objects.get_for_object(Criterion.objects.get(pk=coop.pk)).count() == 2


# session, user, project authorize (get_authorized: fetch + DECIDE_SELECTION), criteria,
# candidates, expert score averages, can_manage
RANKING_QUERIES = 8


def test_ranking_page_query_count_does_not_grow(world, login, django_assert_num_queries):
    project = ProjectFactory(name="Big")
    from governance.services import role_grant

    coord = world.user("coord_a")
    role_grant(actor=world.user("admin"), user=coord, role="coordinator", project=project)
    services.criteria_starter_set_add(actor=coord, project=project)
    client = login(coord)

    def count(n_more):
        clusters = _candidates(
            project, n_more, start=Cluster.objects.filter(project=project).count()
        )
        expert = Criterion.objects.filter(project=project, kind="expert").first()
        for cluster in clusters:
            CriterionScore.objects.create(
                criterion=expert, cluster=cluster, score=3, scored_by=coord
            )
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/projects/{project.pk}/selection/")
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["rows"])

    small, rows_small = count(5)
    large, rows_large = count(45)
    assert (rows_small, rows_large) == (5, 50)
    assert small == large == RANKING_QUERIES
    with django_assert_num_queries(RANKING_QUERIES):
        client.get(f"/projects/{project.pk}/selection/")


def test_api_ranking(world, login):
    size, coop = _criteria(world)
    Cluster.objects.filter(pk=world.a2.pk).update(employment_women=5)
    data = login(world.user("steer_a")).get(f"/api/selection-rankings/{world.project_a.pk}/").json()
    assert data["ranked"] is True
    assert [c["name"] for c in data["candidates"]] == ["Cluster A2", "Cluster A1"]
    assert data["candidates"][1]["missing"] == [f"c{size.pk}"]
    assert "has no value for any candidate" in data["problems"][0]


# --- Selection decisions -------------------------------------------------------------


def _candidate_world(world):
    Cluster.objects.filter(pk__in=[world.a1.pk, world.a2.pk]).update(
        status=ClusterStatus.CANDIDATE, phase=1
    )
    world.a1.refresh_from_db()
    world.a2.refresh_from_db()


def test_decision_selects_and_rejects(world):
    _candidate_world(world)
    decision = services.selection_decision_record(
        actor=world.user("steer_a"),
        project=world.project_a,
        decided_on=TODAY,
        rationale="A1 ranks first",
        selected=[world.a1],
        rejected=[world.a2],
    )
    world.a1.refresh_from_db()
    world.a2.refresh_from_db()
    assert (world.a1.status, world.a1.phase) == ("selected", 2)
    assert (world.a2.status, world.a2.phase) == ("rejected", 1)
    change = PhaseChange.objects.get(cluster=world.a1)
    assert (change.from_phase, change.to_phase, change.decision) == (1, 2, decision)
    assert decision.recorded_by == world.user("steer_a")
    assert LogEntry.objects.get_for_object(world.a1).exists()


def test_a_cluster_cannot_be_both_selected_and_rejected(world, login):
    _candidate_world(world)
    with pytest.raises(ValidationError) as exc:
        services.selection_decision_record(
            actor=world.user("coord_a"),
            project=world.project_a,
            decided_on=TODAY,
            rationale="Undecided",
            selected=[world.a1, world.a2],
            rejected=[world.a1],
        )
    assert "both selected and rejected" in str(exc.value.message_dict["rejected"])
    response = login(world.user("coord_a")).post(
        f"/projects/{world.project_a.pk}/selection/decisions/new/",
        {
            "decided_on": "2025-06-01",
            "rationale": "x",
            "selected": [world.a1.pk],
            "rejected": [world.a1.pk],
        },
    )
    assert response.status_code == 200
    assert "both selected and rejected in one decision: Cluster A1" in response.content.decode()
    assert not SelectionDecision.objects.exists()
    world.a1.refresh_from_db()
    assert world.a1.status == "candidate"


def test_a_later_decision_supersedes_and_both_stay_visible(world, login):
    _candidate_world(world)
    steer = world.user("steer_a")
    first = services.selection_decision_record(
        actor=steer,
        project=world.project_a,
        decided_on=TODAY,
        rationale="First",
        selected=[world.a1],
        rejected=[world.a2],
    )
    second = services.selection_decision_record(
        actor=steer,
        project=world.project_a,
        decided_on=TODAY,
        rationale="Second",
        selected=[world.a2],
        supersedes=first,
    )
    world.a2.refresh_from_db()
    assert (world.a2.status, world.a2.phase) == ("selected", 2)
    with pytest.raises(ValidationError) as exc:
        services.selection_decision_record(
            actor=steer,
            project=world.project_a,
            decided_on=TODAY,
            rationale="Third",
            selected=[world.a2],
            supersedes=first,
        )
    assert "already been superseded" in str(exc.value)
    html = login(steer).get(f"/projects/{world.project_a.pk}/selection/decisions/").content.decode()
    assert "First" in html and "Second" in html and "Superseded by" in html
    # decisions are never edited through the API
    client = login(world.user("coord_a"))
    url = f"/api/selection-decisions/{second.pk}/"
    assert client.patch(url, {"rationale": "x"}, content_type="application/json").status_code == 405
    assert client.get(url).json()["selected"] == [world.a2.pk]


def test_decision_meeting_must_be_the_projects_steering_committee(world):
    _candidate_world(world)
    own = Body.objects.create(kind="steering", project=world.project_a)
    other = Body.objects.create(kind="steering", project=world.project_b)
    commission = Body.objects.create(kind="commission", project=world.project_a, cluster=world.a1)
    good = Meeting.objects.create(body=own, held_on=TODAY)
    for body in (other, commission):
        bad = Meeting.objects.create(body=body, held_on=TODAY)
        with pytest.raises(ValidationError) as exc:
            services.selection_decision_record(
                actor=world.user("coord_a"),
                project=world.project_a,
                decided_on=TODAY,
                rationale="x",
                selected=[world.a1],
                meeting=bad,
            )
        assert "meeting" in exc.value.message_dict
    decision = services.selection_decision_record(
        actor=world.user("coord_a"),
        project=world.project_a,
        decided_on=TODAY,
        rationale="x",
        selected=[world.a1],
        meeting=good,
    )
    assert decision.meeting == good


def test_decision_list_query_count_does_not_grow(world, login, django_assert_num_queries):
    steer = world.user("steer_a")
    client = login(steer)
    url = f"/projects/{world.project_a.pk}/selection/decisions/"

    def add(n):
        clusters = _candidates(world.project_a, n, start=Cluster.objects.count())
        services.selection_decision_record(
            actor=steer,
            project=world.project_a,
            decided_on=TODAY,
            rationale="r",
            selected=clusters,
        )
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    assert add(2) == add(20)
    with django_assert_num_queries(add(1)):
        client.get(url)


def test_cross_project_clusters_are_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.selection_decision_record(
            actor=world.user("admin"),
            project=world.project_a,
            decided_on=TODAY,
            rationale="x",
            selected=[world.b1],
        )
    assert "another project" in str(exc.value)
    with pytest.raises(ValidationError):
        services.selection_decision_record(
            actor=world.user("admin"),
            project=world.project_a,
            decided_on=TODAY,
            rationale="x",
        )


def test_stale_weights_are_refused(world, login):
    size, coop = _criteria(world)
    client = login(world.user("coord_a"))
    page = client.get(f"/projects/{world.project_a.pk}/selection/")
    seen = f'name="seen-{size.pk}" value="{size.updated_at.isoformat()}"'
    assert seen in page.content.decode()
    services.criterion_update(actor=world.user("coord_a"), criterion=size, weight=7)
    response = client.post(
        f"/projects/{world.project_a.pk}/selection/weights/",
        {
            f"weight-{size.pk}": "1",
            f"seen-{size.pk}": size.updated_at.isoformat(),
            f"weight-{coop.pk}": "9",
            f"seen-{coop.pk}": coop.updated_at.isoformat(),
        },
        follow=True,
    )
    assert "Someone else changed this record" in response.content.decode()
    assert [str(c.weight) for c in Criterion.objects.order_by("order")] == ["7.00", "1.00"]


# --- Decisions: guards found by the phase 1 audit --------------------------------------


def test_rejecting_a_cluster_with_an_active_cda_appointment_is_refused(world, login):
    from governance.access import Action, can
    from governance.services import cda_appointment_create, cda_appointment_end
    from tests.factories import UserFactory

    coord = world.user("coord_a")
    cda = UserFactory(username="appointed_cda")
    appointment = cda_appointment_create(actor=coord, cluster=world.a1, kind="lead", user=cda)
    with pytest.raises(ValidationError) as exc:
        services.selection_decision_record(
            actor=world.user("steer_a"),
            project=world.project_a,
            decided_on=TODAY,
            rationale="No longer a priority",
            rejected=[world.a1, world.a2],
        )
    assert exc.value.message_dict["rejected"] == [
        "End the CDA appointments of Cluster A1 first: a rejected cluster keeps no CDA."
    ]
    world.a1.refresh_from_db()
    assert world.a1.status == "selected" and can(cda, Action.VIEW, world.a1)
    assert not SelectionDecision.objects.exists()
    # The page shows the message next to the field, and nothing is saved.
    response = login(coord).post(
        f"/projects/{world.project_a.pk}/selection/decisions/new/",
        {"decided_on": "2025-06-01", "rationale": "x", "rejected": [world.a1.pk]},
    )
    assert response.status_code == 200
    assert "End the CDA appointments of Cluster A1 first" in str(
        response.context["form"].errors["rejected"]
    )
    # Once the appointment has ended, the rejection goes through and the CDA loses access.
    cda_appointment_end(actor=coord, appointment=appointment)
    services.selection_decision_record(
        actor=world.user("steer_a"),
        project=world.project_a,
        decided_on=TODAY,
        rationale="No longer a priority",
        rejected=[world.a1],
    )
    world.a1.refresh_from_db()
    assert world.a1.status == "rejected" and not can(cda, Action.VIEW, world.a1)


def test_a_backdated_decision_is_refused_with_the_later_date(world):
    from clusters.phases import selected_by_decision

    _candidate_world(world)
    steer = world.user("steer_a")
    services.selection_decision_record(
        actor=steer,
        project=world.project_a,
        decided_on=datetime.date(2025, 5, 11),
        rationale="X",
        selected=[world.a1],
    )
    with pytest.raises(ValidationError) as exc:
        services.selection_decision_record(
            actor=steer,
            project=world.project_a,
            decided_on=datetime.date(2025, 5, 4),
            rationale="Y",
            rejected=[world.a1, world.a2],
        )
    message = " ".join(exc.value.message_dict["decided_on"])
    assert "Cluster A1" in message and "2025" in message and "11" in message
    assert "Cluster A2" not in message
    world.a1.refresh_from_db()
    assert world.a1.status == "selected" and selected_by_decision(world.a1)
    assert SelectionDecision.objects.count() == 1
    # The same day is fine, and so is an earlier date for a cluster no decision covers yet.
    services.selection_decision_record(
        actor=steer,
        project=world.project_a,
        decided_on=datetime.date(2025, 5, 1),
        rationale="Z",
        rejected=[world.a2],
    )
    services.selection_decision_record(
        actor=steer,
        project=world.project_a,
        decided_on=datetime.date(2025, 5, 11),
        rationale="Y",
        rejected=[world.a1],
    )
    world.a1.refresh_from_db()
    assert world.a1.status == "rejected" and not selected_by_decision(world.a1)


def test_a_backdated_decision_is_refused_by_the_api_with_400(world, login):
    _candidate_world(world)
    client = login(world.user("steer_a"))
    body = {"project": world.project_a.pk, "rationale": "X", "selected": [world.a1.pk]}
    assert (
        client.post(
            "/api/selection-decisions/",
            {**body, "decided_on": "2025-05-11"},
            content_type="application/json",
        ).status_code
        == 201
    )
    response = client.post(
        "/api/selection-decisions/",
        {**body, "decided_on": "2025-05-04", "selected": [], "rejected": [world.a1.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Cluster A1" in response.json()["decided_on"][0]


def test_a_decision_cannot_predate_its_meeting(world):
    _candidate_world(world)
    body = Body.objects.create(kind="steering", project=world.project_a)
    meeting = Meeting.objects.create(body=body, held_on=datetime.date(2025, 5, 20))
    with pytest.raises(ValidationError) as exc:
        services.selection_decision_record(
            actor=world.user("coord_a"),
            project=world.project_a,
            decided_on=datetime.date(2025, 5, 19),
            rationale="x",
            selected=[world.a1],
            meeting=meeting,
        )
    assert "meeting" in " ".join(exc.value.message_dict["decided_on"])
    decision = services.selection_decision_record(
        actor=world.user("coord_a"),
        project=world.project_a,
        decided_on=datetime.date(2025, 5, 20),
        rationale="x",
        selected=[world.a1],
        meeting=meeting,
    )
    assert decision.meeting == meeting


# --- Ranking messages --------------------------------------------------------------------


def test_only_criteria_without_values_carrying_weight_says_so(world, login):
    size, coop = _criteria(world)  # nobody scored "Cooperation": it has no values
    Cluster.objects.filter(pk=world.a1.pk).update(employment_women=10)
    services.criterion_weights_update(
        actor=world.user("coord_a"),
        project=world.project_a,
        weights={size.pk: 0, coop.pk: 3},
    )
    response = login(world.user("coord_a")).get(f"/projects/{world.project_a.pk}/selection/")
    html = response.content.decode()
    assert not response.context["ranking"].ranked
    assert response.context["ranking"].weight_problem.startswith(
        "Only criteria without any values carry weight"
    )
    zero_box = html.split('id="ranking-zero"', 1)[1].split("</p>", 1)[0]
    assert "Only criteria without any values carry weight" in zero_box
    assert "hidden" not in zero_box.split(">", 1)[0]
    assert html.count("All weights are zero") == 1  # only in the script's data
    data = login(world.user("steer_a")).get(f"/api/selection-rankings/{world.project_a.pk}/")
    problems = data.json()["problems"]
    assert any("Only criteria without any values carry weight" in p for p in problems)
    assert not any("All weights are zero" in p for p in problems)


def test_ranking_page_gives_the_browser_every_weight_message(world, login):
    _criteria(world)
    response = login(world.user("coord_a")).get(f"/projects/{world.project_a.pk}/selection/")
    messages = response.context["ranking_data"]["messages"]
    assert set(messages) >= {"zero", "only_empty"}
    assert "Only criteria without any values carry weight" in messages["only_empty"]
    html = response.content.decode()
    # the banners the script toggles are always on the page (hidden when not true)
    assert 'id="ranking-ties"' in html and 'id="ranking-zero"' in html


def test_decision_names_show_a_readable_date(world):
    from django.utils import translation

    decision = SelectionDecision(project=world.project_a, decided_on="2025-06-01")
    with translation.override("en"):
        assert str(decision) == "Selection decision of June 1, 2025"
    with translation.override("fr"):
        assert "1 juin 2025" in str(decision)
