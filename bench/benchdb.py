"""Shared set-up for benchmarks that need Django on PostgreSQL: a separate database
(`civiccx_bench`, created and migrated on first use), so benchmarks never touch dev or test data.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/civiccx_bench")


def setup_django() -> None:
    """Point Django at the bench database, creating and migrating it if needed."""
    import psycopg

    name = BENCH_URL.rsplit("/", 1)[1]
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civiccx.settings.development")
    os.environ.setdefault("CIVICCX_HOME", str(ROOT))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def median_seconds(function, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def server_env() -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": BENCH_URL, "CIVICCX_HOME": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "civiccx.settings.development", "LOG_LEVEL": "WARNING"}


def start_gunicorn(port: int, workers: int = 3) -> subprocess.Popen:
    """A real multi-process server, as production would run it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "civiccx.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        env=server_env(), cwd=ROOT)
    import urllib.request

    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")
