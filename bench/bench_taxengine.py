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

from civiccx.taxengine.batch import (  # noqa: E402
    DEPENDENT_FIELDS,
    SCHEMA,
    compute_table,
)

STATUSES = np.array(["single", "married_filing_jointly", "married_filing_separately",
                     "head_of_household", "qualifying_surviving_spouse"])


def households(n: int, year: int, seed: int = 1) -> pa.Table:
    """n in-scope households as a batch table (the columnar return form), drawn with numpy."""
    rng = np.random.default_rng(seed)
    status = rng.choice(5, n, p=[0.40, 0.33, 0.05, 0.17, 0.05])
    joint = status == 1
    age = rng.integers(20, 86, n)
    kids = rng.choice(5, n, p=[0.45, 0.22, 0.2, 0.09, 0.04])
    kids = np.where(status >= 3, np.maximum(kids, 1), kids)
    wages = np.where(rng.random(n) < 0.08, 0, rng.lognormal(10.4, 0.9, n).astype(np.int64))
    wages = np.minimum(wages, 400_000) * 100
    ss = np.where(age >= 62, rng.integers(2_000, 45_000, n), 0) * 100
    cols = {
        "tax_year": np.full(n, year, np.int16), "filing_status": STATUSES[status],
        "primary_age": age, "primary_blind": rng.random(n) < 0.03,
        "primary_dependent": np.zeros(n, bool), "primary_ssn_valid": np.ones(n, bool),
        "primary_educator": rng.random(n) < 0.04,
        "primary_educator_expenses": rng.integers(0, 600, n) * 100,
        "spouse_age": np.where(joint, np.clip(age + rng.integers(-8, 9, n), 18, 90), 0),
        "spouse_blind": joint & (rng.random(n) < 0.03), "spouse_dependent": np.zeros(n, bool),
        "spouse_ssn_valid": np.ones(n, bool), "spouse_educator": np.zeros(n, bool),
        "spouse_educator_expenses": np.zeros(n, np.int64),
        "wages": wages, "payroll_tax": wages * 765 // 10_000,
        "medicare_wages": wages, "max_w2_medicare_wages": wages,
        "primary_ss_tax": np.minimum(wages, 16_860_000) * 62 // 1_000,
        "spouse_ss_tax": np.zeros(n, np.int64), "primary_w2_count": (wages > 0).astype(np.int16),
        "spouse_w2_count": np.zeros(n, np.int16),
        "withholding_w2": wages * rng.integers(0, 15, n) // 100, "withholding_1099": np.zeros(n),
        "taxable_interest": np.where(rng.random(n) < 0.3, rng.integers(1, 1_501, n), 0) * 100,
        "tax_exempt_interest": np.where(rng.random(n) < 0.04, rng.integers(1, 15_000, n), 0) * 100,
        "ss_benefits": ss,
        "unemployment": np.where(rng.random(n) < 0.08, rng.integers(500, 15_000, n), 0) * 100,
        "student_loan_interest": np.where(rng.random(n) < 0.1, rng.integers(50, 3_500, n),
                                          0) * 100,
        "lived_with_spouse": np.zeros(n, bool), "lived_apart_last_6_months": status == 2,
        "lived_in_us": np.ones(n, bool), "paid_over_half_home": np.ones(n, bool),
        "spouse_death_year": np.where(status == 4, year - 1, 0),
        "out_of_scope": np.full(n, ""),
    }
    total = int(kids.sum())
    dep = {
        "age": rng.integers(0, 19, total), "relationship": np.full(total, "daughter"),
        "months": np.full(total, 12), "student": np.zeros(total, bool),
        "disabled": np.zeros(total, bool), "joint_return": np.zeros(total, bool),
        "self_support": np.zeros(total, bool), "filer_support": np.ones(total, bool),
        "gross_income": np.zeros(total, np.int64), "citizen": np.ones(total, bool),
        "tin_kind": np.full(total, "ssn"), "ssn_valid": np.ones(total, bool),
        "parent_home": np.zeros(total, bool),
    }
    struct = pa.StructArray.from_arrays(
        [pa.array(dep[k], type=t) for k, t in DEPENDENT_FIELDS.items()],
        fields=[pa.field(k, t) for k, t in DEPENDENT_FIELDS.items()])
    offsets = pa.array(np.concatenate([[0], np.cumsum(kids)]).astype(np.int32))
    arrays = [pa.array(cols[f.name], type=f.type) for f in SCHEMA if f.name != "dependents"]
    arrays.append(pa.ListArray.from_arrays(offsets, struct))
    return pa.Table.from_arrays(arrays, schema=SCHEMA)


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
