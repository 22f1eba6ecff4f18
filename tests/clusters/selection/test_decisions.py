"""Selection decisions: select and reject, supersede, the Steering Committee's meeting,
other projects' clusters, active CDAs, backdating; the list's query count."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.models import (
    Cluster,
    PhaseChange,
    SelectionDecision,
)
from clusters.selection import decision_services
from governance.models import Body, Meeting
from tests.clusters.selection.helpers import _candidate_world, _candidates
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)


def test_decision_selects_and_rejects(world):
    _candidate_world(world)
    decision = decision_services.selection_decision_record(
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
        decision_services.selection_decision_record(
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
    first = decision_services.selection_decision_record(
        actor=steer,
        project=world.project_a,
        decided_on=TODAY,
        rationale="First",
        selected=[world.a1],
        rejected=[world.a2],
    )
    second = decision_services.selection_decision_record(
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
        decision_services.selection_decision_record(
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
            decision_services.selection_decision_record(
                actor=world.user("coord_a"),
                project=world.project_a,
                decided_on=TODAY,
                rationale="x",
                selected=[world.a1],
                meeting=bad,
            )
        assert "meeting" in exc.value.message_dict
    decision = decision_services.selection_decision_record(
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
        decision_services.selection_decision_record(
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
        decision_services.selection_decision_record(
            actor=world.user("admin"),
            project=world.project_a,
            decided_on=TODAY,
            rationale="x",
            selected=[world.b1],
        )
    assert "another project" in str(exc.value)
    with pytest.raises(ValidationError):
        decision_services.selection_decision_record(
            actor=world.user("admin"),
            project=world.project_a,
            decided_on=TODAY,
            rationale="x",
        )


def test_rejecting_a_cluster_with_an_active_cda_appointment_is_refused(world, login):
    from governance.access import Action, can
    from governance.appointments.services import cda_appointment_create, cda_appointment_end

    coord = world.user("coord_a")
    cda = UserFactory(username="appointed_cda")
    appointment = cda_appointment_create(actor=coord, cluster=world.a1, kind="lead", user=cda)
    with pytest.raises(ValidationError) as exc:
        decision_services.selection_decision_record(
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
    decision_services.selection_decision_record(
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
    decision_services.selection_decision_record(
        actor=steer,
        project=world.project_a,
        decided_on=datetime.date(2025, 5, 11),
        rationale="X",
        selected=[world.a1],
    )
    with pytest.raises(ValidationError) as exc:
        decision_services.selection_decision_record(
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
    decision_services.selection_decision_record(
        actor=steer,
        project=world.project_a,
        decided_on=datetime.date(2025, 5, 1),
        rationale="Z",
        rejected=[world.a2],
    )
    decision_services.selection_decision_record(
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
        decision_services.selection_decision_record(
            actor=world.user("coord_a"),
            project=world.project_a,
            decided_on=datetime.date(2025, 5, 19),
            rationale="x",
            selected=[world.a1],
            meeting=meeting,
        )
    assert "meeting" in " ".join(exc.value.message_dict["decided_on"])
    decision = decision_services.selection_decision_record(
        actor=world.user("coord_a"),
        project=world.project_a,
        decided_on=datetime.date(2025, 5, 20),
        rationale="x",
        selected=[world.a1],
        meeting=meeting,
    )
    assert decision.meeting == meeting


def test_decision_names_show_a_readable_date(world):
    from django.utils import translation

    decision = SelectionDecision(project=world.project_a, decided_on="2025-06-01")
    with translation.override("en"):
        assert str(decision) == "Selection decision of 1 Jun 2025"  # day first (config/formats)
    with translation.override("fr"):
        assert "1 juin 2025" in str(decision)
