"""The project and cluster dashboards under simulated users, behind gunicorn.

    python bench/run.py bench_dashboard [--clusters 500] [--activities 200000]
        [--users 50] [--requests 20] [--think 0.5] [--workers 4] [--write-every 5]

Builds a project at the given scale (clusters, field activities, two indicators per
cluster with eight quarters of approved values, a Commission meeting a month), rolls it
up, starts gunicorn on the same database, then sends each page's requests from
``--users`` simulated users (a bounded thread pool of ``requests`` sessions, each
waiting a random think time between requests). Prints p50 and p95 per page, requests
per second, and the ratio of each to the login page measured the same way in the same
run. The bench rows are deleted at the end. The goal (issue 9): p95 under 150 ms.

Each dashboard is measured three ways: as readers meet it (the figures kept in the
cache, and drawn again after each change), with a value of the project saved every
``--write-every`` seconds meanwhile (each save makes every reader's next request
draw the figures again), and with the figures drawn on every request (a query string
no other request has, so the cache never answers: what each page costs to draw). Set
``REDIS_URL`` (or ``CACHE_URL``) so that gunicorn's workers and the writer share the
cache, as in production; without it each worker keeps its own.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from governance.models import User
from monitoring.models import IndicatorValue

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dataset import build, teardown  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench_dashboard")
    parser.add_argument("--clusters", type=int, default=500)
    parser.add_argument("--activities", type=int, default=200_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per user and page")
    parser.add_argument("--think", type=float, default=0.5, help="mean think time (s)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--write-every", type=float, default=5.0, help="seconds between saved values"
    )
    args, _unknown = parser.parse_known_args([a for a in sys.argv[1:] if a != "bench_dashboard"])
    return args


def _session_cookie(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that signs users in with a password (the session names it).
    session[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(f"{base}/accounts/login/", timeout=10)
            return server, base
        except requests.RequestException:  # not listening yet, or still loading
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _load(
    base: str,
    paths: list[str],
    args: argparse.Namespace,
    cookie: str | None,
    warm: list[str] | None = None,
):
    """Each of ``args.users`` users sends ``args.requests`` requests with think time,
    after warm-up requests to ``warm`` (default: ``paths``), which are not counted."""

    def user(seed: int) -> list[float]:
        rng = random.Random(seed)
        session = requests.Session()
        if cookie:
            session.cookies.set(settings.SESSION_COOKIE_NAME, cookie)
        times = []
        for _ in range(args.requests):
            time.sleep(rng.expovariate(1 / args.think) if args.think else 0)
            started = time.perf_counter()
            response = session.get(base + rng.choice(paths), timeout=60, allow_redirects=False)
            times.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"{response.status_code} for {response.url}")
        return times

    # Warm-up, not counted: each gunicorn worker's first requests load the templates
    # and open its database connection.
    warming = requests.Session()
    if cookie:
        warming.cookies.set(settings.SESSION_COOKIE_NAME, cookie)
    warm = warm or paths
    for path in (warm * (2 * args.workers))[: max(len(warm), 2 * args.workers)]:
        warming.get(base + path, timeout=60, allow_redirects=False)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.users) as pool:
        latencies = [t for times in pool.map(user, range(args.users)) for t in times]
    return latencies, len(latencies) / (time.perf_counter() - started)


class _Writer(threading.Thread):
    """Saves one of the project's values every ``every`` seconds (as a correction would,
    through ``save()``, so the dashboards' generation is replaced), until stopped."""

    def __init__(self, project, every: float) -> None:
        super().__init__(daemon=True)
        self.project, self.every, self.saves = project, every, 0
        self.stopped = threading.Event()

    def run(self) -> None:
        from django.db import connections

        values = list(
            IndicatorValue.objects.select_related("indicator")
            .filter(indicator__project=self.project)
            .order_by("?")[:200]
        )
        while not self.stopped.wait(self.every):
            value = values[self.saves % len(values)]
            value.save(update_fields=["updated_at"])
            self.saves += 1
        connections.close_all()


def _figures(latencies: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[94] * 1000


def main() -> None:
    args = _options()
    # Stopped (Ctrl-C, a timeout): still stop the server and delete the bench rows.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    project, user, ids = build(clusters=args.clusters, activities=args.activities)
    server = None
    try:
        server, base = _serve(args.workers)
        cookie = _session_cookie(user)
        sample = random.Random(2).sample(ids, min(50, len(ids)))
        dashboard = f"/projects/{project.pk}/dashboard/"
        clusters = [f"/clusters/{pk}/dashboard/" for pk in sample]
        # A query string no other request sends: the cache never has its figures.
        drawn = [f"?bench={i}" for i in range(args.users * args.requests * 2)]
        # (label, paths, cookie, a value saved meanwhile, warm-up paths)
        pages = [
            ("login page (reference)", ["/accounts/login/"], None, False, None),
            ("project dashboard", [dashboard], cookie, False, None),
            ("project dashboard, a value saved meanwhile", [dashboard], cookie, True, None),
            (
                "project dashboard, figures drawn each request",
                [dashboard + q for q in drawn],
                cookie,
                False,
                [dashboard],
            ),
            ("cluster dashboard", clusters, cookie, False, None),
            ("cluster dashboard, a value saved meanwhile", clusters, cookie, True, None),
            (
                "cluster dashboard, figures drawn each request",
                [c + q for c in clusters for q in drawn[: args.users * args.requests // 10]],
                cookie,
                False,
                clusters,
            ),
        ]
        print(
            f"{args.users} users x {args.requests} requests per page, think time "
            f"{args.think} s (mean), gunicorn {args.workers} workers, {connection.vendor}, "
            f"cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
        )
        reference = None
        for label, paths, page_cookie, writing, warm in pages:
            writer = _Writer(project, args.write_every) if writing else None
            if writer:
                writer.start()
            latencies, rate = _load(base, paths, args, page_cookie, warm)
            if writer:
                writer.stopped.set()
                writer.join()
                label += f" ({writer.saves} saves, one every {args.write_every:g} s)"
            p50, p95 = _figures(latencies)
            line = f"{label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {rate:.1f} requests/s"
            if reference is None:
                reference = (p50, p95, rate)
            else:
                line += (
                    f"; ratio to the login page: p50 {p50 / reference[0]:.1f}x, "
                    f"p95 {p95 / reference[1]:.1f}x, requests/s {rate / reference[2]:.2f}x"
                )
            print(line, flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        teardown(project, user)
