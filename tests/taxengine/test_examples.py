"""Hand-worked returns, both years, every filing status.

Each case is worked line by line in its comment from the Form 1040 instructions (Tax Table,
Standard Deduction Chart, EIC Worksheet A and EIC Table, Schedule 8812) and Pub. 596 (EIC
rules); the engine must reproduce every line.
"""

from __future__ import annotations

import pytest

from civiccx.taxengine import compute

from .factories import child, make_return

pytestmark = pytest.mark.pure


def lines(doc):
    o = compute(doc)
    assert not o.knocked_out, o.knockouts
    return {k: int(v.split(".")[0]) for k, v in o.document()["form1040"].items()}


CASES = [
    # 2024 single, $30,000 wages, $2,000 withheld. Std. deduction $14,600 (Rev. Proc. 2023-34)
    # -> taxable $15,400 -> Tax Table row 15,400-15,450: 1,160 + 12% x 3,825 = 1,619.
    # No EIC: $30,000 is past the $18,591 completed phase-out (no children). Refund 381.
    ({"year": 2024, "status": "single", "wages": 30_000, "withholding": 2_000},
     {"11": 30_000, "12": 14_600, "15": 15_400, "16": 1_619, "19": 0, "27": 0, "28": 0,
      "34": 381, "37": 0}),
    # 2024 MFJ, $60,000, two children 9 and 6, $1,500 withheld. Std. $29,200 -> taxable 30,800
    # -> row 30,800-30,850: 2,320 + 12% x 7,625 = 3,235. Sch. 8812: 2 x 2,000 = 4,000, line 14 =
    # tax 3,235; line 16a 765 <= 2 x 1,700, 15% x 57,500 = 8,625 -> ACTC 765. EIC Table, 2 kids
    # joint, row 60,000-60,050: 6,960 - 21.06% x (60,025 - 29,640) = 560.92 -> 561.
    ({"year": 2024, "status": "married_filing_jointly", "wages": 60_000, "withholding": 1_500,
          "dependents": [child("2015-05-05"), child("2018-08-08", "daughter")]},
     {"15": 30_800, "16": 3_235, "19": 3_235, "24": 0, "27": 561, "28": 765, "33": 2_826,
      "34": 2_826}),
    # 2024 head of household, $40,000, one child 10, $3,000 withheld. Std. $21,900 -> 18,100 ->
    # row mid 18,125: 1,655 + 12% x 1,575 = 1,844. CTC line 14 = 1,844; ACTC = 2,000 - 1,844 =
    # 156. EIC 1 child: 4,213 - 15.98% x (40,025 - 22,720) = 1,447.66 -> 1,448.
    ({"year": 2024, "status": "head_of_household", "wages": 40_000, "withholding": 3_000,
          "dependents": [child("2014-02-02")]},
     {"12": 21_900, "16": 1_844, "19": 1_844, "28": 156, "27": 1_448, "34": 4_604}),
    # 2024 married filing separately, $50,000, lived with spouse, $5,000 withheld. Std. $14,600
    # -> 35,400 -> mid 35,425: 1,160 + 12% x 23,825 = 4,019. No EIC (Pub. 596 Rule 3).
    ({"year": 2024, "status": "married_filing_separately", "wages": 50_000, "withholding": 5_000,
          "livedWithSpouseAnyTimeInYear": True},
     {"16": 4_019, "27": 0, "24": 4_019, "34": 981}),
    # 2024 qualifying surviving spouse (spouse died 2023), child 5, $45,000, $1,000 withheld.
    # Std. $29,200 -> 15,800 -> joint brackets, mid 15,825 x 10% = 1,582.50 -> 1,583. CTC 1,583,
    # ACTC 417. EIC uses the non-joint column: 4,213 - 15.98% x (45,025 - 22,720) = 648.66 ->
    # 649. Refund 1,000 + 649 + 417 = 2,066.
    ({"year": 2024, "status": "qualifying_surviving_spouse", "wages": 45_000, "withholding": 1_000,
          "spouseDeathYear": 2023, "dependents": [child("2019-03-03", "daughter")]},
     {"12": 29_200, "16": 1_583, "19": 1_583, "28": 417, "27": 649, "34": 2_066}),
    # 2023 single, $30,000, $2,000 withheld. Std. $13,850 (Rev. Proc. 2022-38) -> 16,150 ->
    # mid 16,175: 1,100 + 12% x 5,175 = 1,721. Refund 279.
    ({"year": 2023, "status": "single", "wages": 30_000, "withholding": 2_000},
     {"12": 13_850, "15": 16_150, "16": 1_721, "27": 0, "34": 279}),
    # 2023 MFJ, $60,000, two children, $1,500 withheld. Std. 27,700 -> 32,300 -> mid 32,325:
    # 2,200 + 12% x 10,325 = 3,439. CTC 3,439, ACTC 4,000 - 3,439 = 561 (<= 2 x 1,600). EIC: 0,
    # $60,000 is past the $59,478 joint completed phase-out for two children.
    ({"year": 2023, "status": "married_filing_jointly", "wages": 60_000, "withholding": 1_500,
          "dependents": [child("2015-05-05"), child("2018-08-08", "daughter")]},
     {"16": 3_439, "19": 3_439, "28": 561, "27": 0, "34": 2_061}),
    # 2023 head of household, $40,000, one child, $3,000 withheld. Std. 20,800 -> 19,200 ->
    # mid 19,225: 1,570 + 12% x 3,525 = 1,993. ACTC 7. EIC: 3,995 - 15.98% x 18,465 = 1,044.29.
    ({"year": 2023, "status": "head_of_household", "wages": 40_000, "withholding": 3_000,
          "dependents": [child("2013-02-02")]},
     {"12": 20_800, "16": 1_993, "19": 1_993, "28": 7, "27": 1_044, "34": 4_051}),
    # 2023 married filing separately, $50,000. 13,850 -> 36,150 -> mid 36,175:
    # 1,100 + 12% x 25,175 = 4,121.
    ({"year": 2023, "status": "married_filing_separately", "wages": 50_000, "withholding": 5_000},
     {"16": 4_121, "34": 879}),
    # 2023 qualifying surviving spouse (spouse died 2022), child 5, $45,000. 27,700 -> 17,300 ->
    # 17,325 x 10% = 1,732.50 -> 1,733; ACTC 267; EIC 3,995 - 15.98% x 23,465 = 245.29 -> 245.
    ({"year": 2023, "status": "qualifying_surviving_spouse", "wages": 45_000, "withholding": 1_000,
          "spouseDeathYear": 2022, "dependents": [child("2018-03-03", "daughter")]},
     {"16": 1_733, "19": 1_733, "28": 267, "27": 245, "34": 1_512}),
]


@pytest.mark.parametrize(("kwargs", "expected"), CASES,
                         ids=[f"{c[0]['year']}-{c[0]['status']}" for c in CASES])
def test_hand_worked_return(kwargs, expected):
    got = lines(make_return(**kwargs))
    assert {k: got[k] for k in expected} == expected


def test_social_security_worksheet_example():
    """2024 single, SSA-1099 box 5 $24,000, wages $20,000, interest $1,000. Worksheet: line 2
    12,000; line 3 21,000; line 5 = line 7 = 33,000; line 8 25,000; line 9 8,000; line 10 9,000;
    line 11 0; line 13 = 4,000; line 16 4,000; line 17 20,400 -> taxable $4,000 (line 6b)."""
    doc = make_return(wages=20_000, formsSsa1099=[{"netBenefits": "24000"}],
                      forms1099Int=[{"interest": "1000"}], primary={"dateOfBirth": "1957-05-01"})
    o = compute(doc)
    ws = o.document()["socialSecurityWorksheet"]
    assert ws["9"] == "8000.00" and ws["13"] == "4000.00" and ws["18"] == "4000.00"
    assert o.document()["form1040"]["6b"] == "4000.00"
    # Age 67: standard deduction 14,600 + 1,950 (unmarried, 65 or older).
    assert o.document()["form1040"]["12"] == "16550.00"


def test_cents_are_exact():
    doc = make_return(wages="30000.10", withholding="1999.99")
    d = compute(doc).document()["form1040"]
    assert d["1a"] == "30000.10" and d["25a"] == "1999.99"
    assert d["15"] == "15400.10" and d["16"] == "1619.00" and d["34"] == "380.99"


def test_pub596_2024_example_2_cameron_and_jordan_grey():
    """Pub. 596 (2024), Example 2: married filing jointly, children 10 and 8, wages $15,000 and
    $18,030, interest $525. AGI $33,555; EIC Worksheet line 1 $33,030, line 2 $6,247 (EIC Table,
    2 children, joint), line 5 $6,131 (AGI row), line 6 and Form 1040 line 27: $6,131.
    The rest is worked from the 2024 instructions: taxable income 33,555 - 29,200 = 4,355 ->
    Tax Table row 4,350-4,400 -> $438 = line 19 (CTC limited to tax); ACTC = smaller of
    4,000 - 438 and 2 x 1,700 = $3,400 (15% of 30,530 is more)."""
    doc = make_return(year=2024, status="married_filing_jointly", wages=15_000,
                      dependents=[child("2014-03-01"), child("2016-03-01", "daughter")],
                      forms1099Int=[{"interest": "525"}])
    doc["formW2s"].append({"filer": "secondary", "wages": "18030"})
    o = compute(doc)
    d = o.document()
    assert d["form1040"]["11"] == "33555.00"
    assert d["eicWorksheetA"] == {"1": "33030.00", "2": "6247.00", "3": "33555.00",
                                  "5": "6131.00", "6": "6131.00"}
    assert d["form1040"]["16"] == "438.00" and d["form1040"]["19"] == "438.00"
    assert d["form1040"]["28"] == "3400.00" and d["form1040"]["27"] == "6131.00"


@pytest.mark.parametrize(("age", "blind", "interest", "wages", "std"), [
    # Pub. 17 (2024), chapter 10, Example 1: 16, single, claimed by parents, interest $780,
    # wages $150 -> Standard Deduction Worksheet for Dependents: 150 + 450 = 600 < 1,300 ->
    # $1,300.
    (16, False, "780", 150, 1_300),
    # Example 3: 18, blind, interest $1,300, wages $2,900 -> 2,900 + 450 = 3,350, plus $1,950
    # for blindness (line 7b) -> $5,300.
    (18, True, "1300", 2_900, 5_300),
])
def test_pub17_2024_dependent_standard_deduction_examples(age, blind, interest, wages, std):
    doc = make_return(year=2024, wages=wages, forms1099Int=[{"interest": interest}],
                      primary={"dateOfBirth": f"{2024 - age}-06-15", "isBlind": blind,
                               "canBeClaimedAsDependent": True})
    assert lines(doc)["12"] == std


def test_pub17_2024_social_security_worksheet_examples():
    """Pub. 17 (2024), chapter 7, Examples 1 and 2 (Worksheet 1), through the same worksheet
    function the engine uses (their pension and IRA are outside Direct File's scope, so the
    other income and adjustments are given directly)."""
    from civiccx.taxengine.params import load
    from civiccx.taxengine.rules.income import social_security_worksheet

    p = load(2024)
    # Example 1: single, benefits $5,980, other income $28,990 -> taxable $2,990.
    ws = social_security_worksheet(598_000, 2_899_000, 0, 0, "single", False, p)
    assert ws["9"] == 698_000 and ws["18"] == 299_000
    # Example 2 (Hopkins): joint, benefits $5,600, other income $29,750, adjustments $1,000 ->
    # 31,550 is not more than $32,000 -> none taxable.
    ws = social_security_worksheet(560_000, 2_975_000, 0, 100_000, "married_filing_jointly",
                                   False, p)
    assert ws["7"] == 3_155_000 and ws["18"] == 0


# --- TY2023 figures published by the IRS -------------------------------------------------
# The 2023 cases in CASES above are our own line-by-line arithmetic. The tests below hold
# figures printed in the 2023 publications themselves; each names the publication and place.


def test_2023_instructions_tax_table_example_on_a_full_return():
    """2023 Instructions for Form 1040, Tax Table example: a married couple filing jointly with
    taxable income of $25,300 (row $25,300-25,350) enter $2,599 on line 16. Wages of $53,000
    less the 2023 standard deduction of $27,700 give that taxable income."""
    doc = make_return(year=2023, status="married_filing_jointly", wages=53_000)
    got = lines(doc)
    assert (got["12"], got["15"], got["16"]) == (27_700, 25_300, 2_599)


@pytest.mark.parametrize(("status", "dependents", "wages", "eic"), [
    # 2023 EIC Table (Form 1040 instructions / Pub. 596 (2023)), row $9,950-10,000, single with
    # no qualifying child: $586. Wages are the only income, so EIC Worksheet A line 6 = line 2.
    ("single", 0, 9_975, 586),
    # Row $21,650-21,700, head of household with three qualifying children: $7,405.
    ("head_of_household", 3, 21_675, 7_405),
    # Row $28,150-28,200, married filing jointly with three children: $7,418.
    ("married_filing_jointly", 3, 28_175, 7_418),
])
def test_2023_eic_table_rows_on_full_returns(status, dependents, wages, eic):
    kids = [child(f"20{10 + i}-03-0{i + 1}") for i in range(dependents)]
    doc = make_return(year=2023, status=status, wages=wages, dependents=kids)
    assert lines(doc)["27"] == eic


@pytest.mark.parametrize(("tax_exempt", "eic"), [
    # Pub. 596 (2023), Rule 6: investment income must be $11,000 or less. Head of household,
    # one child, wages $20,000, taxable interest $1,000: EIC Table row $20,000-20,050 (one
    # child) shows $3,995; AGI $21,000 is under the $21,600 Worksheet A test, so line 6 = $3,995.
    (10_000, 3_995),   # investment income exactly $11,000: allowed
    (10_001, 0),       # $11,001: no credit
])
def test_pub596_2023_rule_6_investment_income_limit(tax_exempt, eic):
    doc = make_return(year=2023, status="head_of_household", wages=20_000,
                      dependents=[child("2016-04-04")],
                      forms1099Int=[{"interest": "1000", "taxExemptInterest": str(tax_exempt)}])
    assert lines(doc)["27"] == eic


def test_pub915_social_security_examples_with_2023_amounts():
    """Pub. 915, Example 1 (George White: single, benefits $5,980, other income $28,990 ->
    taxable $2,990) and Example 2 (Ray and Alice Hopkins: joint, benefits $5,600, other income
    $29,750, adjustments $1,000 -> none taxable). These figures are the same in every edition we
    could read (Pub. 915 (2001); Pub. 17 (2015 and 2024), chapter on Social Security); the 2023
    edition's text was not available to check. The base amounts ($25,000 / $32,000) are not
    indexed, so the 2023 parameters must give the same results."""
    from civiccx.taxengine.params import load
    from civiccx.taxengine.rules.income import social_security_worksheet

    p = load(2023)
    ws = social_security_worksheet(598_000, 2_899_000, 0, 0, "single", False, p)
    assert ws["9"] == 698_000 and ws["18"] == 299_000
    ws = social_security_worksheet(560_000, 2_975_000, 0, 100_000, "married_filing_jointly",
                                   False, p)
    assert ws["7"] == 3_155_000 and ws["18"] == 0
