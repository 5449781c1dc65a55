"""Edge cases at each phase-in, plateau and phase-out, and at each limit the rules name."""

from __future__ import annotations

import pytest

from civiccx.taxengine import compute
from civiccx.taxengine.params import load

from .factories import child, make_return

pytestmark = pytest.mark.pure

YEARS = [2023, 2024]


def value(doc, path):
    o = compute(doc)
    assert not o.knocked_out, o.knockouts
    return o.value(path)


def eic(year, wages, kids=0, status="single", **kw):
    deps = [child(f"{year - 5}-06-01") for _ in range(kids)]
    if status == "married_filing_jointly":
        kw.setdefault("spouse", {})
    return value(make_return(year=year, status=status, wages=wages, dependents=deps,
                             paidOverHalfCostOfHome=True, **kw), "/earnedIncomeCredit")


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("kids", [0, 1, 2, 3])
def test_eitc_phase_in_plateau_phase_out(year, kids):
    """IRC 32(a)-(b) via the EIC Table; amounts from Rev. Proc. 2022-38 / 2023-34."""
    p = load(year)
    status = "single" if kids == 0 else "head_of_household"
    earned_amount = p.eitc_earned_amount[kids] // 100
    threshold = p.eitc_threshold[kids] // 100
    completed = p.eitc_completed[kids] // 100
    phase_in = eic(year, earned_amount // 2, kids, status)
    assert 0 < phase_in < p.eitc_max[kids]
    assert eic(year, earned_amount + 50, kids, status) == p.eitc_max[kids]          # plateau
    assert eic(year, threshold // 50 * 50 - 1, kids, status) == p.eitc_max[kids]   # plateau end
    assert eic(year, threshold + 1_000, kids, status) < p.eitc_max[kids]            # phase-out
    assert eic(year, completed - 1, kids, status) <= 1_100                          # last row
    assert eic(year, completed, kids, status) == 0                                  # ended


@pytest.mark.parametrize("year", YEARS)
def test_eitc_joint_phase_out_is_later(year):
    p = load(year)
    single_end = p.eitc_completed[1] // 100
    assert eic(year, single_end, 1, "head_of_household") == 0
    assert eic(year, single_end, 1, "married_filing_jointly") > 0


@pytest.mark.parametrize("year", YEARS)
def test_investment_income_limit(year):
    """Pub. 596 Rule 6: investment income over $11,000 (2023) / $11,600 (2024) ends the EIC.
    Tax-exempt interest (1099-INT box 8) counts and is outside the $1,500 scope limit."""
    limit = load(year).eitc_investment_limit
    at = [{"interest": "1000", "taxExemptInterest": f"{(limit - 100_000) / 100:.2f}"}]
    over = [{"interest": "1000", "taxExemptInterest": f"{(limit - 100_000 + 1) / 100:.2f}"}]
    assert eic(year, 20_000, 1, "head_of_household", forms1099Int=at) > 0
    assert eic(year, 20_000, 1, "head_of_household", forms1099Int=over) == 0


@pytest.mark.parametrize("year", YEARS)
def test_eitc_without_children_age_25_to_64(year):
    """Pub. 596 Rule 11 (age at year end; born on January 1 counts as older)."""
    assert eic(year, 8_000, primary={"dateOfBirth": f"{year - 25}-12-31"}) > 0
    assert eic(year, 8_000, primary={"dateOfBirth": f"{year - 24}-01-02"}) == 0
    assert eic(year, 8_000, primary={"dateOfBirth": f"{year - 24}-01-01"}) > 0   # Jan 1 rule
    assert eic(year, 8_000, primary={"dateOfBirth": f"{year - 64}-06-01"}) > 0
    assert eic(year, 8_000, primary={"dateOfBirth": f"{year - 65}-06-01"}) == 0
    # Joint: either spouse in range is enough.
    assert eic(year, 8_000, 0, "married_filing_jointly",
               primary={"dateOfBirth": f"{year - 70}-06-01"},
               spouse={"dateOfBirth": f"{year - 30}-06-01"}) > 0


@pytest.mark.parametrize("year", YEARS)
def test_eitc_married_filing_separately_separated_spouse_rule(year):
    base = {"year": year, "status": "married_filing_separately", "wages": 15_000,
                "dependents": [child(f"{year - 5}-01-05")], "spouse": {}}
    assert value(make_return(**base), "/earnedIncomeCredit") == 0
    assert value(make_return(**base, livedApartFromSpouseLast6Months=True),
                 "/earnedIncomeCredit") > 0
    no_child = {**base, "dependents": []}
    assert value(make_return(**no_child, livedApartFromSpouseLast6Months=True),
                 "/earnedIncomeCredit") == 0


@pytest.mark.parametrize("year", YEARS)
def test_ctc_phase_out_steps(year):
    """Schedule 8812 lines 9-11: 5% of each $1,000 (or part) over $200,000 / $400,000 joint.

    Wages over $200,000 ($250,000 joint) owe Additional Medicare Tax and are knocked out, so
    the AGI past the threshold is made of $150,000 of wages plus unemployment compensation."""
    def s8812(status, agi, **kw):
        doc = make_return(year=year, status=status, wages=150_000, dependents=[child()],
                          forms1099G=[{"unemployment": str(agi - 150_000)}], **kw)
        return compute(doc).value("/schedule8812")

    assert s8812("single", 200_000)["11"] == 0
    assert s8812("single", 200_001)["11"] == 5_000          # one started $1,000 -> $50
    assert s8812("single", 201_000)["11"] == 5_000
    assert s8812("single", 201_001)["11"] == 10_000
    assert s8812("married_filing_jointly", 400_000)["11"] == 0
    assert s8812("married_filing_jointly", 400_001)["11"] == 5_000
    # A qualifying surviving spouse uses $200,000 (IRC 24(b)(2); taxcalc uses $400,000).
    assert s8812("qualifying_surviving_spouse", 200_001, spouseDeathYear=year - 1)["11"] == 5_000
    assert s8812("single", 240_000)["12"] == 0              # fully phased out for one child


@pytest.mark.parametrize("year", YEARS)
def test_actc_earned_income_threshold_and_cap(year):
    p = load(year)

    def actc(wages, kids=1):
        deps = [child(f"{year - 3 - i}-05-05") for i in range(kids)]
        return value(make_return(year=year, status="head_of_household", wages=wages,
                                 dependents=deps), "/additionalChildTaxCredit")

    assert actc(2_500) == 0
    assert actc(2_600) == 1_500                        # 15% x $100
    assert actc(15_000) == p.actc_per_child            # capped at $1,600 / $1,700 per child
    # Three children, low wages: Part II-B (withheld payroll taxes) may beat 15% of earnings.
    doc = make_return(year=year, status="head_of_household", wages=6_000,
                      dependents=[child(f"{year - 3 - i}-05-05") for i in range(3)])
    doc["formW2s"][0].update(socialSecurityTax="372", medicareTax="87")
    s = compute(doc).value("/schedule8812")
    assert "21" in s and s["27"] == min(s["17"], max(s["20"], s["25"]))


@pytest.mark.parametrize("year", YEARS)
def test_dependent_standard_deduction(year):
    """Standard Deduction Worksheet for Dependents: greater of $1,250 / $1,300 or earned income
    + $400 / $450, but not more than the regular amount."""
    p = load(year)

    def std(wages):
        return value(make_return(year=year, wages=wages, primary={
            "canBeClaimedAsDependent": True, "dateOfBirth": f"{year - 17}-03-03"}),
            "/standardDeduction")

    assert std(0) == p.dependent_minimum
    assert std(500) == max(p.dependent_minimum, 50_000 + p.dependent_earned_addition)
    assert std(5_000) == 500_000 + p.dependent_earned_addition
    assert std(50_000) == p.standard_deduction["single"]


@pytest.mark.parametrize("year", YEARS)
def test_additional_standard_deduction(year):
    p = load(year)
    old_blind = {"dateOfBirth": f"{year - 70}-06-01", "isBlind": True}
    assert value(make_return(year=year, wages=1, primary=old_blind), "/standardDeduction") == \
        p.standard_deduction["single"] + 2 * p.additional_unmarried
    # Qualifying surviving spouse gets the married amount (IRC 63(f)(1); taxcalc differs).
    assert value(make_return(year=year, status="qualifying_surviving_spouse", wages=1,
                             spouseDeathYear=year - 1, primary=old_blind,
                             dependents=[child(f"{year - 4}-01-09")]),
                 "/standardDeduction") == \
        p.standard_deduction["qualifying_surviving_spouse"] + 2 * p.additional_married
    # Born on January 2 of (year - 64) is not 65 at year end; January 1 is.
    assert value(make_return(year=year, wages=1,
                             primary={"dateOfBirth": f"{year - 64}-01-01"}),
                 "/standardDeduction") == p.standard_deduction["single"] + p.additional_unmarried
    assert value(make_return(year=year, wages=1,
                             primary={"dateOfBirth": f"{year - 64}-01-02"}),
                 "/standardDeduction") == p.standard_deduction["single"]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(("status", "base"), [("single", 25_000),
                                              ("married_filing_jointly", 32_000),
                                              ("head_of_household", 25_000)])
def test_social_security_base_amounts(year, status, base):
    """IRC 86(c): nothing taxable until half the benefits plus other income pass the base."""
    def taxable(other):
        doc = make_return(year=year, status=status, wages=other,
                          formsSsa1099=[{"netBenefits": "20000"}],
                          dependents=[child()] if status == "head_of_household" else [])
        return value(doc, "/taxableSocialSecurity")

    assert taxable(base - 10_000) == 0
    assert taxable(base - 10_000 + 1) == 50        # half of the first $1 over
    assert taxable(200_000) == 1_700_000            # capped at 85% of benefits


@pytest.mark.parametrize("year", YEARS)
def test_social_security_mfs_lived_with_spouse_base_zero(year):
    doc = make_return(year=year, status="married_filing_separately", wages=1_000,
                      formsSsa1099=[{"netBenefits": "10000"}], livedWithSpouseAnyTimeInYear=True)
    # Line 7 = 5,000 + 1,000 = 6,000; 85% = 5,100 (line 16); line 17 = 8,500.
    assert value(doc, "/taxableSocialSecurity") == 510_000
    doc["livedWithSpouseAnyTimeInYear"] = False
    assert value(doc, "/taxableSocialSecurity") == 0


@pytest.mark.parametrize("year", YEARS)
def test_student_loan_interest_and_educator_limits(year):
    p = load(year)
    start = p.sli_start_other // 100
    doc = make_return(year=year, wages=start, studentLoanInterestPaid="4000",
                      primary={"isEligibleEducator": True, "educatorExpenses": "450"})
    # Educator: $300 cap; SLI: $2,500 cap, MAGI = wages - educator < start -> full amount.
    assert value(doc, "/educatorExpenseDeduction") == 30_000
    assert value(doc, "/studentLoanInterestDeduction") == 250_000
    doc["formW2s"][0]["wages"] = str(start + 7_800)   # MAGI 7,500 over: ratio 0.500
    assert value(doc, "/studentLoanInterestDeduction") == 125_000
    doc["formW2s"][0]["wages"] = str(start + 20_000)
    assert value(doc, "/studentLoanInterestDeduction") == 0
    mfs = make_return(year=year, status="married_filing_separately", wages=30_000,
                      studentLoanInterestPaid="1000")
    assert value(mfs, "/studentLoanInterestDeduction") == 0


@pytest.mark.parametrize("year", YEARS)
def test_dependent_tests(year):
    """IRC 152: age, residency, support; CTC needs under 17 and an SSN valid for employment."""
    def counts(dep, **kw):
        o = compute(make_return(year=year, status="head_of_household", wages=30_000,
                                dependents=[dep, child(f"{year - 2}-02-02")], **kw))
        g = o.graph
        return (g.value("/numberOfCtcChildren") - 1, g.value("/numberOfOtherDependents"),
                g.value("/numberOfEitcChildren") - 1)

    assert counts(child(f"{year - 16}-12-31")) == (1, 0, 1)        # 16 at year end: CTC
    assert counts(child(f"{year - 17}-06-01")) == (0, 1, 1)        # 17: ODC, still EIC
    # 20 and not a student: not a qualifying child, but a qualifying relative (ODC) unless
    # their gross income reaches the $4,700 / $5,050 limit.
    assert counts(child(f"{year - 20}-06-01")) == (0, 1, 0)
    assert counts(child(f"{year - 20}-06-01", grossIncome="9000")) == (0, 0, 0)
    assert counts(child(f"{year - 20}-06-01", fullTimeStudent=True)) == (0, 1, 1)
    assert counts(child(f"{year - 30}-06-01", permanentlyDisabled=True)) == (0, 1, 1)
    assert counts(child(monthsLivedWithFiler=6, grossIncome="9000")) == (0, 0, 0)  # residency
    assert counts(child(tin="912-70-1234")) == (0, 1, 0)           # ITIN: ODC only
    assert counts(child(f"{year - 20}-06-01", relationship="parent",
                        monthsLivedWithFiler=0)) == (0, 1, 0)      # qualifying relative
    assert counts(child(f"{year - 70}-06-01", relationship="parent",
                        grossIncome="6000")) == (0, 0, 0)          # over gross income limit
