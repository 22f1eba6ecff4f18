"""The phase tracker: conditions per phase, moves forward and back, history."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from clusters import phases, services
from clusters.models import PhaseChange
from clusters.selection import decision_services
from governance.models import Role
from governance.roles.services import role_grant
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)


@pytest.fixture
def candidate(world):
    return ClusterFactory(project=world.project_a, name="Candidate C", status="candidate", phase=1)


def test_moving_forward_needs_a_selection_decision(world, candidate, login):
    coord = world.user("coord_a")
    with pytest.raises(ValidationError) as exc:
        services.cluster_phase_move(actor=coord, cluster=candidate, to_phase=2, reason="Go")
    assert "selection decision" in str(exc.value.message_dict["to_phase"])
    response = login(coord).post(
        f"/clusters/{candidate.pk}/phase/", {"to_phase": "2", "reason": "Go", "expected_phase": "1"}
    )
    assert response.status_code == 200
    assert "Missing before the cluster can move on" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.phase == 1 and not PhaseChange.objects.filter(cluster=candidate).exists()


def test_phase_three_needs_an_active_cda(world, candidate):
    coord = world.user("coord_a")
    decision_services.selection_decision_record(
        actor=world.user("steer_a"),
        project=world.project_a,
        decided_on=TODAY,
        rationale="Ranked first",
        selected=[candidate],
    )
    candidate.refresh_from_db()
    assert candidate.phase == 2
    status = phases.phase_status(candidate)
    assert [c.key for c in status.missing] == ["active_cda"]
    with pytest.raises(ValidationError) as exc:
        services.cluster_phase_move(actor=coord, cluster=candidate, to_phase=3, reason="Go")
    assert "CDA" in str(exc.value)
    role_grant(actor=coord, user=UserFactory(), role=Role.CDA, cluster=candidate)
    change = services.cluster_phase_move(
        actor=coord, cluster=candidate, to_phase=3, reason="CDA in place"
    )
    candidate.refresh_from_db()
    assert candidate.phase == 3
    assert (change.from_phase, change.to_phase, change.changed_by) == (2, 3, coord)
    # jumping checks every phase entered: back to 1 then straight to 3 needs the decision too
    services.cluster_phase_move(actor=coord, cluster=candidate, to_phase=1, reason="Review")
    services.cluster_phase_move(actor=coord, cluster=candidate, to_phase=3, reason="Back")


def test_moving_back_needs_a_reason_and_is_audited(world):
    coord = world.user("coord_a")
    with pytest.raises(ValidationError) as exc:
        services.cluster_phase_move(actor=coord, cluster=world.a1, to_phase=1, reason="  ")
    assert "reason" in exc.value.message_dict
    services.cluster_phase_move(actor=coord, cluster=world.a1, to_phase=1, reason="Re-map")
    world.a1.refresh_from_db()
    assert world.a1.phase == 1
    entry = LogEntry.objects.get_for_object(world.a1).order_by("-timestamp").first()
    assert entry.actor == coord and "phase" in entry.changes_dict
    assert PhaseChange.objects.get(cluster=world.a1).reason == "Re-map"


def test_only_the_coordinator_moves_phases(world):
    for persona in ("steer_a", "cda_a1", "comm_a1"):
        with pytest.raises(PermissionDenied):
            services.cluster_phase_move(
                actor=world.user(persona), cluster=world.a1, to_phase=1, reason="x"
            )


def test_stale_move_is_refused(world, login):
    client = login(world.user("coord_a"))
    services.cluster_phase_move(
        actor=world.user("coord_a"), cluster=world.a1, to_phase=1, reason="Back"
    )
    response = client.post(
        f"/clusters/{world.a1.pk}/phase/",
        {"to_phase": "3", "reason": "Forward", "expected_phase": "2"},
    )
    assert "moved this cluster to another phase meanwhile" in response.content.decode()


def test_cluster_page_shows_the_phase_panel(world, candidate, login):
    html = login(world.user("coord_a")).get(f"/clusters/{candidate.pk}/").content.decode()
    assert 'id="phase-tracker"' in html
    assert "Missing:" in html and "selection decision" in html
    assert f"/clusters/{candidate.pk}/phase/" in html
    services.cluster_phase_move(
        actor=world.user("coord_a"), cluster=world.a1, to_phase=1, reason="Re-map the area"
    )
    html = login(world.user("cda_a1")).get(f"/clusters/{world.a1.pk}/").content.decode()
    assert "Re-map the area" in html  # the history
    assert f"/clusters/{world.a1.pk}/phase/" not in html  # no move button for the CDA


def test_later_apps_can_register_conditions(world, monkeypatch):
    monkeypatch.setattr(phases, "_conditions", {k: list(v) for k, v in phases._conditions.items()})
    phases.register_phase_condition(4, "diagnostic", "An endorsed diagnostic.", lambda c: False)
    # world.a1 is in phase 2 with an active CDA: phase 3 is fine, phase 4 is not
    missing = phases.missing_conditions(world.a1, 4)
    assert [c.key for c in missing] == ["diagnostic"]
    with pytest.raises(ValidationError):
        services.cluster_phase_move(
            actor=world.user("coord_a"), cluster=world.a1, to_phase=4, reason="x"
        )


def test_api_phase_move(world, candidate, login):
    client = login(world.user("coord_a"))
    response = client.post(
        "/api/phase-changes/",
        {"cluster": candidate.pk, "to_phase": 2, "reason": "Skip"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "to_phase" in response.json()
    response = client.post(
        "/api/phase-changes/",
        {"cluster": world.a1.pk, "to_phase": 1, "reason": "Back"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["from_phase"] == 2


def test_phase_panel_query_count_does_not_grow_with_history(world, login):
    client = login(world.user("coord_a"))
    url = f"/clusters/{world.a1.pk}/"

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    PhaseChange.objects.create(cluster=world.a1, from_phase=1, to_phase=2, reason="r")
    small = count()
    for i in range(30):
        PhaseChange.objects.create(cluster=world.a1, from_phase=2, to_phase=1, reason=f"r{i}")
    assert count() == small


def test_selected_by_decision_follows_the_decision_recorded_last(world, candidate):
    """The status follows the decision recorded last; so does the phase condition, even
    for decisions recorded out of date order before backdating was refused."""
    from clusters.models import SelectionDecision, SelectionDecisionCluster

    steer = world.user("steer_a")
    later_date = SelectionDecision.objects.create(
        project=world.project_a,
        decided_on=datetime.date(2025, 5, 11),
        rationale="X",
        recorded_by=steer,
    )
    SelectionDecisionCluster.objects.create(
        decision=later_date, cluster=candidate, outcome="selected"
    )
    recorded_last = SelectionDecision.objects.create(
        project=world.project_a,
        decided_on=datetime.date(2025, 5, 4),
        rationale="Y",
        recorded_by=steer,
    )
    SelectionDecisionCluster.objects.create(
        decision=recorded_last, cluster=candidate, outcome="rejected"
    )
    assert phases.selected_by_decision(candidate) is False
