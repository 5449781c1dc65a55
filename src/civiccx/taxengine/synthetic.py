"""Synthetic in-scope households as a batch table (the columnar return form), drawn with numpy:
for benchmarks and for simulating a filing season (`directfile.season_scale`). Seeded, so a
seed always draws the same households."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from civiccx.taxengine.batch import DEPENDENT_FIELDS, SCHEMA

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
