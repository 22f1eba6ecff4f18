"""Field-activity and governance roll-ups: what a refresh and a rebuild write, and that
the services' writes reach them once committed."""

import datetime

import pytest

from actionplans import services as activity_services
from governance.bodies import services as body_services
from monitoring.models import ActivityRollup, GovernanceRollup
from monitoring.rollups import activity

from .helpers import activities, body_of, meeting

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2025, 3, 1)
APRIL = datetime.date(2025, 4, 1)


def _cells(cluster):
    return {
        (c.month, c.kind): (c.count, c.women, c.men)
        for c in ActivityRollup.objects.filter(cluster=cluster)
    }


def test_a_rebuild_counts_entries_by_month_and_type_and_leaves_out_withdrawn_ones(world):
    activities(world.a1, month=MARCH, n=3, women=2, men=1)
    activities(world.a1, month=MARCH, n=2, kind="training", women=5, men=0)
    withdrawn = activities(world.a1, month=APRIL, n=1)[0]
    withdrawn.withdrawn_at = datetime.datetime(2025, 4, 20, tzinfo=datetime.UTC)
    withdrawn.save()
    activities(world.b1, month=MARCH, n=4)  # another project: not rebuilt with A
    activity.activity_rollups_rebuild(project=world.project_a)
    assert _cells(world.a1) == {(MARCH, "visit"): (3, 6, 3), (MARCH, "training"): (2, 10, 0)}
    assert not ActivityRollup.objects.filter(cluster=world.b1).exists()
    last = ActivityRollup.objects.filter(cluster=world.a1).order_by("-last_on").first()
    assert last.last_on == MARCH.replace(day=3) and last.project_id == world.project_a.pk


def test_a_refresh_touches_one_cluster_and_month_and_equals_a_rebuild(world):
    activities(world.a1, month=MARCH, n=2)
    activities(world.a2, month=MARCH, n=1)
    activity.activity_rollups_rebuild(project=world.project_a)
    activities(world.a1, month=MARCH, n=1, women=10, men=0)
    activities(world.a2, month=MARCH, n=5)  # not refreshed: stays as it was
    activity.activity_rollup_refresh(world.a1.pk, MARCH.replace(day=17))
    assert _cells(world.a1) == {(MARCH, "visit"): (3, 14, 6)}
    assert _cells(world.a2) == {(MARCH, "visit"): (1, 2, 3)}
    activity.activity_rollup_refresh(world.a1.pk, MARCH)  # twice: the same cells
    refreshed = _cells(world.a1)
    activity.activity_rollups_rebuild(project=world.project_a)
    assert _cells(world.a1) == refreshed


def test_governance_cells_count_meetings_attendance_by_sex_and_decisions(world):
    commission = body_of(world.project_a, world.a1)
    meeting(commission, held_on=MARCH.replace(day=5), women=2, men=1, other_women=3, done=1)
    meeting(commission, held_on=MARCH.replace(day=20), women=1, men=4, open_=2)
    meeting(body_of(world.project_a), held_on=APRIL.replace(day=2), women=1, men=0, done=2)
    activity.activity_rollups_rebuild(project=world.project_a)
    cell = GovernanceRollup.objects.get(cluster=world.a1, month=MARCH)
    assert (cell.meetings, cell.attendance_women, cell.attendance_men) == (2, 6, 5)
    assert (cell.decisions, cell.decisions_done) == (3, 1)
    steering = GovernanceRollup.objects.get(cluster=None, project=world.project_a)
    assert (steering.month, steering.meetings, steering.decisions_done) == (APRIL, 1, 2)


def test_logging_correcting_and_withdrawing_reach_the_rollups_on_commit(
    world, rollup_signals, django_capture_on_commit_callbacks
):
    cda = world.users["cda_a1"]
    # The coordinator corrects and withdraws: a CDA may only within 30 days of the date,
    # and last month's first day is further back than that late in a month.
    coordinator = world.users["coord_a"]
    day = datetime.date.today().replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        entry = activity_services.field_activity_create(
            actor=cda, cluster=world.a1, occurred_on=day, kind="visit", summary="Visit", women=4
        )
    assert _cells(world.a1) == {(day, "visit"): (1, 4, 0)}
    earlier = (day - datetime.timedelta(days=1)).replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        entry = activity_services.field_activity_update(
            actor=coordinator, activity=entry, occurred_on=earlier, kind="training"
        )
    assert _cells(world.a1) == {(earlier, "training"): (1, 4, 0)}  # the old month emptied
    with django_capture_on_commit_callbacks(execute=True):
        activity_services.field_activity_withdraw(actor=coordinator, activity=entry, reason="Twice")
    assert _cells(world.a1) == {}


def test_meetings_and_decisions_reach_the_rollups_on_commit(
    world, rollup_signals, django_capture_on_commit_callbacks
):
    coordinator = world.users["coord_a"]
    commission = body_of(world.project_a, world.a1)
    day = datetime.date.today()
    with django_capture_on_commit_callbacks(execute=True):
        member = body_services.body_member_create(
            actor=coordinator, body=commission, name="Awa", sex="woman"
        )
        held = body_services.meeting_create(
            actor=coordinator, body=commission, held_on=day, members_present=[member]
        )
        decision = body_services.decision_create(actor=coordinator, meeting=held, text="Buy")
    cell = GovernanceRollup.objects.get(cluster=world.a1)
    assert (cell.meetings, cell.attendance_women, cell.decisions, cell.decisions_done) == (
        1,
        1,
        1,
        0,
    )
    with django_capture_on_commit_callbacks(execute=True):
        body_services.decision_update(actor=coordinator, decision=decision, status="done")
    assert GovernanceRollup.objects.get(cluster=world.a1).decisions_done == 1
    with django_capture_on_commit_callbacks(execute=True):
        body_services.body_member_update(actor=coordinator, member=member, sex="man")
    cell = GovernanceRollup.objects.get(cluster=world.a1)
    assert (cell.attendance_women, cell.attendance_men) == (0, 1)
    with django_capture_on_commit_callbacks(execute=True):
        held.delete()
    assert not GovernanceRollup.objects.filter(cluster=world.a1).exists()


def test_an_activity_saved_with_its_date_as_text_is_rolled_up(
    world, rollup_signals, django_capture_on_commit_callbacks
):
    """A date given as text (as a fixture or a script may) reaches the signal as text."""
    from actionplans.models import FieldActivity

    with django_capture_on_commit_callbacks(execute=True):
        FieldActivity.objects.create(
            cluster=world.a1,
            occurred_on="2025-03-14",
            kind="training",
            summary="Dyeing",
            women=2,
            men=3,
            recorded_by=world.users["cda_a1"],
        )
    assert _cells(world.a1) == {(MARCH, "training"): (1, 2, 3)}
