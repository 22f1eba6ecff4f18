"""A real Celery worker in a subprocess, sharing the test database (PostgreSQL) and
Redis; for the tests of what happens between the web process and a worker."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from config.celery import app as celery_app
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]


def redis_available() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


def require_worker_services() -> None:
    require("Redis", redis_available(), "set REDIS_URL to a running Redis server")
    require(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "set DATABASE_URL to a PostgreSQL database (the worker shares the test database)",
    )


@contextmanager
def celery_worker(
    media_root: str, *, pool: str = "solo", env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    """Start a worker on a queue of its own, send this process's tasks there, and stop
    it afterwards (its output is printed, which pytest shows when a test fails)."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            f"--pool={pool}",
            "--concurrency=1",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.test_settings",
            "DATABASE_URL": (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            ),
            "MEDIA_ROOT": media_root,
            **(env or {}),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    previous = (celery_app.conf.task_default_queue, celery_app.conf.task_always_eager)
    celery_app.conf.task_default_queue, celery_app.conf.task_always_eager = queue, False
    try:
        yield worker
    finally:
        celery_app.conf.task_default_queue, celery_app.conf.task_always_eager = previous
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        print(output[-6000:])


def worker_children(worker: subprocess.Popen) -> list[int]:
    """The pool processes of a prefork worker (the ones that run tasks)."""
    path = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []
