"""Benchmark: the vectorized batch path beside Tax-Calculator's calc_all on the same households.

    python bench/bench_taxengine.py            # 1,000,000 households, 3 repeats
    python bench/bench_taxengine.py --quick    # 20,000 households, 1 repeat

Each figure is printed beside its peer measured in the same run (medians of repeats), with the
ratio. "End to end" runs each side in a fresh Python process from the same Parquet households,
so start-up (imports, and Tax-Calculator's numba JIT) is included. Also reports the fact graph's
single-return compute and explain times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from civiccx.taxengine.batch import compute_table  # noqa: E402
from civiccx.taxengine.synthetic import STATUSES, households  # noqa: E402


def taxcalc_input(table: pa.Table, result: pa.Table, year: int):
    """Tax-Calculator columns for the same households (counts from the engine's dependents)."""
    import pandas as pd

    c = {name: table.column(name).to_numpy(zero_copy_only=False) for name in
         ("filing_status", "primary_age", "spouse_age", "primary_blind", "spouse_blind",
          "wages", "taxable_interest", "tax_exempt_interest", "unemployment", "ss_benefits")}
    r = {name: result.column(name).to_numpy() for name in
         ("n_ctc_children", "n_other_dependents", "n_eitc_children", "educator_deduction",
          "student_loan_deduction")}
    mars = np.searchsorted(STATUSES, c["filing_status"], sorter=np.argsort(STATUSES))
    mars = np.argsort(STATUSES)[mars] + 1
    n = table.num_rows
    joint = mars == 2
    return pd.DataFrame({
        "RECID": np.arange(1, n + 1), "MARS": mars, "FLPDYR": year,
        "XTOT": 1 + joint + r["n_ctc_children"] + r["n_other_dependents"],
        "e00200": c["wages"] / 100, "e00200p": c["wages"] / 100, "e00200s": 0.0,
        "age_head": c["primary_age"], "age_spouse": c["spouse_age"],
        "blind_head": c["primary_blind"].astype(int), "blind_spouse": c["spouse_blind"].astype(int),
        "n24": r["n_ctc_children"], "EIC": np.minimum(r["n_eitc_children"], 3),
        "nu18": r["n_ctc_children"],
        "e00300": c["taxable_interest"] / 100, "e00400": c["tax_exempt_interest"] / 100,
        "e02300": c["unemployment"] / 100, "e02400": c["ss_benefits"] / 100,
        "e03220": r["educator_deduction"] / 100, "e03210": r["student_loan_deduction"] / 100,
    })


TAXCALC_RUN = """
import sys, time
t0 = time.perf_counter()
import pandas as pd, taxcalc as tc
df = pd.read_parquet(sys.argv[1]); year = int(sys.argv[2])
rec = tc.Records(data=df, start_year=year, gfactors=None, weights=None, adjust_ratios=None,
                 exact_calculations=True)
pol = tc.Policy()
pol.implement_reform({'eitc_claim_prob_scale': {year: 9e99}, 'actc_claim_prob_scale': {year: 9e99}})
calc = tc.Calculator(policy=pol, records=rec, verbose=False)
calc.advance_to_year(year)
t1 = time.perf_counter()
calc.calc_all()
t2 = time.perf_counter()
print(t2 - t1, t2 - t0)
"""

OURS_RUN = """
import sys, time
t0 = time.perf_counter()
import pyarrow.parquet as pq
from civiccx.taxengine.batch import compute_table
t = pq.read_table(sys.argv[1])
t1 = time.perf_counter()
out = compute_table(t)
t2 = time.perf_counter()
pq.write_table(out, sys.argv[2])
print(t2 - t1, time.perf_counter() - t0)
"""


def _subprocess(code: str, *args: str, env: dict | None = None) -> tuple[float, float, float]:
    """Run a fresh interpreter; returns (compute s, in-process total s, wall s with start-up)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                         text=True, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - start
    compute, total = (float(x) for x in out.stdout.split()[-2:])
    return compute, total, wall


def _median(xs):
    return statistics.median(xs)


def graph_times(repeats: int) -> tuple[float, float]:
    from civiccx.taxengine import compute, explain
    from tests.taxengine.households import random_households

    docs = random_households(200, 2024, seed=3)
    compute_ms, explain_ms = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        outcomes = [compute(d) for d in docs]
        outcomes = [o for o in outcomes if not o.knocked_out]  # high earners are refused
        for o in outcomes:
            o.value("/refund")
        compute_ms.append((time.perf_counter() - t) / len(docs) * 1000)
        t = time.perf_counter()
        for o in outcomes:
            explain(o.graph, "/refund").text()
        explain_ms.append((time.perf_counter() - t) / len(outcomes) * 1000)
    return _median(compute_ms), _median(explain_ms)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="20,000 households, one repeat")
    ap.add_argument("-n", type=int, default=None)
    ap.add_argument("--repeats", type=int, default=None)
    ap.add_argument("--year", type=int, default=2024)
    args = ap.parse_args()
    n = args.n or (20_000 if args.quick else 1_000_000)
    repeats = args.repeats or (1 if args.quick else 3)
    year = args.year

    t = time.perf_counter()
    table = households(n, year)
    result = compute_table(table)
    print(f"households: {n:,} (TY{year}), generated in {time.perf_counter() - t:.1f} s; "
          f"{(np.asarray(result.column('eitc')) > 0).mean():.0%} claim the EIC")
    env_src = {"PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        ours_in, ours_out = f"{tmp}/in.parquet", f"{tmp}/out.parquet"
        tc_in = f"{tmp}/taxcalc.parquet"
        pq.write_table(table, ours_in)
        taxcalc_input(table, result, year).to_parquet(tc_in)
        ours = [_subprocess(OURS_RUN, ours_in, ours_out, env=env_src) for _ in range(repeats)]
        theirs = [_subprocess(TAXCALC_RUN, tc_in, str(year)) for _ in range(repeats)]

    rows = [
        ("compute only (in process)", 0),
        ("end to end in a fresh process (read, compute; imports, JIT)", 2),
    ]
    print(f"\n{'measure (median of ' + str(repeats) + ')':<64}{'civiccx':>10}"
          f"{'taxcalc':>10}{'ratio':>8}")
    for label, k in rows:
        a = _median([r[k] for r in ours])
        b = _median([r[k] for r in theirs])
        print(f"{label:<64}{a:>9.2f}s{b:>9.2f}s{b / a:>7.1f}x")
    a = _median([r[0] for r in ours])
    b = _median([r[0] for r in theirs])
    print(f"{'returns per second (compute only)':<64}{n / a:>10,.0f}{n / b:>10,.0f}")

    c_ms, e_ms = graph_times(max(repeats, 3))
    print(f"\nfact graph, one return (median of {max(repeats, 3)} x 200 returns): "
          f"compute /refund {c_ms:.2f} ms, explain /refund {e_ms:.2f} ms; "
          f"batch per return {a / n * 1e6:.2f} us ({c_ms * 1000 / (a / n * 1e6):,.0f}x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
