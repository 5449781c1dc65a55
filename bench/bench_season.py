"""Benchmark: a Direct File filing season recomputed and aggregated, beside its peers.

    python bench/bench_season.py            # the issue's scale: a 71,000,000-return season
                                            # (~3.1 GB of Parquet in a temporary folder),
                                            # Tax-Calculator on 1,000,000, 10M rows (~4 min idle)
    python bench/bench_season.py --quick    # 200,000-return season, 20,000 sample, 200k rows
    python bench/bench_season.py --returns 2000000 --sample 100000 --page-returns 1000000
    python bench/bench_season.py --season OUT/ --page-returns 10000000
        # a season already written by `civiccx directfile season simulate` (e.g. 71 million)

1. Season compute (`civiccx directfile season compute`): every return of a simulated season
   recomputed with the vectorized batch engine and totalled, one Dask task per Parquet part,
   in a fresh process (start-up included) run under `/usr/bin/time -v`: wall time, the CPU
   time it used (user + system), peak memory (maximum resident set size), the machine's load
   average before and after, and returns per second per core both ways: per second of wall
   on the cores there are, and per CPU-second used. On a machine shared with other work the
   wall time measures the others too; the CPU time does not, and the CPU-bound wall time on
   idle cores is (CPU seconds / cores).
2. Its peer, Tax-Calculator (`calc_all`, exact formulas) on a sample of the same returns in a
   fresh process, start-up and numba JIT included, beside our engine on the same sample in a
   fresh process: per-return throughput and the ratio (medians of repeats).
3. The statistics page's query (`season.read_season`: the season's rollup cells, the same few
   hundred rows whatever the volume) beside a plain GROUP BY over one row per return (a
   narrow table: week, state, status, refund), both on SQLite with the same returns counted;
   medians of repeats and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import pyarrow.parquet as pq  # noqa: E402

from bench.bench_taxengine import TAXCALC_RUN, taxcalc_input  # noqa: E402
from civiccx.directfile import season_scale  # noqa: E402
from civiccx.taxengine.batch import compute_table  # noqa: E402

CORES = os.cpu_count() or 1

SEASON_RUN = """
import resource, sys, time
t0 = time.perf_counter()
from civiccx.directfile.season_scale import compute
totals, n = compute(sys.argv[1])
t1 = time.perf_counter()
print(n, t1 - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, totals.total("refunds"))
"""

OURS_SAMPLE_RUN = """
import sys, time
t0 = time.perf_counter()
import pyarrow.parquet as pq
from civiccx.taxengine.batch import compute_table
out = compute_table(pq.read_table(sys.argv[1]))
print(out.num_rows, time.perf_counter() - t0)
"""


def _run(code: str, *args: str, env: dict | None = None) -> tuple[list[str], float]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src"),
                                         **(env or {})})
    return out.stdout.split(), time.perf_counter() - start


def _timed_run(code: str, *args: str) -> tuple[list[str], float, dict]:
    """Run in a fresh process under /usr/bin/time -v: stdout words, wall seconds, and the
    process's user and system CPU seconds and maximum resident set size (kB)."""
    time_v = shutil.which("time") or "/usr/bin/time"
    start = time.perf_counter()
    out = subprocess.run([time_v, "-v", sys.executable, "-c", code, *args], check=True,
                         capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    wall = time.perf_counter() - start

    def field(label: str) -> float:
        return float(re.search(rf"{re.escape(label)}: ([0-9.]+)", out.stderr).group(1))

    return out.stdout.split(), wall, {"user_s": field("User time (seconds)"),
                                      "system_s": field("System time (seconds)"),
                                      "max_rss_kb": field("Maximum resident set size (kbytes)")}


def season_compute(returns: int, workdir: Path, season: Path | None = None) -> dict:
    root = season or workdir / "season"
    simulated = None
    if season is None:
        t = time.perf_counter()
        season_scale.simulate(root, returns, seed=71)
        simulated = time.perf_counter() - t
    load_before = os.getloadavg()[0]
    (n, _inproc, _rss_kb, _refunds), wall, used = _timed_run(SEASON_RUN, str(root))
    load_after = os.getloadavg()[0]
    n = int(n)
    cpu = used["user_s"] + used["system_s"]
    rate = n / wall
    return {"returns": n, "simulate_s": simulated, "wall_s": wall, "cpu_s": cpu,
            "per_s": rate, "per_s_core": rate / CORES, "per_cpu_s": n / cpu,
            "idle_wall_s": cpu / CORES, "peak_mb": used["max_rss_kb"] / 1024,
            "load_before": load_before, "load_after": load_after,
            "extrapolated_71m_s": 71_000_000 / rate,
            "extrapolated_71m_idle_s": 71_000_000 / (n / cpu) / CORES}


def taxcalc_peer(sample: int, workdir: Path, repeats: int) -> dict:
    """Both engines on the same sample, each in fresh processes under /usr/bin/time -v: the
    median wall time and the median CPU time (user + system; on a shared machine the wall
    time of a short run is mostly waiting for a core)."""
    table = season_scale.season_part(sample, 2024, seed=5, week=6, part=0, first_id=1)
    src = workdir / "sample.parquet"
    pq.write_table(table, src)
    tc_src = workdir / "sample-taxcalc.parquet"
    taxcalc_input(table, compute_table(table), 2024).to_parquet(tc_src)
    ours = [_timed_run(OURS_SAMPLE_RUN, str(src)) for _ in range(repeats)]
    theirs = [_timed_run(TAXCALC_RUN, str(tc_src), "2024") for _ in range(repeats)]

    def cpu(run) -> float:
        return run[2]["user_s"] + run[2]["system_s"]

    return {"sample": sample, "ours_s": statistics.median(r[1] for r in ours),
            "taxcalc_s": statistics.median(r[1] for r in theirs),
            "ours_cpu_s": statistics.median(cpu(r) for r in ours),
            "taxcalc_cpu_s": statistics.median(cpu(r) for r in theirs)}


def statistics_page(returns: int, repeats: int) -> dict:
    """read_season over rollups vs GROUP BY over one narrow row per return, same SQLite."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civiccx.settings.development")
    db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("CIVICCX_HOME", str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from civiccx.directfile.demo.history import season_cells
    from civiccx.directfile.season import read_season
    from civiccx.metrics.rollups import record_external_counts
    from tests.factories import make_service

    service = make_service(slug="direct-file")
    # The rollups of a season of `returns` returns: the simulated season's cells, scaled.
    cells = season_cells(service.pk, 2024, 20_000, seed=3)
    scale = returns // 20_000
    record_external_counts([(k, m, {c: v * scale for c, v in counts.items()})
                            for k, m, counts in cells], source="bench")
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM metrics_rollup")
        rollup_rows = cur.fetchone()[0]
    raw = sqlite3.connect(db)
    raw.execute("CREATE TABLE season_return (week INTEGER, state TEXT, status TEXT, "
                "refund_cents INTEGER)")
    # One narrow row per return, drawn inside SQLite (a Python loop over 10 million rows
    # takes longer than the rest of the bench): week 4-16, one of the season's states, 96%
    # accepted, a refund of $0-$9,000.
    codes = "".join(season_scale.STATES.tolist())  # two letters each
    raw.execute(
        "INSERT INTO season_return WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
        "FROM n WHERE i < ?) SELECT 4 + abs(random()) % 13, "
        f"substr('{codes}', 1 + 2 * (abs(random()) % {len(season_scale.STATES)}), 2), "
        "CASE WHEN abs(random()) % 100 < 96 "
        "THEN 'accepted' ELSE 'rejected' END, abs(random()) % 900000 FROM n", (returns,))
    raw.commit()
    read_season(2024)  # warm

    def timed(fn) -> float:
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    ours = timed(lambda: read_season(2024))
    group_by = timed(lambda: (
        raw.execute("SELECT week, status, COUNT(*), SUM(refund_cents) FROM season_return "
                    "GROUP BY week, status").fetchall(),
        raw.execute("SELECT state, status, COUNT(*), SUM(refund_cents) FROM season_return "
                    "GROUP BY state, status").fetchall()))
    return {"returns": returns, "rollup_rows": rollup_rows, "rollups_ms": ours * 1000,
            "group_by_ms": group_by * 1000}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--returns", type=int)
    ap.add_argument("--season", type=Path, help="a season already simulated (its folder)")
    ap.add_argument("--sample", type=int)
    ap.add_argument("--repeats", type=int, help="runs of each peer (median); default 3")
    ap.add_argument("--page-returns", type=int)
    args = ap.parse_args()
    # By default the filing season at the IRS's scale (issue 13); --quick scales it down.
    returns = args.returns or (200_000 if args.quick else 71_000_000)
    sample = args.sample or (20_000 if args.quick else 1_000_000)
    page_returns = args.page_returns or (200_000 if args.quick else 10_000_000)
    # Tax-Calculator takes minutes per million returns: one run each at full scale.
    repeats = args.repeats or (1 if args.quick or sample >= 1_000_000 else 3)
    with tempfile.TemporaryDirectory() as tmp:
        s = season_compute(returns, Path(tmp), args.season)
        made = "" if s["simulate_s"] is None else \
            f"; simulating it took {s['simulate_s']:.1f} s"
        print(f"season compute, {s['returns']:,} returns on {CORES} cores (Dask threads, "
              f"fresh process, /usr/bin/time -v): {s['wall_s']:.1f} s wall "
              f"({s['per_s_core']:,.0f} returns/s/core) using {s['cpu_s']:.1f} CPU-s "
              f"({s['per_cpu_s']:,.0f} returns per CPU-second); peak memory (max RSS) "
              f"{s['peak_mb']:,.0f} MB; load average {s['load_before']:.1f} before, "
              f"{s['load_after']:.1f} after{made}")
        print(f"  71,000,000 returns: {s['extrapolated_71m_s'] / 60:.1f} min at this wall rate;"
              f" {s['extrapolated_71m_idle_s'] / 60:.1f} min CPU-bound on {CORES} idle cores "
              f"(goal 5 min, peak memory under 4 GB: one batch per thread)")
        p = taxcalc_peer(sample, Path(tmp), repeats)
        ours_rate, tc_rate = p["sample"] / p["ours_s"], p["sample"] / p["taxcalc_s"]
        print(f"per-return throughput on {p['sample']:,} returns, fresh process, start-up "
              f"included (median of {repeats}): ours {ours_rate:,.0f}/s ({p['ours_s']:.2f} s)"
              f" | Tax-Calculator {tc_rate:,.0f}/s ({p['taxcalc_s']:.2f} s) | ratio "
              f"{ours_rate / tc_rate:.1f}x (goal 8x); in CPU time: ours "
              f"{p['ours_cpu_s']:.2f} CPU-s | Tax-Calculator {p['taxcalc_cpu_s']:.2f} CPU-s | "
              f"ratio {p['taxcalc_cpu_s'] / p['ours_cpu_s']:.1f}x")
    page = statistics_page(page_returns, 5 if args.quick or page_returns >= 10_000_000 else 11)
    print(f"statistics for a season of {page['returns']:,} returns, SQLite, median: "
          f"read_season over {page['rollup_rows']:,} rollup rows {page['rollups_ms']:.1f} ms | "
          f"plain GROUP BY over {page['returns']:,} rows {page['group_by_ms']:.0f} ms | ratio "
          f"{page['group_by_ms'] / page['rollups_ms']:.0f}x (goals: under 100 ms, 50x)")
    print(json.dumps({"season": s, "taxcalc": p, "page": page}, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
