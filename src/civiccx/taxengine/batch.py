"""Vectorized path: the same rules as the fact graph, on numpy columns of millions of returns.

Integer cents and basis points throughout, with the graph's exact rounding, so every record
matches the graph to the cent (tests/taxengine/test_batch_equivalence.py proves it with
hypothesis). Input is a columnar table (Parquet); dependents are a list<struct> column.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from civiccx.taxengine.catalogue import CATALOGUE, flagged
from civiccx.taxengine.facts import tin_kind
from civiccx.taxengine.money import BP, cents
from civiccx.taxengine.params import FILING_STATUSES, YearParams, load
from civiccx.taxengine.rules.answers import RELATIONSHIP
from civiccx.taxengine.rules.dependents import QUALIFYING_RELATIVE_RELATIONSHIPS
from civiccx.taxengine.rules.filing_status import (
    QSS_CHILD_RELATIONSHIPS,
    QUALIFYING_CHILD_RELATIONSHIPS,
    age_at_end_of_year,
)

SINGLE, MFJ, MFS, HOH, QSS = range(5)
RELATIONSHIPS = RELATIONSHIP.options
TIN_KINDS = ("ssn", "itin", "atin")

RETURN_COLUMNS = {
    "tax_year": pa.int16(), "filing_status": pa.string(),
    "primary_age": pa.int16(), "primary_blind": pa.bool_(), "primary_dependent": pa.bool_(),
    "primary_ssn_valid": pa.bool_(), "primary_educator": pa.bool_(),
    "primary_educator_expenses": pa.int64(),
    "spouse_age": pa.int16(), "spouse_blind": pa.bool_(), "spouse_dependent": pa.bool_(),
    "spouse_ssn_valid": pa.bool_(), "spouse_educator": pa.bool_(),
    "spouse_educator_expenses": pa.int64(),
    "wages": pa.int64(), "payroll_tax": pa.int64(), "withholding_w2": pa.int64(),
    "medicare_wages": pa.int64(), "max_w2_medicare_wages": pa.int64(),
    "primary_ss_tax": pa.int64(), "spouse_ss_tax": pa.int64(),
    "primary_w2_count": pa.int16(), "spouse_w2_count": pa.int16(),
    "withholding_1099": pa.int64(), "taxable_interest": pa.int64(),
    "tax_exempt_interest": pa.int64(), "ss_benefits": pa.int64(), "unemployment": pa.int64(),
    "student_loan_interest": pa.int64(), "lived_with_spouse": pa.bool_(),
    "lived_apart_last_6_months": pa.bool_(), "lived_in_us": pa.bool_(),
    "paid_over_half_home": pa.bool_(), "spouse_death_year": pa.int16(),
    "out_of_scope": pa.string(),
}
DEPENDENT_FIELDS = {
    "age": pa.int16(), "relationship": pa.string(), "months": pa.int8(), "student": pa.bool_(),
    "disabled": pa.bool_(), "joint_return": pa.bool_(), "self_support": pa.bool_(),
    "filer_support": pa.bool_(), "gross_income": pa.int64(), "citizen": pa.bool_(),
    "tin_kind": pa.string(), "ssn_valid": pa.bool_(), "parent_home": pa.bool_(),
}
SCHEMA = pa.schema([*(pa.field(k, t) for k, t in RETURN_COLUMNS.items()),
                    pa.field("dependents", pa.list_(pa.struct(
                        [pa.field(k, t) for k, t in DEPENDENT_FIELDS.items()])))])
OUTPUT_COLUMNS = (
    "total_income", "taxable_social_security", "educator_deduction", "student_loan_deduction",
    "adjustments", "agi", "standard_deduction",
    "taxable_income", "tax", "ctc_nonrefundable", "actc", "eitc", "total_tax", "total_payments",
    "refund", "amount_owed", "n_ctc_children", "n_other_dependents", "n_eitc_children",
)


class BatchInputError(ValueError):
    """A columnar input that cannot be computed; the message names the column."""


# --- documents -> rows (the columnar form of a return document) ----------------------------
def document_to_row(doc: dict, year: int | None = None) -> dict:
    """Flatten a valid return document into one batch row (amounts in cents, ages at year end)."""
    y = year or doc["taxYear"]
    pf = doc["primaryFiler"]
    sf = doc.get("secondaryFiler") or {}
    joint = doc["filingStatus"] == "married_filing_jointly"

    def money(obj, key):
        return cents(obj.get(key) or 0)

    def filer(f, prefix, present):
        age = age_at_end_of_year(_date(f["dateOfBirth"]), y) if present else 0
        kind = tin_kind(f["tin"]) if present else "ssn"
        return {
            f"{prefix}_age": age, f"{prefix}_blind": bool(f.get("isBlind", False)),
            f"{prefix}_dependent": bool(f.get("canBeClaimedAsDependent", False)),
            f"{prefix}_ssn_valid": kind == "ssn" and bool(f.get("ssnValidForEmployment", True)),
            f"{prefix}_educator": bool(f.get("isEligibleEducator", False)),
            f"{prefix}_educator_expenses": money(f, "educatorExpenses"),
        }

    w2s = doc.get("formW2s", [])
    box5 = [money(w, "medicareWages" if w.get("medicareWages") is not None else "wages")
            for w in w2s]  # box 5 left out is taken as box 1, as the loader does

    def by_filer(who, key):
        return [money(w, key) for w in w2s if w.get("filer", "primary") == who]
    row = {"tax_year": y, "filing_status": doc["filingStatus"],
           **filer(pf, "primary", True), **filer(sf, "spouse", joint)}
    if not joint:
        row.update({"spouse_blind": False, "spouse_dependent": False, "spouse_educator": False,
                    "spouse_educator_expenses": 0})
    row.update({
        "wages": sum(money(w, "wages") for w in w2s),
        "payroll_tax": sum(money(w, "socialSecurityTax") + money(w, "medicareTax") for w in w2s),
        "withholding_w2": sum(money(w, "federalWithholding") for w in w2s),
        "medicare_wages": sum(box5), "max_w2_medicare_wages": max(box5, default=0),
        "primary_ss_tax": sum(by_filer("primary", "socialSecurityTax")),
        "spouse_ss_tax": sum(by_filer("secondary", "socialSecurityTax")),
        "primary_w2_count": len(by_filer("primary", "wages")),
        "spouse_w2_count": len(by_filer("secondary", "wages")),
        "withholding_1099": sum(money(f, "federalWithholding") for k in
                                ("formsSsa1099", "forms1099G", "forms1099Int")
                                for f in doc.get(k, [])),
        "taxable_interest": sum(money(f, "interest") for f in doc.get("forms1099Int", [])),
        "tax_exempt_interest": sum(money(f, "taxExemptInterest")
                                   for f in doc.get("forms1099Int", [])),
        "ss_benefits": sum(money(f, "netBenefits") for f in doc.get("formsSsa1099", [])),
        "unemployment": sum(money(f, "unemployment") for f in doc.get("forms1099G", [])),
        "student_loan_interest": money(doc, "studentLoanInterestPaid"),
        "lived_with_spouse": bool(doc.get("livedWithSpouseAnyTimeInYear", False)),
        "lived_apart_last_6_months": bool(doc.get("livedApartFromSpouseLast6Months", False)),
        "lived_in_us": bool(doc.get("livedInUsOverHalfYear", True)),
        "paid_over_half_home": bool(doc.get("paidOverHalfCostOfHome", False)),
        "spouse_death_year": int(doc.get("spouseDeathYear", 0) or 0),
        "out_of_scope": next((r.code for r in CATALOGUE.knockouts
                              if r.doc_key and flagged(doc.get(r.doc_key))), ""),
    })
    row["dependents"] = [{
        "age": age_at_end_of_year(_date(d["dateOfBirth"]), y),
        "relationship": d["relationship"], "months": d["monthsLivedWithFiler"],
        "student": bool(d.get("fullTimeStudent", False)),
        "disabled": bool(d.get("permanentlyDisabled", False)),
        "joint_return": bool(d.get("filesJointReturn", False)),
        "self_support": bool(d.get("providedOverHalfOwnSupport", False)),
        "filer_support": bool(d.get("filerProvidedOverHalfSupport", True)),
        "gross_income": money(d, "grossIncome"),
        "citizen": bool(d.get("usCitizenOrResident", True)),
        "tin_kind": tin_kind(d["tin"]), "ssn_valid": bool(d.get("ssnValidForEmployment", True)),
        "parent_home": bool(d.get("paidOverHalfCostOfParentsHome", False)),
    } for d in doc.get("dependents", [])]
    return row


def _date(v):
    import datetime as dt

    return v if isinstance(v, dt.date) else dt.date.fromisoformat(v)


def rows_to_table(rows: Iterable[dict]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=SCHEMA)


# --- vectorized rules --------------------------------------------------------------------
def _col(table: pa.Table, name: str, dtype) -> np.ndarray:
    if name not in table.column_names:
        raise BatchInputError(f"column {name!r} is missing")
    col = table.column(name)
    if col.null_count:
        raise BatchInputError(f"column {name!r} has {col.null_count} empty values")
    arr = col.to_numpy(zero_copy_only=False).astype(dtype, copy=False)
    if dtype is np.int64 and name not in ("spouse_death_year",) and (arr < 0).any():
        raise BatchInputError(f"column {name!r} has negative amounts")
    return arr


def _bracket_tax_bp(x: np.ndarray, th: np.ndarray, rates: np.ndarray) -> np.ndarray:
    """Exact bracket tax (cents·bp); th is (n, k) thresholds per row, rates (k+1,)."""
    total = np.zeros_like(x)
    lower = np.zeros_like(x)
    for k in range(len(rates)):
        upper = th[:, k] if k < th.shape[1] else None
        top = x if upper is None else np.minimum(x, upper)
        total += np.maximum(top - lower, 0) * rates[k]
        if upper is not None:
            lower = upper
    return total


_KEY = np.int64(1) << 40  # above any amount in cents here: status * _KEY + amount sorts by status


def _bracket_tax_by_status_bp(x: np.ndarray, status: np.ndarray, th: np.ndarray,
                              rates: np.ndarray) -> np.ndarray:
    """The same exact bracket tax (cents·bp) for x >= 0, th (statuses, k) thresholds: each
    row's bracket found by one binary search (thresholds keyed by status), then the tax at
    the bracket's floor plus the rate on the rest. Equal to `_bracket_tax_bp` to the unit."""
    statuses, k = th.shape
    floors = np.concatenate([np.zeros((statuses, 1), np.int64), th], axis=1)  # (s, k+1)
    widths = np.diff(floors, axis=1)  # (s, k)
    at_floor = np.concatenate([np.zeros((statuses, 1), np.int64),
                               np.cumsum(widths * rates[:k], axis=1)], axis=1)
    keys = (np.arange(statuses, dtype=np.int64)[:, None] * _KEY + th).ravel()
    bracket = np.searchsorted(keys, status * _KEY + x, side="left") - status * k
    cell = status * (k + 1) + bracket
    return at_floor.ravel()[cell] + (x - floors.ravel()[cell]) * rates[bracket]


def tax_from_table_v(ti: np.ndarray, status: np.ndarray, p: YearParams) -> np.ndarray:
    th = np.array([p.bracket_thresholds[s] for s in FILING_STATUSES], dtype=np.int64)
    rates = np.array(p.bracket_rates_bp, dtype=np.int64)
    status = np.asarray(status, dtype=np.int64)
    ti = np.maximum(ti, 0)
    width = np.where(ti < 300_000, 2500, 5000)
    lo = ti // width * width
    hi = lo + width
    lo = np.where(ti < 2500, np.where(ti < 500, 0, np.where(ti < 1500, 500, 1500)), lo)
    hi = np.where(ti < 2500, np.where(ti < 500, 500, np.where(ti < 1500, 1500, 2500)), hi)
    unit = 2 * 100 * BP
    table = (_bracket_tax_by_status_bp(lo + hi, status, 2 * th, rates) + unit // 2) \
        // unit * 100
    exact = (_bracket_tax_by_status_bp(ti, status, th, rates) + BP // 2) // BP
    return np.where(ti < p.tax_table_limit, table, exact)


def eic_from_table_v(amount: np.ndarray, n: np.ndarray, joint: np.ndarray, p: YearParams
                     ) -> np.ndarray:
    def pick(seq):
        return np.array(seq, dtype=np.int64)[n]

    completed = np.where(joint, pick(p.eitc_completed_joint), pick(p.eitc_completed))
    threshold = np.where(joint, pick(p.eitc_threshold_joint), pick(p.eitc_threshold))
    lo = amount // 5000 * 5000
    mid2 = np.where(amount < 5000, 5000, lo + np.minimum(lo + 5000, completed))
    phase_in = mid2 * pick(p.eitc_phasein_bp)
    cap = 2 * pick(p.eitc_max) * BP
    base = 2 * pick(p.eitc_phaseout_base) * BP
    phase_out = base - np.maximum(0, mid2 - 2 * threshold) * pick(p.eitc_phaseout_bp)
    doubled = np.maximum(0, np.minimum(np.minimum(phase_in, cap), phase_out))
    unit = 2 * 100 * BP
    credit = (doubled + unit // 2) // unit * 100
    hi = np.where(amount < 5000, 5000, np.minimum(lo + 5000, completed))
    credit = np.where((hi > pick(p.eitc_earned_amount)) & (np.maximum(lo, 100) < threshold),
                      pick(p.eitc_max), credit)
    return np.where((amount < 100) | (amount >= completed), 0, credit)


def _rate(x: np.ndarray, bp: int) -> np.ndarray:
    return (x * bp + BP // 2) // BP


def _dependents(table: pa.Table, n: int, status, p_age, s_age, p_dep, s_dep, paid_home,
                p: YearParams):
    """Per-return counts of CTC children, other dependents, EIC children, HoH/QSS qualifiers."""
    deps = table.column("dependents")
    if deps.null_count:
        deps = pc.fill_null(deps, pa.scalar([], type=deps.type))
    deps = deps.combine_chunks() if isinstance(deps, pa.ChunkedArray) else deps
    lengths = pc.list_value_length(deps).to_numpy(zero_copy_only=False).astype(np.int64)
    parent = np.repeat(np.arange(n), lengths)
    flat = pc.list_flatten(deps)
    zeros = np.zeros(n, dtype=np.int64)
    if len(flat) == 0:
        return zeros, zeros, zeros, zeros.astype(bool), zeros.astype(bool)

    def f(name, dtype=bool):
        col = pc.struct_field(flat, name)
        if col.null_count:
            raise BatchInputError(f"dependents.{name} has empty values")
        return col.to_numpy(zero_copy_only=False).astype(dtype, copy=False)

    rel_idx = {r: i for i, r in enumerate(RELATIONSHIPS)}
    rel_str = pc.struct_field(flat, "relationship")
    rel = pc.index_in(rel_str, value_set=pa.array(RELATIONSHIPS)).to_numpy(zero_copy_only=False)
    if np.isnan(rel.astype(float)).any():
        raise BatchInputError("dependents.relationship has an unknown relationship")
    rel = rel.astype(np.int64)
    kind = pc.index_in(pc.struct_field(flat, "tin_kind"), value_set=pa.array(TIN_KINDS))
    kind = kind.to_numpy(zero_copy_only=False)
    if np.isnan(kind.astype(float)).any():
        raise BatchInputError("dependents.tin_kind must be ssn, itin or atin")
    kind = kind.astype(np.int64)
    age = f("age", np.int64)
    months = f("months", np.int64)
    qc_rel = np.isin(rel, [rel_idx[r] for r in QUALIFYING_CHILD_RELATIONSHIPS])
    qr_rel = np.isin(rel, [rel_idx[r] for r in QUALIFYING_RELATIVE_RELATIONSHIPS])
    joint = (status == MFJ)[parent]
    filer_age = np.where(joint, np.maximum(p_age, s_age)[parent], p_age[parent])
    age_ok = f("disabled") | ((age < filer_age) & ((age < 19) | ((age < 24) & f("student"))))
    core = qc_rel & (months >= 7) & age_ok & ~f("joint_return")
    qc = core & ~f("self_support")
    household = (rel == rel_idx["other_household_member"]) & (months == 12)
    qr = ~qc & (qr_rel | household) & (f("gross_income", np.int64) < p.qr_gross_income_limit) \
        & f("filer_support")
    filer_is_dep = p_dep[parent] | (joint & s_dep[parent])
    meets = f("citizen") & ~f("joint_return") & (qc | qr)  # IRC 152(b)(2), 152(b)(3)
    dep = ~filer_is_dep & meets
    ssn_ok = (kind == 0) & f("ssn_valid")
    ctc = dep & qc & (age < p.ctc_age_under) & ssn_ok
    odc = dep & ~ctc
    eic = core & ssn_ok
    # Head of household qualifying person (Pub. 501 Table 4; rules/filing_status.py).
    home = paid_home[parent] & (months >= 7)
    is_parent = rel == rel_idx["parent"]
    hoh = np.where(qc, meets & paid_home[parent],
                   qr & dep & (rel != rel_idx["other_household_member"])
                   & (home | (is_parent & f("parent_home"))))
    qss = np.isin(rel, [rel_idx[r] for r in QSS_CHILD_RELATIONSHIPS]) & (months == 12) & dep

    def count(mask):
        return np.bincount(parent[mask], minlength=n).astype(np.int64, copy=False)

    return count(ctc), count(odc), count(eic), count(hoh) > 0, count(qss) > 0


def compute_table(table: pa.Table, year: int | None = None) -> pa.Table:
    """Compute every row of a columnar table; returns the output columns plus status."""
    out, ok, knockout = compute_arrays(table, year)
    cols = {k: pa.array(out[k]) for k in OUTPUT_COLUMNS}
    cols["status"] = pc.if_else(pa.array(ok), "ok", "knockout")
    cols["knockout"] = knockout
    return pa.table(cols)


def compute_arrays(table: pa.Table, year: int | None = None
                   ) -> tuple[dict[str, np.ndarray], np.ndarray, pa.Array]:
    """The rows of a columnar table computed, as numpy columns (OUTPUT_COLUMNS, int64), a
    mask of the rows computed (not knocked out) and the knockout codes ("" if none). No
    Python object per row, so large tables stay in numpy and Arrow (and release the GIL)."""
    n = table.num_rows
    if "tax_year" in table.column_names and table.column("tax_year").null_count == 0:
        years = _col(table, "tax_year", np.int64)
    elif year is not None:
        years = np.full(n, year, dtype=np.int64)
    else:
        raise BatchInputError("column 'tax_year' is missing (or pass --year)")
    bad = ~np.isin(years, (2023, 2024))
    if bad.any():
        raise BatchInputError(f"column 'tax_year' has unsupported year {int(years[bad][0])}")
    present = np.unique(years)
    if len(present) <= 1:
        res, ok, codes = _compute_year(table, load(int(present[0]) if n else 2024))
        return {k: res[k] for k in OUTPUT_COLUMNS}, ok, codes
    out = {name: np.zeros(n, dtype=np.int64) for name in OUTPUT_COLUMNS}
    ok_out = np.zeros(n, dtype=bool)
    order, parts = [], []
    for y in present:
        idx = np.nonzero(years == y)[0]
        res, ok, codes = _compute_year(table.take(pa.array(idx)), load(int(y)))
        for k in OUTPUT_COLUMNS:
            out[k][idx] = res[k]
        ok_out[idx] = ok
        order.append(idx)
        parts.append(codes)
    back = np.empty(n, dtype=np.int64)
    back[np.concatenate(order)] = np.arange(n)
    return out, ok_out, pa.concat_arrays(parts).take(pa.array(back))


def _compute_year(t: pa.Table, p: YearParams):
    n = t.num_rows
    fs = t.column("filing_status") if "filing_status" in t.column_names else None
    if fs is None:
        raise BatchInputError("column 'filing_status' is missing")
    status = pc.index_in(fs, value_set=pa.array(FILING_STATUSES)).to_numpy(zero_copy_only=False)
    if np.isnan(status.astype(float)).any():
        raise BatchInputError("column 'filing_status' has an unknown filing status")
    status = status.astype(np.int64)
    i64 = np.int64
    joint = status == MFJ
    p_age, s_age = _col(t, "primary_age", i64), _col(t, "spouse_age", i64)
    p_dep, s_dep = _col(t, "primary_dependent", bool), _col(t, "spouse_dependent", bool)
    wages = _col(t, "wages", i64)
    tint, teint = _col(t, "taxable_interest", i64), _col(t, "tax_exempt_interest", i64)
    ss, ui = _col(t, "ss_benefits", i64), _col(t, "unemployment", i64)

    paid = _col(t, "paid_over_half_home", bool)
    n_ctc, n_odc, n_eic, hoh_person, qss_child = _dependents(
        t, n, status, p_age, s_age, p_dep, s_dep, paid, p)

    # Schedule 1 line 11: educator expenses.
    educ = np.where(_col(t, "primary_educator", bool),
                    np.minimum(_col(t, "primary_educator_expenses", i64), p.educator_max), 0)
    educ += np.where(joint & _col(t, "spouse_educator", bool),
                     np.minimum(_col(t, "spouse_educator_expenses", i64), p.educator_max), 0)

    # Social Security Benefits Worksheet.
    lived = (status == MFS) & _col(t, "lived_with_spouse", bool)
    l2 = _rate(ss, 5000)
    l5 = l2 + wages + tint + ui + teint
    l7 = np.maximum(l5 - educ, 0)
    l17 = _rate(ss, 8500)
    base = np.where(joint, p.ss_base_joint, p.ss_base_other)
    l9 = np.maximum(l7 - base, 0)
    tier = np.where(joint, p.ss_tier_joint, p.ss_tier_other)
    l11 = np.maximum(l9 - tier, 0)
    l14 = np.minimum(l2, _rate(np.minimum(l9, tier), 5000))
    l16 = np.where(lived, _rate(l7, 8500), l14 + _rate(l11, 8500))
    taxable_ss = np.where((ss == 0) | (l7 == 0), 0, np.minimum(l16, l17))
    total_income = wages + tint + taxable_ss + ui

    # Student Loan Interest Deduction Worksheet.
    sli1 = np.minimum(_col(t, "student_loan_interest", i64), p.sli_max)
    sli_ok = (status != MFS) & ~p_dep & ~(joint & s_dep)
    l6 = np.maximum(total_income - educ - np.where(joint, p.sli_start_joint, p.sli_start_other), 0)
    span = np.where(joint, p.sli_range_joint, p.sli_range_other)
    thousandths = np.minimum(1000, (l6 * 2000 + span) // (2 * span))
    sli = np.where(sli_ok, sli1 - (sli1 * thousandths + 500) // 1000, 0)
    adjustments = educ + sli
    agi = total_income - adjustments

    # Standard deduction.
    basic = np.array([p.standard_deduction[s] for s in FILING_STATUSES], dtype=i64)[status]
    is_dep = p_dep | (joint & s_dep)
    basic = np.where(is_dep, np.minimum(basic, np.maximum(p.dependent_minimum,
                                                          wages + p.dependent_earned_addition)),
                     basic)
    boxes = (p_age >= 65).astype(i64) + _col(t, "primary_blind", bool)
    boxes = boxes + np.where(joint, (s_age >= 65).astype(i64) + _col(t, "spouse_blind", bool), 0)
    unmarried = (status == SINGLE) | (status == HOH)
    std = basic + boxes * np.where(unmarried, p.additional_unmarried, p.additional_married)
    ti = np.maximum(agi - std, 0)
    tax = tax_from_table_v(ti, status, p)

    # EIC.
    inv = tint + teint
    p_ssn, s_ssn = _col(t, "primary_ssn_valid", bool), _col(t, "spouse_ssn_valid", bool)
    lo_age, hi_age = p.eitc_min_age, p.eitc_max_age
    age_ok = ((p_age >= lo_age) & (p_age <= hi_age)) | (joint & (s_age >= lo_age)
                                                        & (s_age <= hi_age))
    mfs_ok = (status != MFS) | ((n_eic > 0) & _col(t, "lived_apart_last_6_months", bool))
    no_child_ok = (n_eic > 0) | (age_ok & _col(t, "lived_in_us", bool))
    eligible = (wages > 0) & (inv <= p.eitc_investment_limit) & p_ssn & (~joint | s_ssn) \
        & ~p_dep & ~(joint & s_dep) & mfs_ok & no_child_ok
    k = np.minimum(n_eic, 3)
    line2 = eic_from_table_v(wages, k, joint, p)
    thr = np.where(joint, np.array(p.eitc_threshold_joint)[k], np.array(p.eitc_threshold)[k])
    thr = -(-thr // 5000) * 5000
    line5 = eic_from_table_v(np.maximum(agi, 0), k, joint, p)
    use_agi = ~((agi == wages) | (agi < thr))
    eitc = np.where(eligible, np.where(use_agi, np.minimum(line2, line5), line2), 0)

    # Schedule 8812.
    l8 = n_ctc * p.ctc_per_child + n_odc * p.odc_per_dependent
    excess = np.maximum(agi - np.where(joint, p.ctc_threshold_joint, p.ctc_threshold_other), 0)
    step = p.ctc_phaseout_step
    l12 = np.maximum(l8 - _rate(-(-excess // step) * step, p.ctc_phaseout_rate_bp), 0)
    l14 = np.minimum(l12, tax)
    l16b = n_ctc * p.actc_per_child
    l17 = np.minimum(l12 - l14, l16b)
    l20 = _rate(np.maximum(wages - p.actc_earned_threshold, 0), p.actc_rate_bp)
    l25 = np.maximum(_col(t, "payroll_tax", i64) - eitc, 0)
    actc = np.where(l16b < p.actc_three_child_cap, np.minimum(l17, l20),
                    np.where(l20 >= l17, l17, np.minimum(l17, np.maximum(l20, l25))))
    actc = np.where((n_ctc == 0) | (l12 - l14 == 0), 0, actc)

    total_tax = np.maximum(tax - l14, 0)
    payments = _col(t, "withholding_w2", i64) + _col(t, "withholding_1099", i64) + eitc + actc

    # Knockouts: the graph's own checks (rules/scope.py), in catalogue order.
    death = _col(t, "spouse_death_year", i64)
    allowed_qss = paid & qss_child & np.isin(death, (p.year - 1, p.year - 2))
    amt_threshold = np.array([p.additional_medicare_threshold[s] for s in FILING_STATUSES])
    niit_threshold = np.array([p.niit_threshold[s] for s in FILING_STATUSES])

    def excess_ss(tax, count):
        return (_col(t, count, i64) > 1) & (_col(t, tax, i64) > p.ss_tax_max)

    if "out_of_scope" in t.column_names:
        doc_ko = pc.fill_null(t.column("out_of_scope"), "")
        doc_ko = doc_ko.combine_chunks() if isinstance(doc_ko, pa.ChunkedArray) else doc_ko
    else:
        doc_ko = pa.array([""] * n, pa.string())
    when = {
        "head-of-household": (status == HOH) & ~hoh_person,
        "qualifying-surviving-spouse": (status == QSS) & ~allowed_qss,
        "interest-over-limit": tint > p.taxable_interest_limit,
        "additional-medicare-tax": _col(t, "medicare_wages", i64) > amt_threshold[status],
        "additional-medicare-tax-withheld":
            _col(t, "max_w2_medicare_wages", i64) > p.additional_medicare_withholding_threshold,
        "net-investment-income-tax": (tint > 0) & (agi > niit_threshold[status]),
        "excess-social-security-tax": excess_ss("primary_ss_tax", "primary_w2_count")
        | (joint & excess_ss("spouse_ss_tax", "spouse_w2_count")),
        "form-8615": p_dep & (tint + ui + taxable_ss > p.form_8615_threshold) & (p_age < 24),
    }
    # The first knockout in catalogue order, as an index into `rule_codes` (0: none); a
    # knockout the document itself reports comes before them all.
    rules = [r.code for r in CATALOGUE.knockouts if not r.doc_key]
    rule_codes = pa.array(["", *rules], pa.string())
    first = np.zeros(n, dtype=np.int8)
    for i in range(len(rules), 0, -1):
        first = np.where(when[rules[i - 1]], np.int8(i), first)
    from_doc = pc.not_equal(doc_ko, "")
    codes = pc.if_else(from_doc, doc_ko, rule_codes.take(pa.array(first)))
    ko = (first > 0) | from_doc.to_numpy(zero_copy_only=False)
    res = {
        "total_income": total_income, "taxable_social_security": taxable_ss,
        "educator_deduction": educ, "student_loan_deduction": sli,
        "adjustments": adjustments, "agi": agi, "standard_deduction": std,
        "taxable_income": ti, "tax": tax, "ctc_nonrefundable": l14, "actc": actc, "eitc": eitc,
        "total_tax": total_tax, "total_payments": payments,
        "refund": np.maximum(payments - total_tax, 0),
        "amount_owed": np.maximum(total_tax - payments, 0),
        "n_ctc_children": n_ctc, "n_other_dependents": n_odc, "n_eitc_children": n_eic,
    }
    if ko.any():
        for v in res.values():  # every one a fresh array of this computation
            np.putmask(v, ko, 0)
    return res, ~ko, codes


# --- files -------------------------------------------------------------------------------
def run_batch_file(src: str, dst: str, year: int | None = None, use_dask: bool = False,
                   chunk_rows: int = 250_000, progress: bool = True) -> int:
    """Parquet in, Parquet out, in row-group chunks (bounded memory) with a progress bar."""
    if use_dask:
        return run_dask(src, dst, year)
    pf = pq.ParquetFile(src)
    total = pf.metadata.num_rows
    writer = None
    done = 0
    bar = _progress(progress)
    with bar:
        task = bar.add_task("computing returns", total=total)
        for batch in pf.iter_batches(batch_size=chunk_rows):
            result = compute_table(pa.Table.from_batches([batch]), year)
            if writer is None:
                writer = pq.ParquetWriter(dst, result.schema)
            writer.write_table(result)
            done += batch.num_rows
            bar.update(task, completed=done)
    if writer is None:
        pq.write_table(compute_table(pa.Table.from_pylist([], schema=SCHEMA), year), dst)
    else:
        writer.close()
    return done


def _progress(enabled: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    return Progress("[progress.description]{task.description}", BarColumn(),
                    MofNCompleteColumn(), TimeRemainingColumn(), disable=not enabled)


def run_dask(src: str, dst: str, year: int | None = None) -> int:
    """One Dask task per Parquet row group; each writes its own part file under ``dst``.

    Parts never pass through the client, so the same task graph runs on a laptop (threads) or
    on a distributed cluster whose workers share the storage; ``dst`` becomes a directory of
    ``part-NNNNN.parquet`` files that Parquet readers treat as one dataset."""
    import dask
    from dask import delayed

    out_dir = Path(dst)
    out_dir.mkdir(parents=True, exist_ok=True)
    groups = pq.ParquetFile(src).num_row_groups

    @delayed
    def part(i: int) -> int:
        table = compute_table(pq.ParquetFile(src).read_row_group(i), year)
        pq.write_table(table, out_dir / f"part-{i:05d}.parquet")
        return table.num_rows

    if groups == 0:
        pq.write_table(compute_table(pa.Table.from_pylist([], schema=SCHEMA), year),
                       out_dir / "part-00000.parquet")
        return 0
    return sum(dask.compute(*[part(i) for i in range(groups)]))
