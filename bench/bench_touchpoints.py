"""Touchpoints import benchmark: rows per second importing a 30,000-row combined export
("A11-v2 + Form Responses", written exactly as Touchpoints writes it) with
`import_combined_export`, beside main's importer (one `submit_response` per row, as
`import_touchpoints_responses` worked before issue #16) on the same rows, in the same run, on
PostgreSQL (the bench database) and on SQLite (a temporary file).

Each importer runs `--repeats` times (a fresh survey each time, the two importers taking turns
so both see the same load) and the median is reported, twice: by the wall clock, and by the
processor time spent (this process, plus the PostgreSQL backend serving it, read from /proc
when the server is on this machine). The machine is shared, so the wall-clock figure moves
with the load average printed beside it; the processor-time figure is what the import would do
with one core to itself.

    python bench/bench_touchpoints.py [--quick]   (--quick: 5,000 rows; main's importer 1,000)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMENTS = [
    "Quick and friendly",
    "Too many steps, and the wait was long",
    "",
    'The agent said "call back", nobody did',
    "Gracias, muy amable",
    "",
    "Waited 45 minutes on hold at 1-800-829-1040, then it worked",
    "They asked for my SSN 123.45.6789 twice",
    "Esperé 2 horas en la oficina, pero me ayudaron con el formulario 1040",
    "",
]


def build_rows(n: int, seed: int = 16):
    from tests.feedback.touchpoints_files import INDICATORS, Submission

    rng = random.Random(seed)
    start = datetime(2023, 10, 1, tzinfo=UTC)
    rows = []
    for i in range(n):
        up = rng.random() < 0.7
        picked = ",".join(rng.sample(INDICATORS, rng.randint(0, 3))) or None
        rows.append(
            Submission(
                1_000_000 + i,
                start + timedelta(seconds=rng.randrange(365 * 86400)),
                "1" if up else "0",
                picked if up else None,
                None if up else picked,
                answer_04=rng.choice(COMMENTS) or None,
                flagged=rng.random() < 0.01,
                archived=rng.random() < 0.05,
            )
        )
    return rows


def new_survey(tag: str):
    from civiccx.feedback.models import Survey
    from civiccx.services.models import Service, ServiceProvider

    provider, _ = ServiceProvider.objects.get_or_create(
        abbreviation="BENCH", defaults={"name": "Benchmark Agency"}
    )
    slug = f"bench-tp-{tag}-{time.time_ns()}"
    service = Service.objects.create(
        provider=provider, slug=slug, name=f"Benchmark {tag}", summary="Benchmark service."
    )
    return Survey.objects.create(service=service, channel="web", instrument_name="a11_v2")


def questions(survey):
    texts = {q.id: q.text["en"] for q in survey.instrument.questions}
    return [texts[f"question_{n}"] for n in range(1, 5)]


def mains_importer(text: str, survey) -> int:
    """Main's `import_touchpoints_responses` before issue #16: parse the 17-column file, then
    `submit_response` per row in one transaction (every row dated on the quarter's first day)."""
    from django.db import transaction
    from django.utils import timezone

    from civiccx.feedback.a11_formats import parse_a11_v2_responses
    from civiccx.feedback.a11_reporting import answers_of
    from civiccx.feedback.services import submit_response

    moment = timezone.make_aware(datetime(2024, 1, 1, 12))
    records = parse_a11_v2_responses(text).require_ok()
    with transaction.atomic():
        for record in records:
            submit_response(
                survey, answers_of(record), language="en", source="import", channel="web",
                submitted_at=moment,
            )
    return len(records)


def cpu_seconds() -> float | None:
    """Processor time of this process and, on PostgreSQL on this machine, of its backend."""
    from django.db import connection

    spent = time.process_time()
    if connection.vendor != "postgresql":
        return spent
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None  # the server is elsewhere: its share cannot be read
    return spent + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(function) -> tuple[float, float | None]:
    """(wall seconds, processor seconds or None) of one call."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    function()
    wall, after = time.perf_counter() - wall, cpu_seconds()
    return wall, None if cpu is None or after is None else after - cpu


def rates(rows: int, runs: list[tuple[float, float | None]]) -> str:
    walls = [rows / wall for wall, _ in runs]
    cpus = [rows / cpu for _, cpu in runs if cpu]
    text = (f"median {statistics.median(walls):,.0f} rows/s by the wall clock "
            f"(runs: {', '.join(f'{w:,.0f}' for w in walls)})")
    if len(cpus) == len(runs):
        text += f", {statistics.median(cpus):,.0f} rows per processor-second"
    return text


def run_engine(engine: str, rows_new: int, rows_old: int, repeats: int) -> None:
    """In this process: set up Django on `engine`, then time both importers."""
    sys.path.insert(0, str(ROOT))  # tests.feedback.touchpoints_files writes Touchpoints' files
    if engine == "postgresql":
        sys.path.insert(0, str(ROOT / "bench"))
        from benchdb import setup_django

        setup_django()
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civiccx.settings.development")
        os.environ.setdefault("CIVICCX_HOME", str(ROOT))
        sys.path.insert(0, str(ROOT / "src"))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    from civiccx.feedback.a11_reporting import import_combined_export
    from tests.feedback.touchpoints_files import a11_v2_csv, combined_export

    rows = build_rows(rows_new)
    old_rows = rows[:rows_old]
    old_text = a11_v2_csv(
        old_rows, datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    )
    load = os.getloadavg()[0]
    new_runs, again_runs, old_runs = [], [], []
    stored = old_stored = 0
    for _ in range(repeats):
        survey = new_survey("new")
        text = combined_export(questions(survey), rows)
        result = None

        def new_import(text=text, survey=survey):
            nonlocal result
            result = import_combined_export(text, survey)

        new_runs.append(timed(new_import))
        assert result.ok, result.errors[:3]
        stored = result.imported
        again_runs.append(timed(lambda text=text, survey=survey: import_combined_export(
            text, survey)))

        def old_import():
            nonlocal old_stored
            old_stored = mains_importer(old_text, new_survey("main"))

        old_runs.append(timed(old_import))
    print(f"[{engine}] import_combined_export: {len(rows):,} rows ({stored:,} stored), "
          f"{repeats} runs: {rates(len(rows), new_runs)}; the same file again (nothing to "
          f"store): {rates(len(rows), again_runs)}")
    print(f"[{engine}] main's importer (submit_response per row): {old_stored:,} rows, "
          f"{repeats} runs: {rates(old_stored, old_runs)}")
    print(f"[{engine}] load average (1 min) {load:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--engine", choices=("postgresql", "sqlite"))
    parser.add_argument("--rows", type=int)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rows_new = args.rows or (5_000 if args.quick else 30_000)
    rows_old = min(rows_new, 1_000 if args.quick else 3_000)
    if args.engine:
        run_engine(args.engine, rows_new, rows_old, args.repeats)
        return 0
    status = 0
    for engine in ("postgresql", "sqlite"):
        env = dict(os.environ)
        with tempfile.TemporaryDirectory() as tmp:
            if engine == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
            command = [sys.executable, __file__, "--engine", engine, "--rows", str(rows_new),
                       "--repeats", str(args.repeats)]
            status |= subprocess.run(
                command + (["--quick"] if args.quick else []), env=env, check=False
            ).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
