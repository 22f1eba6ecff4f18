"""Evaluation services: the five criteria, validation with nothing half-saved, stale edits,
points and recommendations' follow-up, and who may write (the coordinator only)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from governance.concurrency import StaleEditError
from monitoring.evaluations import services
from monitoring.models import (
    DAC_CRITERIA,
    Evaluation,
    EvaluationPoint,
    EvaluationRating,
    FollowUpStatus,
    ManagementResponse,
    PointKind,
)
from tests.conftest import pdf
from tests.factories import UserFactory

from .helpers import add_point, stamp

pytestmark = pytest.mark.django_db


def _create(world, actor="coord_a", **fields):
    data = {"project": world.project_a, "kind": "final", "title": "Final", **fields}
    return services.evaluation_create(actor=world.users[actor], **data)


def test_create_makes_a_row_for_each_of_the_five_criteria(world, evaluation):
    rows = {r.criterion: r for r in evaluation.ratings.all()}
    assert list(rows) == list(DAC_CRITERIA)
    assert rows["relevance"].rating == 6
    assert rows["impact"].rating is None and rows["impact"].narrative == ""


def test_a_bad_rating_is_refused_by_criterion_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        _create(world, ratings=[{"criterion": "impact", "rating": 9}])
    assert "rating_impact" in error.value.message_dict
    assert not Evaluation.objects.exists() and not EvaluationRating.objects.exists()


@pytest.mark.parametrize(
    "ratings",
    [[{"criterion": "beauty", "rating": 5}], [{"criterion": "impact"}, {"criterion": "impact"}]],
    ids=["unknown", "twice"],
)
def test_an_unknown_or_repeated_criterion_is_refused(world, ratings):
    with pytest.raises(ValidationError) as error:
        _create(world, ratings=ratings)
    assert "ratings" in error.value.message_dict
    assert not Evaluation.objects.exists()


def test_a_blank_title_and_another_projects_cluster_are_refused(world):
    with pytest.raises(ValidationError) as error:
        _create(world, title="  ")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _create(world, cluster=world.b1)
    assert "cluster" in error.value.message_dict


@pytest.mark.parametrize("persona", ["steer_a", "cda_a1", "comm_a1"])
def test_only_the_coordinator_records_an_evaluation(world, persona):
    with pytest.raises(PermissionDenied):
        _create(world, actor=persona)


def test_another_projects_coordinator_gets_not_found(world, evaluation):
    with pytest.raises(Http404):
        _create(world, actor="coord_b")
    with pytest.raises(Http404):
        services.evaluation_update(actor=world.users["coord_b"], evaluation=evaluation, title="X")
    point = add_point(world, evaluation)
    with pytest.raises(Http404):
        services.point_update(actor=world.users["coord_b"], point=point, text="X")


@pytest.mark.parametrize("persona", ["steer_a", "cda_a1"])
def test_steering_and_a_cda_may_not_edit_or_add_points(world, a1_evaluation, persona):
    actor = world.users[persona]
    with pytest.raises(PermissionDenied):
        services.evaluation_update(actor=actor, evaluation=a1_evaluation, title="X")
    with pytest.raises(PermissionDenied):
        services.point_create(actor=actor, evaluation=a1_evaluation, kind="finding", text="T")
    point = add_point(world, a1_evaluation)
    with pytest.raises(PermissionDenied):
        services.point_update(actor=actor, point=point, follow_up="done")
    with pytest.raises(PermissionDenied):
        services.point_delete(actor=actor, point=point)


def test_update_changes_the_given_criteria_and_keeps_the_others(world, evaluation):
    before = stamp(evaluation)
    services.evaluation_update(
        actor=world.users["coord_a"],
        evaluation=evaluation,
        seen_updated_at=before,
        ratings=[{"criterion": "impact", "rating": 3, "narrative": "Too early"}],
    )
    rows = {r.criterion: r.rating for r in evaluation.ratings.all()}
    assert rows == {
        "relevance": 6,
        "efficiency": 4,
        "effectiveness": 5,
        "impact": 3,
        "sustainability": None,
    }
    assert stamp(evaluation) != before  # a rating change moves the evaluation's stamp


def test_a_stale_edit_is_refused(world, evaluation):
    seen = stamp(evaluation)
    coord = world.users["coord_a"]
    services.evaluation_update(actor=coord, evaluation=evaluation, seen_updated_at=seen, title="A")
    with pytest.raises(StaleEditError):
        services.evaluation_update(
            actor=coord, evaluation=evaluation, seen_updated_at=seen, title="B"
        )
    evaluation.refresh_from_db()
    assert evaluation.title == "A"


def test_a_bad_rating_on_update_leaves_the_evaluation_as_it_was(world, evaluation):
    with pytest.raises(ValidationError):
        services.evaluation_update(
            actor=world.users["coord_a"],
            evaluation=evaluation,
            title="Changed",
            ratings=[{"criterion": "impact", "rating": 0}],
        )
    evaluation.refresh_from_db()
    assert evaluation.title == "Mid-term evaluation"


def test_the_report_file_is_checked_by_content(world, evaluation):
    coord = world.users["coord_a"]
    fake = SimpleUploadedFile("report.pdf", b"MZ a program", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.evaluation_report_attach(actor=coord, evaluation=evaluation, report_file=fake)
    assert "report_file" in error.value.message_dict
    services.evaluation_report_attach(actor=coord, evaluation=evaluation, report_file=pdf("r.pdf"))
    evaluation.refresh_from_db()
    assert evaluation.report_file.name.endswith(".pdf")


def test_a_finding_carries_no_follow_up(world, evaluation):
    with pytest.raises(ValidationError) as error:
        add_point(world, evaluation, kind=PointKind.FINDING, due_on=datetime.date(2027, 1, 1))
    assert "due_on" in error.value.message_dict
    assert not EvaluationPoint.objects.exists()


def test_a_blank_point_is_refused(world, evaluation):
    with pytest.raises(ValidationError) as error:
        add_point(world, evaluation, text="   ")
    assert "text" in error.value.message_dict


def test_only_an_accepted_recommendation_is_followed_up(world, evaluation):
    coord = world.users["coord_a"]
    point = add_point(world, evaluation)
    with pytest.raises(ValidationError) as error:
        services.point_update(actor=coord, point=point, follow_up=FollowUpStatus.IN_PROGRESS)
    assert "follow_up" in error.value.message_dict
    services.point_update(
        actor=coord,
        point=point,
        seen_updated_at=stamp(point),
        response=ManagementResponse.PARTIALLY,
        follow_up=FollowUpStatus.DONE,
        follow_up_note="Target set",
    )
    point.refresh_from_db()
    assert (point.response, point.follow_up) == ("partially", "done")


def test_the_responsible_person_is_someone_the_coordinator_may_see(world, evaluation):
    coord = world.users["coord_a"]
    with pytest.raises(ValidationError) as error:
        add_point(world, evaluation, responsible=world.users["cda_b1"])
    assert "responsible" in error.value.message_dict
    with pytest.raises(ValidationError):
        add_point(world, evaluation, responsible=UserFactory(username="stranger"))
    point = add_point(world, evaluation, responsible=world.users["cda_a1"])
    # an unchanged responsible person stays, whoever can see them now
    services.point_update(actor=coord, point=point, responsible=point.responsible, text="Again")
    assert EvaluationPoint.objects.get().responsible == world.users["cda_a1"]


def test_a_point_is_deleted_and_a_stale_delete_refused(world, evaluation):
    coord = world.users["coord_a"]
    point = add_point(world, evaluation)
    seen = stamp(point)
    services.point_update(actor=coord, point=point, seen_updated_at=seen, text="Changed")
    with pytest.raises(StaleEditError):
        services.point_delete(actor=coord, point=point, seen_updated_at=seen)
    services.point_delete(actor=coord, point=point, seen_updated_at=stamp(point))
    assert not EvaluationPoint.objects.exists()
