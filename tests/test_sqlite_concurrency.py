"""`make run` on SQLite: concurrent writes wait for the lock instead of failing.

Runs in a subprocess against a real SQLite file (the test database is in memory and
shared by one connection, so it cannot show this): migrate, then 12 threads, each with
its own connection, send ``PATCH /api/meetings/<id>/`` at the same moment.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WRITERS = 12

SCRIPT = """
import json, sys, threading
import django
django.setup()
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token
from governance.bodies import services as body_services
from tests.conftest import build_world

world = build_world()
cda = world.users["cda_a1"]
body = body_services.commission_ensure(actor=cda, cluster=world.a1)
meeting = body_services.meeting_create(actor=cda, body=body, held_on="2024-01-10")
token = Token.objects.create(user=cda).key
connection.close()

writers = int(sys.argv[1])
barrier = threading.Barrier(writers)
answers = [None] * writers

def patch(i):
    client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="127.0.0.1")
    barrier.wait()
    try:
        response = client.patch(
            f"/api/meetings/{meeting.pk}/",
            data=json.dumps({"place": f"Hall {i}", "agenda": f"Agenda {i}"}),
            content_type="application/json",
        )
        answers[i] = [response.status_code, response.content.decode()[:300]]
    except Exception as exc:  # the test client re-raises server errors
        answers[i] = [500, repr(exc)]
    finally:
        connection.close()

threads = [threading.Thread(target=patch, args=(i,)) for i in range(writers)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("ANSWERS=" + json.dumps(answers))
"""


def test_concurrent_api_writes_on_a_sqlite_file_wait_instead_of_failing(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    for name in ("REDIS_URL", "DB_CONN_MAX_AGE"):
        env.pop(name, None)
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr

    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(WRITERS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    line = next(x for x in run.stdout.splitlines() if x.startswith("ANSWERS="))
    answers = json.loads(line.removeprefix("ANSWERS="))
    assert len(answers) == WRITERS
    locked = [a for a in answers if "locked" in a[1]]
    assert not locked, locked
    assert [a[0] for a in answers] == [200] * WRITERS, answers
