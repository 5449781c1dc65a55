"""A whole filing season at IRS scale, outside the database: simulate it to Parquet, then
recompute every return with the vectorized batch engine and aggregate the season statistics,
one Parquet part per Dask task (streaming: a task holds one part, never the season).

    civiccx directfile season simulate --returns 71000000 --seed 1 OUT/
    civiccx directfile season compute OUT/ [--scheduler tcp://host:8786]

The simulated season is partitioned by week (`OUT/week=NN/part-PPPPP.parquet`), each part a
batch table (`taxengine.batch.SCHEMA`, drawn by `taxengine.synthetic.households`) plus the
season's own columns: `return_id`, `week`, `state`, `language` and `reject_code` (the e-file
rule a first submission failed, "" if none). Arrivals follow a filing season's shape: a first
peak in early February (refunds with the EITC and ACTC are released from mid-February) and a
second before the April deadline. Per-part statistics are sums of counts (numpy `bincount`
over small integer codes), so partial results add up in any order: on threads here, or on a
`distributed` cluster whose workers share the storage (`--scheduler`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from civiccx.taxengine.batch import SCHEMA, compute_arrays
from civiccx.taxengine.synthetic import STATUSES, households

# Weeks 1..16 of the filing year (week 1 starts January 1); e-filing opens in late January.
WEEK_SHARE = np.array([0, 0, 0, 0.035, 0.115, 0.125, 0.10, 0.075, 0.06, 0.05, 0.045, 0.045,
                       0.05, 0.06, 0.08, 0.08])
WEEK_SHARE = WEEK_SHARE / WEEK_SHARE.sum()
WEEKS = np.arange(1, len(WEEK_SHARE) + 1)
# Direct File's 2025 states (REFERENCE.md §3 lists the pilot's 12; the demo uses 25).
STATES = np.array(["AK", "AZ", "CA", "CT", "FL", "ID", "IL", "KS", "MA", "ME", "MD", "NC",
                   "NH", "NJ", "NM", "NV", "NY", "OR", "PA", "SD", "TN", "TX", "WA", "WI",
                   "WY"])
STATE_SHARE = np.array([1, 4, 20, 2, 12, 1, 6, 1, 4, 1, 3, 5, 1, 5, 1, 2, 11, 2, 6, 1, 3, 16,
                        4, 3, 1], float)
STATE_SHARE = STATE_SHARE / STATE_SHARE.sum()
REJECT_CODES = np.array(["", "IND-031-04", "IND-181-01", "IND-507-01", "R0000-503-02",
                         "IND-032-04", "IND-180-01"])
REJECT_SHARE = np.array([0.962, 0.018, 0.006, 0.005, 0.004, 0.003, 0.002])
LANGUAGES = np.array(["en", "es"])
PART_ROWS = 500_000


def _part_seed(seed: int, week: int, part: int) -> int:
    return (seed * 1_000_003 + week * 10_007 + part) % (2**32)


def season_part(n: int, tax_year: int, seed: int, week: int, part: int,
                first_id: int) -> pa.Table:
    """One part of the season: n returns received in `week`."""
    rng = np.random.default_rng(_part_seed(seed, week, part) + 7)
    table = households(n, tax_year, _part_seed(seed, week, part))
    educator = table.column("primary_educator").to_numpy(zero_copy_only=False)
    expenses = table.column("primary_educator_expenses").to_numpy()
    table = table.set_column(table.schema.get_field_index("primary_educator_expenses"),
                             "primary_educator_expenses", pa.array(np.where(educator, expenses,
                                                                            0)))
    extra = {
        "return_id": pa.array(np.arange(first_id, first_id + n, dtype=np.int64)),
        "week": pa.array(np.full(n, week, np.int16)),
        "state": pa.array(STATES[rng.choice(len(STATES), n, p=STATE_SHARE)]),
        "language": pa.array(LANGUAGES[(rng.random(n) < 0.08).astype(int)]),
        "reject_code": pa.array(REJECT_CODES[rng.choice(len(REJECT_CODES), n,
                                                        p=REJECT_SHARE)]),
    }
    for name, column in extra.items():
        table = table.append_column(name, column)
    return table


def plan(returns: int, seed: int, part_rows: int = PART_ROWS) -> list[tuple[int, int, int, int]]:
    """(week, part, rows, first return id) for every part of the season."""
    per_week = np.random.default_rng(seed).multinomial(returns, WEEK_SHARE)
    parts, next_id = [], 1
    for week, count in zip(WEEKS, per_week, strict=True):
        for part, start in enumerate(range(0, int(count), part_rows)):
            rows = min(part_rows, int(count) - start)
            parts.append((int(week), part, rows, next_id))
            next_id += rows
    return parts


def simulate(out: str | Path, returns: int, *, seed: int = 1, tax_year: int = 2024,
             part_rows: int = PART_ROWS,
             on_part: Callable[[int], None] | None = None) -> int:
    """Write a season of `returns` returns under `out`, partitioned by week. Returns rows."""
    out = Path(out)
    written = 0
    for week, part, rows, first_id in plan(returns, seed, part_rows):
        table = season_part(rows, tax_year, seed, week, part, first_id)
        folder = out / f"week={week:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, folder / f"part-{part:05d}.parquet", row_group_size=rows)
        written += rows
        if on_part:
            on_part(rows)
    (out / "_season.json").write_text(json.dumps({"returns": returns, "seed": seed,
                                                  "taxYear": tax_year}))
    return written


# --- the season's statistics -------------------------------------------------------------

N_WEEKS = len(WEEKS) + 1  # index = week number (0 unused)
COUNTS = ("received", "accepted", "rejected", "out_of_scope", "refunds", "refund_cents",
          "owing", "owed_cents")


@dataclass
class SeasonTotals:
    """Sums over returns, by week and by state (arrays indexed like WEEKS / STATES), and
    rejections by code. Two totals add into the totals of both."""

    weeks: np.ndarray = field(default_factory=lambda: np.zeros((N_WEEKS, len(COUNTS)),
                                                               np.int64))
    states: np.ndarray = field(default_factory=lambda: np.zeros((len(STATES), len(COUNTS)),
                                                                np.int64))
    reject_codes: np.ndarray = field(default_factory=lambda: np.zeros(len(REJECT_CODES),
                                                                      np.int64))
    filing_status: np.ndarray = field(default_factory=lambda: np.zeros(len(STATUSES),
                                                                       np.int64))

    def __add__(self, other: SeasonTotals) -> SeasonTotals:
        return SeasonTotals(self.weeks + other.weeks, self.states + other.states,
                            self.reject_codes + other.reject_codes,
                            self.filing_status + other.filing_status)

    def total(self, name: str) -> int:
        return int(self.weeks[:, COUNTS.index(name)].sum())

    @property
    def average_refund_cents(self) -> int | None:
        n = self.total("refunds")
        return round(self.total("refund_cents") / n) if n else None

    def as_dict(self) -> dict:
        return {"totals": {name: self.total(name) for name in COUNTS},
                "averageRefundCents": self.average_refund_cents,
                "weeks": {int(w): dict(zip(COUNTS, map(int, self.weeks[w]), strict=True))
                          for w in range(N_WEEKS) if self.weeks[w].any()},
                "states": {str(s): dict(zip(COUNTS, map(int, self.states[i]), strict=True))
                           for i, s in enumerate(STATES) if self.states[i].any()},
                "rejectCodes": {str(c): int(n) for c, n in zip(REJECT_CODES, self.reject_codes,
                                                               strict=True) if c and n},
                "filingStatus": {str(s): int(n) for s, n in zip(STATUSES, self.filing_status,
                                                                strict=True)}}


def _codes(values, vocabulary: np.ndarray, name: str) -> np.ndarray:
    """Each value's index in `vocabulary` (Arrow's hash lookup, no Python object per row)."""
    codes = pc.index_in(values, value_set=pa.array(vocabulary))
    if codes.null_count:
        raise ValueError(f"column {name!r} has a value outside {list(vocabulary)}")
    return codes.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)


# Each return's outcome, one code: what COUNTS needs beyond its amounts.
REFUND, OWING, EVEN, REJECTED, OUT_OF_SCOPE = range(5)
_OUTCOMES = np.array([  # COUNTS flags (cents columns filled from the amounts) per outcome
    [1, 1, 0, 0, 1, 0, 0, 0], [1, 1, 0, 0, 0, 0, 1, 0], [1, 1, 0, 0, 0, 0, 0, 0],
    [1, 0, 1, 0, 0, 0, 0, 0], [1, 0, 0, 1, 0, 0, 0, 0]], np.int64)


def outcomes(season: pa.Table, out: dict[str, np.ndarray], ok: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per return: its outcome code, its refund and its balance due in cents (0 unless the
    return was accepted). A return the engine computed is rejected if its first submission
    failed an e-file rule (`reject_code`), accepted otherwise."""
    rejected = ok & pc.not_equal(season.column("reject_code"), "").to_numpy(
        zero_copy_only=False)
    accepted = ok & ~rejected
    refund = np.where(accepted, out["refund"], 0)
    owed = np.where(accepted, out["amount_owed"], 0)
    code = np.where(refund > 0, REFUND, np.where(owed > 0, OWING, EVEN))
    code = np.where(ok, np.where(rejected, REJECTED, code), OUT_OF_SCOPE)
    return code, refund, owed


def measures(season: pa.Table, result: pa.Table) -> np.ndarray:
    """Per return, the COUNTS columns (0/1 flags and cents) from its season row and result."""
    out = {k: result.column(k).to_numpy() for k in ("refund", "amount_owed")}
    ok = np.asarray(result.column("status").to_numpy(zero_copy_only=False) == "ok")
    code, refund, owed = outcomes(season, out, ok)
    m = _OUTCOMES[code]
    m[:, COUNTS.index("refund_cents")] = refund
    m[:, COUNTS.index("owed_cents")] = owed
    return m


def _sums(group: np.ndarray, size: int, code: np.ndarray, refund: np.ndarray,
          owed: np.ndarray) -> np.ndarray:
    """COUNTS by group: one integer bincount over (group, outcome) cells for the counts, and
    two weighted ones for the cents (float64 sums, exact while a batch sums under 2**53
    cents: a batch of 131,072 refunds of $100,000 sums to 1.3e12)."""
    cells = np.bincount(group * len(_OUTCOMES) + code, minlength=size * len(_OUTCOMES))
    sums = cells.reshape(size, len(_OUTCOMES)) @ _OUTCOMES
    sums[:, COUNTS.index("refund_cents")] = _int_bincount(group, refund, size)
    sums[:, COUNTS.index("owed_cents")] = _int_bincount(group, owed, size)
    return sums


def totals_from(season: pa.Table, out: dict[str, np.ndarray], ok: np.ndarray) -> SeasonTotals:
    """The statistics of a batch of season rows and their computed results."""
    code, refund, owed = outcomes(season, out, ok)
    weeks = season.column("week").to_numpy().astype(np.int64)
    if len(weeks) and (weeks.min() < 0 or weeks.max() >= N_WEEKS):
        raise ValueError(f"column 'week' has a week outside 1..{N_WEEKS - 1}")
    states = _codes(season.column("state"), STATES, "state")
    t = SeasonTotals(_sums(weeks, N_WEEKS, code, refund, owed),
                     _sums(states, len(STATES), code, refund, owed))
    rejects = _codes(season.column("reject_code"), REJECT_CODES, "reject_code")
    t.reject_codes = np.bincount(rejects[code == REJECTED], minlength=len(REJECT_CODES))
    t.reject_codes[0] = 0
    t.filing_status = np.bincount(_codes(season.column("filing_status"), STATUSES,
                                         "filing_status"), minlength=len(STATUSES))
    return t


def totals_of(season: pa.Table, result: pa.Table) -> SeasonTotals:
    """The statistics of a season table and its `compute_table` result."""
    out = {k: result.column(k).to_numpy() for k in ("refund", "amount_owed")}
    ok = np.asarray(result.column("status").to_numpy(zero_copy_only=False) == "ok")
    return totals_from(season, out, ok)


def _int_bincount(codes: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Integer sums per code. bincount adds in float64, exact while a batch's sum stays under
    2**53 cents."""
    return np.rint(np.bincount(codes, weights=values.astype(np.float64),
                               minlength=size)).astype(np.int64)


def part_files(root: str | Path) -> list[str]:
    return sorted(str(p) for p in Path(root).glob("week=*/part-*.parquet"))


# What a part's computation reads: the batch engine's columns and the season's own.
COLUMNS = [*SCHEMA.names, "week", "state", "reject_code"]
BATCH_ROWS = 131_072  # a batch's columns stay in the CPU's cache between numpy steps


def compute_part(path: str, batch_rows: int = BATCH_ROWS) -> SeasonTotals:
    """Read one part in batches, recompute its returns with the batch engine, total them."""
    total = SeasonTotals()
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows, columns=COLUMNS,
                                                   use_threads=False):
        season = pa.Table.from_batches([batch])
        out, ok, _knockouts = compute_arrays(season)
        total = total + totals_from(season, out, ok)
    return total


def compute(root: str | Path, *, scheduler: str | None = None, client=None,
            on_part: Callable[[int], None] | None = None) -> tuple[SeasonTotals, int]:
    """The season's totals and how many returns were computed. One Dask task per part,
    summed as they finish; `scheduler` ("tcp://host:8786") or `client` runs the same tasks
    on a `distributed` cluster, otherwise Dask's local threads do."""
    files = part_files(root)
    if scheduler and client is None:
        from distributed import Client

        client = Client(scheduler)
    total, rows = SeasonTotals(), 0
    if client is not None:
        from distributed import as_completed

        futures = client.map(compute_part, files, pure=False)
        for future in as_completed(futures):
            part = future.result()
            total, rows = total + part, rows + part.total("received")
            future.release()
            if on_part:
                on_part(part.total("received"))
        return total, rows
    import dask
    from dask import delayed

    def part_then_report(path: str) -> SeasonTotals:
        part = compute_part(path)
        if on_part:
            on_part(part.total("received"))
        return part

    # One task per part on Dask's threads (one per core): the engine is numpy and Arrow on
    # batches, which release the GIL; a running task holds one batch, a finished one a few
    # small arrays, so memory stays one batch per thread however large the season.
    parts = dask.compute(*[delayed(part_then_report)(f) for f in files], scheduler="threads")
    for part in parts:
        total, rows = total + part, rows + part.total("received")
    return total, rows


# --- one simulated return as a return document (for the single-return engine) -------------

def _dollars(c: int) -> str:
    return f"{c // 100}.{c % 100:02d}"


def row_to_document(row: dict) -> dict:
    """A simulated row as the return document the single-return engine computes. Covers the
    columns the simulator draws (one W-2 for the primary filer, interest, Social Security,
    unemployment, student loan interest, educator expenses, children)."""
    year = int(row["tax_year"])
    status = row["filing_status"]
    rid = int(row["return_id"])

    def tin(k: int) -> str:  # distinct, well-formed, never a real SSN range
        n = rid * 10 + k
        return f"{400 + n % 99:03d}-{10 + n // 99 % 89:02d}-{1000 + n % 8999:04d}"

    def born(age: int) -> str:
        return f"{year - age}-07-01"

    primary = {"tin": tin(0), "dateOfBirth": born(row["primary_age"]),
               "isBlind": row["primary_blind"]}
    if row["primary_educator"]:
        primary.update(isEligibleEducator=True,
                       educatorExpenses=_dollars(row["primary_educator_expenses"]))
    doc = {"taxYear": year, "filingStatus": status, "primaryFiler": primary,
           "paidOverHalfCostOfHome": bool(row["paid_over_half_home"]),
           "livedWithSpouseAnyTimeInYear": bool(row["lived_with_spouse"]),
           "livedApartFromSpouseLast6Months": bool(row["lived_apart_last_6_months"]),
           "dependents": [{"tin": tin(2 + k), "dateOfBirth": born(d["age"]),
                           "relationship": d["relationship"], "monthsLivedWithFiler": d["months"]}
                          for k, d in enumerate(row["dependents"])],
           "formW2s": []}
    if status == "married_filing_jointly":
        doc["secondaryFiler"] = {"tin": tin(1), "dateOfBirth": born(row["spouse_age"]),
                                 "isBlind": row["spouse_blind"]}
    if row["spouse_death_year"]:
        doc["spouseDeathYear"] = int(row["spouse_death_year"])
    if row["wages"]:
        ss = row["primary_ss_tax"]
        doc["formW2s"].append({
            "filer": "primary", "wages": _dollars(row["wages"]),
            "federalWithholding": _dollars(row["withholding_w2"]),
            "socialSecurityWages": _dollars(min(row["wages"], ss * 1000 // 62)),
            "socialSecurityTax": _dollars(ss), "medicareWages": _dollars(row["medicare_wages"]),
            "medicareTax": _dollars(row["payroll_tax"] - ss)})
    if row["ss_benefits"]:
        doc["formsSsa1099"] = [{"netBenefits": _dollars(row["ss_benefits"])}]
    if row["unemployment"]:
        doc["forms1099G"] = [{"unemployment": _dollars(row["unemployment"])}]
    if row["taxable_interest"] or row["tax_exempt_interest"]:
        doc["forms1099Int"] = [{"interest": _dollars(row["taxable_interest"]),
                                "taxExemptInterest": _dollars(row["tax_exempt_interest"])}]
    if row["student_loan_interest"]:
        doc["studentLoanInterestPaid"] = _dollars(row["student_loan_interest"])
    return doc
