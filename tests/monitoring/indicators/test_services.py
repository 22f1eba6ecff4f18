"""The pool's writes: UNIDO's starter pool adopted once, definitions checked, and the
project's M&E calendar."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from governance.concurrency import StaleEditError
from monitoring.indicators import services
from monitoring.indicators.starter import STARTER_POOL
from monitoring.models import IndicatorDefinition
from tests.monitoring.factories import IndicatorFactory, ValueFactory

pytestmark = pytest.mark.django_db
JOBS = {
    "code": "JOBS",
    "name": "New jobs",
    "level": "impact",
    "measure": "number",
    "time_aggregation": "sum",
    "cluster_aggregation": "sum",
    "sdg_goals": ["8", 5],
}


def test_the_starter_pool_is_adopted_once_in_the_coordinator_s_language(world):
    coord = world.users["coord_a"]
    IndicatorDefinition.objects.create(
        project=world.project_a, code="SALES", name="Our own sales", level="impact",
        time_aggregation="sum", cluster_aggregation="sum",
    )  # fmt: skip
    with translation.override("en"):
        created = services.pool_adopt_starter(actor=coord, project=world.project_a)
    assert len(created) == len(STARTER_POOL) - 1  # SALES was in the pool already
    assert IndicatorDefinition.objects.get(code="SALES").name == "Our own sales"
    assert services.pool_adopt_starter(actor=coord, project=world.project_a) == []
    trained = IndicatorDefinition.objects.get(project=world.project_a, code="TRAINED")
    assert (trained.name, trained.disaggregation, trained.sdg_goals) == (
        "People trained", "sex", [4, 5],
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.pool_adopt_starter(actor=world.users["steer_a"], project=world.project_a)


def test_a_definition_is_checked_and_its_code_is_unique_in_the_pool(world):
    coord = world.users["coord_a"]
    jobs = services.definition_create(actor=coord, project=world.project_a, **JOBS)
    assert jobs.sdg_goals == [5, 8]
    with pytest.raises(ValidationError) as error:
        services.definition_create(actor=coord, project=world.project_a, **{**JOBS, "code": "jobs"})
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.definition_create(
            actor=coord, project=world.project_a, **{**JOBS, "code": "PCT", "measure": "percentage"}
        )
    assert "time_aggregation" in error.value.message_dict  # a percentage is a ratio
    assert IndicatorDefinition.objects.count() == 1


def test_measure_and_split_stay_once_values_exist(world):
    coord = world.users["coord_a"]
    indicator = IndicatorFactory(cluster=world.a1)
    definition = indicator.definition
    services.definition_update(actor=coord, definition=definition, unit="trainees")
    ValueFactory(indicator=indicator)
    with pytest.raises(ValidationError) as error:
        services.definition_update(actor=coord, definition=definition, disaggregation="sex")
    assert "disaggregation" in error.value.message_dict
    definition.refresh_from_db()
    with pytest.raises(StaleEditError):
        services.definition_update(
            actor=coord,
            definition=definition,
            seen_updated_at="2020-01-01T00:00:00+00:00",
            name="x",
        )


def test_the_calendar_is_saved_checked_and_guarded(world):
    coord = world.users["coord_a"]
    saved = services.monitoring_settings_save(
        actor=coord, project=world.project_a, financial_year_start_month=7, lock_after_days=40
    )
    assert (saved.financial_year_start_month, saved.due_after_days) == (7, 15)
    with pytest.raises(ValidationError) as error:
        services.monitoring_settings_save(
            actor=coord, project=world.project_a, due_after_days=50, lock_after_days=40
        )
    assert "due_after_days" in error.value.message_dict
    stamp = saved.updated_at.isoformat()
    services.monitoring_settings_save(actor=coord, project=world.project_a, due_after_days=10)
    with pytest.raises(StaleEditError):
        services.monitoring_settings_save(
            actor=coord, project=world.project_a, seen_updated_at=stamp, due_after_days=12
        )
    with pytest.raises(PermissionDenied):
        services.monitoring_settings_save(actor=world.users["cda_a1"], project=world.project_a)
