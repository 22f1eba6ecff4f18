"""Indicators adopted from the pool, their M&E plans and targets per period."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.concurrency import StaleEditError
from monitoring.indicators import plan_services
from monitoring.models import Indicator, IndicatorTarget, ResultStatement
from tests.factories import UserFactory
from tests.monitoring.factories import ValueFactory

pytestmark = pytest.mark.django_db


def _adopt(world, pool, *codes, cluster="a1", frequency="quarter"):
    return plan_services.indicators_adopt(
        actor=world.users["coord_a"],
        project=world.project_a,
        cluster=getattr(world, cluster) if cluster else None,
        definitions=[pool[c] for c in codes],
        frequency=frequency,
    )


def test_adopting_several_skips_those_adopted_already(world, starter_pool):
    assert len(_adopt(world, starter_pool, "TRAINED", "SALES")) == 2
    assert [i.definition.code for i in _adopt(world, starter_pool, "SALES", "JA-FIRMS")] == [
        "JA-FIRMS"
    ]
    assert len(_adopt(world, starter_pool, "SALES", cluster=None)) == 1  # the project's own
    assert Indicator.objects.count() == 4
    with pytest.raises(PermissionDenied):
        plan_services.indicators_adopt(
            actor=world.users["cda_a1"],
            project=world.project_a,
            cluster=world.a1,
            definitions=[starter_pool["EXPORTS"]],
        )


def test_the_plan_splits_by_sex_only_where_the_definition_does(world, starter_pool):
    trained, sales = _adopt(world, starter_pool, "TRAINED", "SALES")
    coord = world.users["coord_a"]
    saved = plan_services.indicator_update(
        actor=coord, indicator=trained, baseline_women=Decimal(4), baseline_men=Decimal(6)
    )
    assert saved.baseline_value == 10  # the total is their sum
    with pytest.raises(ValidationError) as error:
        plan_services.indicator_update(
            actor=coord, indicator=trained, end_target=Decimal(100),
            end_target_women=Decimal(40), end_target_men=Decimal(50),
        )  # fmt: skip
    assert "end_target" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        plan_services.indicator_update(actor=coord, indicator=sales, baseline_women=Decimal(1))
    assert "baseline_women" in error.value.message_dict


def test_the_result_and_the_responsible_person_are_within_reach(world, starter_pool):
    (trained,) = _adopt(world, starter_pool, "TRAINED")
    coord = world.users["coord_a"]
    other_cluster = ResultStatement.objects.create(
        project=world.project_a, cluster=world.a2, level="impact", statement="A2 growth"
    )
    with pytest.raises(ValidationError) as error:
        plan_services.indicator_update(actor=coord, indicator=trained, result=other_cluster)
    assert "result" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        plan_services.indicator_update(
            actor=coord, indicator=trained, responsible=world.users["cda_b1"]
        )
    assert "responsible" in error.value.message_dict
    stranger = UserFactory()
    with pytest.raises(ValidationError):
        plan_services.indicator_update(actor=coord, indicator=trained, responsible=stranger)
    saved = plan_services.indicator_update(
        actor=coord, indicator=trained, responsible=world.users["cda_a1"]
    )
    assert saved.responsible == world.users["cda_a1"]


def test_targets_are_set_per_period_and_guarded_against_stale_edits(world, starter_pool):
    (trained,) = _adopt(world, starter_pool, "TRAINED")
    coord = world.users["coord_a"]
    q1, q2 = datetime.date(2025, 1, 1), datetime.date(2025, 4, 1)
    stamp = trained.updated_at.isoformat()
    plan_services.indicator_targets_save(
        actor=coord,
        indicator=trained,
        seen_updated_at=stamp,
        targets={q1: {"value": None, "women": 5, "men": 5}, q2: {"value": 12}},
    )
    assert {t.period_start: t.value for t in IndicatorTarget.objects.all()} == {q1: 10, q2: 12}
    with pytest.raises(StaleEditError):
        plan_services.indicator_targets_save(
            actor=coord, indicator=trained, seen_updated_at=stamp, targets={q1: {"value": 1}}
        )
    with pytest.raises(ValidationError) as error:
        plan_services.indicator_targets_save(
            actor=coord, indicator=trained, targets={datetime.date(2025, 2, 1): {"value": 1}}
        )
    assert "2025-02-01" in error.value.message_dict
    plan_services.indicator_targets_save(actor=coord, indicator=trained, targets={q2: {}})
    assert list(IndicatorTarget.objects.values_list("period_start", flat=True)) == [q1]


def test_the_frequency_stays_once_values_exist(world, starter_pool):
    (trained,) = _adopt(world, starter_pool, "TRAINED")
    coord = world.users["coord_a"]
    plan_services.indicator_targets_save(
        actor=coord, indicator=trained, targets={datetime.date(2025, 4, 1): {"value": 3}}
    )
    trained.refresh_from_db()
    # A change of frequency drops the targets of periods that no longer exist.
    plan_services.indicator_update(actor=coord, indicator=trained, frequency="year")
    assert not IndicatorTarget.objects.exists()
    ValueFactory(indicator=trained, period_start=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        plan_services.indicator_update(actor=coord, indicator=trained, frequency="month")
    assert "frequency" in error.value.message_dict
