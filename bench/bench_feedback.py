"""CX metrics benchmarks on PostgreSQL.

1. Accepted survey responses per second through the JSON API, served by gunicorn and loaded by
   wrk on loopback, beside the same server's /healthz (a request that writes nothing).
2. Reading a quarter's dashboard over 10 million responses (from rollups) beside a plain
   GROUP BY over the raw response table, in the same run.

    python bench/bench_feedback.py [--quick]      (--quick: 200,000 responses, 5 s of load)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from benchdb import median_seconds, setup_django, start_gunicorn

PORT = 8765


def ensure_survey(slug: str):
    from civiccx.feedback.models import Survey
    from civiccx.services.models import Service, ServiceProvider

    provider, _ = ServiceProvider.objects.get_or_create(
        abbreviation="BENCH", defaults={"name": "Benchmark Agency"})
    service, _ = Service.objects.get_or_create(
        slug=slug, defaults={"provider": provider, "name": f"Benchmark {slug}",
                             "summary": "Benchmark service."})
    survey, _ = Survey.objects.get_or_create(service=service, channel="web",
                                             instrument_name="a11_v2")
    return survey


def wrk(url: str, seconds: int, lua: str | None = None) -> tuple[float, int, int]:
    """Requests per second, total requests, and non-2xx answers."""
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", url]
    if lua:
        command[1:1] = ["-s", lua]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, total, int(bad.group(1)) if bad else 0


def api_throughput(seconds: int) -> None:
    from civiccx.feedback.models import Response

    survey = ensure_survey("bench-api")
    body = json.dumps({"survey": survey.pk, "answers": {"question_1": 1,
                                                        "question_2": ["ease", "efficiency"]}})
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write('wrk.method = "POST"\n'
                     'wrk.headers["Content-Type"] = "application/json"\n'
                     f"wrk.body = {json.dumps(body)}\n")
    os.environ.update({"CIVICCX_API_RATE": "100000000/m", "DEBUG": "false",
                       "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/3")})
    workers = int(os.environ.get("BENCH_WORKERS", "5"))
    server = start_gunicorn(PORT, workers=workers)
    try:
        wrk(f"http://127.0.0.1:{PORT}/healthz", 2)  # warm up the workers
        health = [wrk(f"http://127.0.0.1:{PORT}/healthz", seconds)[0] for _ in range(3)]
        before = Response.objects.filter(survey=survey).count()
        runs = [wrk(f"http://127.0.0.1:{PORT}/api/feedback/v1/responses", seconds, script.name)
                for _ in range(3)]
        stored = Response.objects.filter(survey=survey).count() - before
    finally:
        server.terminate()
        server.wait(10)
    accepted = sum(total - bad for _, total, bad in runs)
    api = sorted(rate for rate, _, _ in runs)[1]
    peer = sorted(health)[1]
    print(f"API responses accepted per second (median of 3 × {seconds} s, gunicorn {workers} "
          f"workers, wrk 32 connections): {api:,.0f}/s   goal ≥ 1,000/s")
    print(f"  peer: /healthz on the same server (no writes): {peer:,.0f}/s   "
          f"ratio API/healthz = {api / peer:.2f}")
    print(f"  non-2xx answers: {sum(bad for _, _, bad in runs)}; responses stored "
          f"{stored:,} ≥ answered 2xx {accepted:,}: {'yes' if stored >= accepted else 'NO'} "
          "(wrk does not count requests still in flight when it stops)")


def fill_responses(survey, target: int) -> None:
    """Insert synthetic responses with SQL and rebuild the rollups from them through the
    metrics API (once per database)."""
    from django.db import connection

    from civiccx.feedback.models import Response
    from civiccx.metrics.rebuild import rebuild

    have = Response.objects.filter(survey=survey).count()
    if have >= target:
        return
    print(f"Generating {target - have:,} responses in PostgreSQL (once)...", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO feedback_response (survey_id, service_id, channel, fiscal_quarter,
                language, answers, source, submitted_at)
            SELECT %s, %s, (ARRAY['web','phone','in_person'])[1 + g %% 3],
                   'FY' || (2023 + (g / 3) %% 3)::text || 'Q' || (1 + (g / 9) %% 4)::text,
                   CASE WHEN g %% 7 = 0 THEN 'es' ELSE 'en' END,
                   jsonb_build_object('question_1', (g %% 5 > 0)::int), 'import', now()
            FROM generate_series(%s, %s) AS g""", [survey.pk, survey.service_id, have + 1,
                                                     target])
        cursor.execute("ANALYZE feedback_response")
    started = time.perf_counter()
    result = rebuild()
    print(f"  rollups rebuilt from the raw rows: {len(result.quarters)} quarters, "
          f"{result.cells:,} cells in {time.perf_counter() - started:.1f} s", flush=True)


def dashboard_read(rows: int) -> None:
    from django.db import connection

    from civiccx.feedback.dashboard import dashboard_data

    survey = ensure_survey("bench-dashboard")
    fill_responses(survey, rows)
    filters = {"service_id": survey.service_id}

    def ours():
        data = dashboard_data(filters)
        assert data["quarters"]

    def plain():
        with connection.cursor() as cursor:
            cursor.execute("""
                SELECT channel, fiscal_quarter, language, (answers->>'question_1')::int,
                       count(*)
                FROM feedback_response WHERE service_id = %s GROUP BY 1, 2, 3, 4""",
                           [survey.service_id])
            assert cursor.fetchall()

    ours()
    rollup_time = median_seconds(ours, repeats=7)
    group_by_time = median_seconds(plain, repeats=3)
    print(f"Dashboard over {rows:,} responses, every quarter, from rollups: "
          f"{rollup_time * 1000:.1f} ms (median of 7)   goal < 100 ms")
    print(f"  peer: plain GROUP BY over the raw responses: {group_by_time * 1000:,.0f} ms "
          f"(median of 3)   ratio = {group_by_time / rollup_time:,.0f}× faster   goal ≥ 50×")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    setup_django()
    api_throughput(5 if args.quick else 10)
    dashboard_read(200_000 if args.quick else 10_000_000)
    print(f"(bench_feedback took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
