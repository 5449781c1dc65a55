"""Cross-check against PSLmodels Tax-Calculator on 10,000 random in-scope households per year.

Tax-Calculator computes with exact formulas; the engine uses the IRS Tax Table and EIC Table,
which evaluate the same formulas at the midpoint of $25/$50 rows and round to whole dollars.
So the two may differ by at most (rate x half a row) + 50 cents, and every tolerance below is
that bound for the quantity compared. Where Tax-Calculator 6.8 and the law differ
(docs/reference/tax-calculator-oracle.md), the oracle is corrected by a policy reform, or its
value is overridden, and each such place cites the law.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from civiccx.taxengine.batch import compute_table, document_to_row, rows_to_table
from civiccx.taxengine.params import load

from .households import random_households, taxcalc_frame

# Slow: building 10,000 households per year and running Tax-Calculator on them takes ~15 s.
pytestmark = [pytest.mark.pure, pytest.mark.slow]

N = 10_000
YEARS = (2023, 2024)

# Corrections to Tax-Calculator 6.8 defaults (array order: single, MFJ, MFS, HoH, QSS).
LAW = {
    # Rev. Proc. 2022-38, 'Standard Deduction': unmarried aged/blind $1,850 (taxcalc $1,800);
    # a surviving spouse gets the married amount, IRC 63(f)(1)-(3) (taxcalc: unmarried).
    "STD_Aged": {2023: [1850, 1500, 1500, 1850, 1500], 2024: [1950, 1550, 1550, 1950, 1550]},
    # IRC 24(b)(2): $400,000 only for a joint return; QSS $200,000 (taxcalc: $400,000).
    "CTC_ps": {2023: [200000, 400000, 200000, 200000, 200000]},
    # Rev. Proc. 2022-38, 'Tax Rate Tables': the 2023 37% MFS bracket starts at $346,875.
    "II_brk6": {2023: [578125, 693750, 346875, 578100, 693750]},
    # Random take-up off (docs/reference/tax-calculator-oracle.md).
    "eitc_claim_prob_scale": {2023: 9e99}, "actc_claim_prob_scale": {2023: 9e99},
}


def _taxcalc(frame, year):
    os.environ.setdefault("NOTAXCALCJIT", "1")
    import taxcalc as tc

    rec = tc.Records(data=frame, start_year=year, gfactors=None, weights=None,
                     adjust_ratios=None, exact_calculations=True)
    pol = tc.Policy()
    pol.implement_reform(LAW)
    calc = tc.Calculator(policy=pol, records=rec, verbose=False)
    calc.advance_to_year(year)
    calc.calc_all()
    return {v: calc.array(v) for v in ("c04800", "taxbc", "c07220", "odc", "c11070", "eitc",
                                       "c00100", "c02500", "ptax_amc", "niit")}


@pytest.fixture(scope="module", params=YEARS)
def both(request):
    """Both engines on the same households. Knocked-out households are compared on the knockout
    alone (test_knockouts_are_where_taxcalc_adds_a_tax); the rest on every number."""
    year = request.param
    docs = random_households(N, year)
    table = rows_to_table(document_to_row(d) for d in docs)
    ours = compute_table(table)
    cols = {**table.to_pydict(), **ours.to_pydict()}
    theirs = _taxcalc(taxcalc_frame(docs, cols, year), year)
    ok = np.asarray(cols["status"]) == "ok"
    ours_d = {k: np.asarray(cols[k], dtype=float)[ok] / 100 for k in
              ("agi", "taxable_income", "tax", "ctc_nonrefundable", "actc", "eitc",
               "taxable_social_security", "n_eitc_children", "n_ctc_children")}
    ours_d["n_eitc"] = np.asarray(cols["n_eitc_children"])[ok]
    ours_d["mfs"] = (np.asarray(cols["filing_status"]) == "married_filing_separately")[ok]
    ours_d["joint"] = (np.asarray(cols["filing_status"]) == "married_filing_jointly")[ok]
    ours_d["earned"] = np.asarray(cols["wages"], dtype=float)[ok] / 100
    adult_relative = np.array([d["filingStatus"] == "head_of_household" and any(
        x["relationship"] in ("son", "sister", "grandparent")
        and year - int(x["dateOfBirth"][:4]) >= 19 for x in d["dependents"]) for d in docs])
    knockout = {"code": np.asarray(cols["knockout"]), "adult_relative": adult_relative,
                "max_w2": np.asarray(cols["max_w2_medicare_wages"]) / 100,
                "ptax_amc": theirs["ptax_amc"], "niit": theirs["niit"]}
    theirs = {k: v[ok] for k, v in theirs.items()}
    return year, ours_d, theirs, knockout


def test_knockouts_are_where_taxcalc_adds_a_tax(both):
    """Every household the engine refuses owes a tax Direct File does not compute, and every
    household Tax-Calculator charges Additional Medicare Tax (Form 8959 Part I, IRC 3101(b)(2))
    or the net investment income tax (Form 8960, IRC 1411) is refused. One case is the engine's
    alone: a W-2 with more than $200,000 of Medicare wages on a joint return under $250,000
    owes no Additional Medicare Tax, but the employer withheld it (IRC 3102(f)(1)) and Form
    8959 Part V settles that, so Direct File sends it elsewhere too."""
    _, _, _, ko = both
    code = ko["code"]
    assert set(code) <= {"", "additional-medicare-tax", "additional-medicare-tax-withheld",
                         "net-investment-income-tax"}
    owes = (ko["ptax_amc"] > 0) | (ko["niit"] > 0)
    withheld = ko["max_w2"] > 200_000
    assert ((code != "") == (owes | withheld)).all()
    assert (code != "").sum() > N // 100 and owes.sum() > N // 100   # not vacuous
    # Heads of household whose qualifying person is an adult relative (Pub. 501 Table 4) are
    # in scope, and every number below is compared for them as for everyone else.
    assert ko["adult_relative"].sum() > N // 50
    assert (code[ko["adult_relative"]] == "").mean() > 0.9
    amt = code == "additional-medicare-tax"
    assert (ko["ptax_amc"][amt] > 0).all()
    assert (ko["ptax_amc"][code == "net-investment-income-tax"] == 0).all()
    assert (ko["niit"][code == "net-investment-income-tax"] > 0).all()


def _report(name, ours, theirs, tol):
    diff = np.abs(ours - theirs)
    bad = np.nonzero(diff > tol + 1e-6)[0]
    assert bad.size == 0, (f"{name}: {bad.size} households differ beyond tolerance; first "
                           f"{bad[:5].tolist()} ours={ours[bad[:5]]} taxcalc={theirs[bad[:5]]}")


def test_agi_and_taxable_income_agree_to_the_cent(both):
    # Same inputs and exact arithmetic on both sides: no table involved yet.
    _, ours, tc, _ = both
    _report("AGI", ours["agi"], tc["c00100"], 0.01)
    _report("taxable Social Security", ours["taxable_social_security"], tc["c02500"], 0.01)
    _report("taxable income", ours["taxable_income"], tc["c04800"], 0.01)


def test_tax_within_tax_table_rounding(both):
    """Below $100,000 the Tax Table uses the row midpoint: at most half a $50 row (or $25 row
    under $3,000) at the marginal rate, 24% at most under $100,000, plus 50 cents of rounding:
    $6.50. At $100,000 and above both compute the exact formula: 1 cent."""
    _, ours, tc, _ = both
    tol = np.where(ours["taxable_income"] < 100_000, 0.24 * 25 + 0.5, 0.01)
    _report("tax", ours["tax"], tc["taxbc"], tol)


def _eitc_tol(ours, year):
    """EIC Table: the credit at the midpoint of a $50 row, rounded to the dollar, so at most
    (phase-in rate x $25) + $0.50 from the exact formula. The two rows that reach the plateau
    (holding the earned income amount or the phase-out threshold) show the maximum for the
    whole row, up to (phase-in rate x $50) away; phase-out rates are lower than phase-in rates,
    so that bound covers both. In the phase-out, Tax-Calculator starts from the rounded
    maximum credit, the law and the 2023 EIC Table from credit rate x earned income amount
    (IRC 32(a)(2)(A): $599.76 and $7,429.50 in 2023), which adds up to that difference."""
    p = load(year)
    n = np.minimum(ours["n_eitc"], 3)
    start_gap = (np.array(p.eitc_max)[n] - np.array(p.eitc_phaseout_base)[n]) / 100
    rate = np.array(p.eitc_phasein_bp)[n] / 10_000
    joint = ours["joint"]
    earned_amount = np.array(p.eitc_earned_amount)[n] / 100
    threshold = np.where(joint, np.array(p.eitc_threshold_joint)[n],
                         np.array(p.eitc_threshold)[n]) / 100
    plateau_row = np.zeros(len(n), dtype=bool)
    for amount in (ours["earned"], ours["agi"]):
        row = amount // 50 * 50
        plateau_row |= (row == earned_amount // 50 * 50) | (row == threshold // 50 * 50)
    return np.where(plateau_row, rate * 50, rate * 25) + 0.5 + start_gap


def test_eitc_within_eic_table_rounding(both):
    year, ours, tc, _ = both
    # Law over oracle: married filing separately gets the EIC only with a qualifying child
    # (IRC 32(d)(2); Pub. 596 Rule 3); taxcalc 6.8 also pays childless MFS filers.
    oracle = np.where(ours["mfs"] & (ours["n_eitc"] == 0), 0.0, tc["eitc"])
    _report("EITC", ours["eitc"], oracle, _eitc_tol(ours, year))
    assert (ours["eitc"] > 0).sum() > N // 10   # the check is not vacuous


def test_ctc_odc_and_actc_within_table_rounding(both):
    """Schedule 8812 line 14 is min(line 12, tax), so it inherits the tax tolerance ($6.50).
    Taxcalc splits line 14 into CTC and ODC differently, so the sum is compared. ACTC (line 27)
    starts from line 12 - line 14, so it inherits the same $6.50; with three or more children
    Part II-B subtracts the EIC, adding the EIC tolerance."""
    year, ours, tc, _ = both
    _report("CTC+ODC (line 19)", ours["ctc_nonrefundable"], tc["c07220"] + tc["odc"], 6.5)
    tol = 6.5 + np.where(ours["n_ctc_children"] >= 3, _eitc_tol(ours, year), 0)
    _report("ACTC", ours["actc"], tc["c11070"], tol)
    assert (ours["actc"] > 0).sum() > N // 20
    assert (ours["ctc_nonrefundable"] > 0).sum() > N // 10
