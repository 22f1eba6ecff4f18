import pytest

from monitoring.indicators import services


@pytest.fixture
def starter_pool(world):
    """Project A's pool filled from UNIDO's starter pool, by code."""
    services.pool_adopt_starter(actor=world.users["coord_a"], project=world.project_a)
    return {d.code: d for d in world.project_a.indicator_definitions.all()}
