import pytest

from monitoring.rollups.activity_signals import connect_activity_rollups


@pytest.fixture
def rollup_signals(eager_celery):
    """The roll-up receivers connected (as ``MonitoringConfig.ready()`` does) and Celery
    eager, so a committed change reaches the roll-ups in the calling process."""
    connect_activity_rollups()
    yield
