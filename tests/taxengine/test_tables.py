"""The Tax Table and EIC Table, computed by their published rules, against published rows."""

from __future__ import annotations

import dataclasses

import pytest

from civiccx.taxengine.params import load
from civiccx.taxengine.rules.eitc import eic_worksheet_a, worksheet_a_threshold
from civiccx.taxengine.tables import eic_from_table, tax_from_table

pytestmark = pytest.mark.pure


def dollars(c: int) -> int:
    assert c % 100 == 0
    return c // 100


@pytest.mark.parametrize(("year", "status", "income", "tax"), [
    # 2023 Form 1040 instructions, Tax Table example: taxable income $25,300, married filing
    # jointly -> $2,599 (row $25,300-25,350). The single column of the same row is $2,819.
    (2023, "married_filing_jointly", 25_300, 2_599),
    (2023, "single", 25_300, 2_819),
    (2023, "single", 25_349, 2_819),
    # 2024 instructions, the same example row: MFJ $2,575.
    (2024, "married_filing_jointly", 25_300, 2_575),
    # First rows of every Tax Table: $0-5 -> 0, $5-15 -> 1, $15-25 -> 2, $25-50 -> 4,
    # $50-75 -> 6, $75-100 -> 9 (rows $25 wide under $3,000).
    (2024, "single", 4, 0), (2024, "single", 5, 1), (2024, "single", 15, 2),
    (2024, "single", 25, 4), (2024, "single", 50, 6), (2024, "single", 75, 9),
    # $3,000 starts the $50 rows: $3,000-3,050 -> 10% of $3,025 = 302.50 -> 303.
    (2024, "single", 3_000, 303),
    # Hand check in REFERENCE.md: TY2024 single taxable $15,400 (exact formula 1,616);
    # the Tax Table row $15,400-15,450 gives $1,619.
    (2024, "single", 15_400, 1_619),
    # Head of household 2023 row $60,000-60,050: 1,570 + 5,298 + 22% of 175 = 6,906.50 -> 6,907.
    (2023, "head_of_household", 60_000, 6_907),
])
def test_tax_table_rows(year, status, income, tax):
    assert dollars(tax_from_table(income * 100, status, load(year))) == tax


@pytest.mark.parametrize(("year", "status", "income", "tax_cents"), [
    # Tax Computation Worksheet (2023, single, 24% bracket): $100,000 x 24% - $6,600.00
    # (subtraction amount) = $17,400.00.
    (2023, "single", 100_000, 1_740_000),
    # 2024 MFJ $150,000: x 22% - $4,002.00... exactly 2,320 + 8,532 + 22% x 55,700 = 23,106.
    (2024, "married_filing_jointly", 150_000, 2_310_600),
    # 2023 MFS 37% bracket starts at $346,875 (Rev. Proc. 2022-38; taxcalc differs).
    (2023, "married_filing_separately", 400_000, 11_295_700),
])
def test_tax_computation_worksheet(year, status, income, tax_cents):
    assert tax_from_table(income * 100, status, load(year)) == tax_cents


def test_tax_table_ends_below_100000():
    p = load(2024)
    # Row $99,950-100,000 (midpoint 99,975) vs the worksheet at exactly $100,000.
    assert tax_from_table(9_999_999, "single", p) % 100 == 0
    assert tax_from_table(10_000_000, "single", p) == 1_705_300  # 100,000 x 24% - 6,947


@pytest.mark.parametrize(("amount", "expected"), [
    # 2023 EIC Table first rows (Form 1040 instructions): $1-50 -> 2 / 9 / 10 / 11,
    # $50-100 -> 6 / 26 / 30 / 34.
    (1, (2, 9, 10, 11)), (49, (2, 9, 10, 11)), (50, (6, 26, 30, 34)), (99, (6, 26, 30, 34)),
    (0, (0, 0, 0, 0)),
])
def test_eic_table_first_rows(amount, expected):
    p = load(2023)
    got = tuple(dollars(eic_from_table(amount * 100, n, False, p)) for n in range(4))
    assert got == expected


def test_eic_table_midpoint_method_matches_pub596_2022_example():
    """Pub. 596 (2022), Example 2 (C and J Grey): MFJ, two children, AGI $26,500 -> EIC Table
    line 5 amount $6,108 (line 2 was $6,164, the maximum). 2022 parameters from Rev. Proc.
    2021-45: two children maximum $6,164, joint phase-out from $26,260 at 21.06%."""
    p22 = dataclasses.replace(
        load(2023),
        eitc_max=(560, 3733, 6164, 6935),
        eitc_phasein_bp=(765, 3400, 4000, 4500),
        eitc_threshold_joint=(1529000, 2626000, 2626000, 2626000),
        eitc_completed_joint=(2282000, 4969100, 5575100, 5952300),
        eitc_threshold=(916000, 2000000, 2000000, 2000000),
    )
    p22 = dataclasses.replace(p22, eitc_max=tuple(x * 100 for x in p22.eitc_max))
    assert eic_from_table(2_650_000, 2, True, p22) == 610_800
    assert eic_from_table(2_000_000, 2, True, p22) == 616_400


def test_worksheet_a_thresholds_match_2023_worksheet_text():
    """2023 EIC Worksheet A line 5: '$9,800 ($16,400 if married filing jointly)' without
    children and '$21,600 ($28,150 if married filing jointly)' with children."""
    p = load(2023)
    assert worksheet_a_threshold(0, False, p) == 980_000
    assert worksheet_a_threshold(0, True, p) == 1_640_000
    assert worksheet_a_threshold(1, False, p) == 2_160_000
    assert worksheet_a_threshold(2, True, p) == 2_815_000


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("joint", [False, True])
@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_eic_table_plateau_and_end(year, joint, n):
    p = load(year)
    completed = (p.eitc_completed_joint if joint else p.eitc_completed)[n]
    threshold = (p.eitc_threshold_joint if joint else p.eitc_threshold)[n]
    # Plateau: the maximum credit up to the last full $50 row below the threshold (the row
    # holding the threshold is already reduced, which is why Worksheet A rounds it up).
    assert eic_from_table(threshold // 5000 * 5000 - 100, n, joint, p) == p.eitc_max[n]
    assert eic_from_table(p.eitc_earned_amount[n] + 5000, n, joint, p) == p.eitc_max[n]
    # Last dollar below the completed phase-out still gets at least $1; at it, nothing.
    assert eic_from_table(completed - 100, n, joint, p) >= 100
    assert eic_from_table(completed, n, joint, p) == 0
    # Worksheet A: AGI above the threshold and higher than earned income uses the AGI row.
    ws = eic_worksheet_a(threshold, threshold + 1_000_00, n, joint, p)
    assert ws["6"] == min(ws["2"], ws["5"]) < p.eitc_max[n]
