import pytest

from config.celery import app as celery_app


@pytest.fixture
def eager_celery():
    """Run Celery tasks in the calling process (as under `make run`), even when the
    suite runs against Redis."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
