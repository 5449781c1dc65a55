"""Earned Income Credit: eligibility rules of Pub. 596 and EIC Worksheet A with the EIC Table."""

from __future__ import annotations

from civiccx.taxengine.facts import BOOL, DOLLARS, TEXT, WORKSHEET, Dictionary, tin_kind
from civiccx.taxengine.money import usd
from civiccx.taxengine.tables import eic_from_table, eic_table_row

EIC_WORKSHEET_A_LINES = {
    "1": ("Earned income", "money"),
    "2": ("EIC Table amount for line 1", "money"),
    "3": ("Adjusted gross income (Form 1040 line 11)", "money"),
    "5": ("EIC Table amount for line 3 (AGI at or above the test amount and not equal to "
          "line 1)", "money"),
    "6": ("Earned income credit: line 2, or the smaller of lines 2 and 5 (Form 1040 line 27)",
          "money"),
}
CHILDREN_COLUMNS = ("no children", "one child", "two children", "three children")


def eic_table_lookup(amount: int, n: int, joint: bool, p) -> str:
    """'2024 EIC Table row 'at least $X but less than $Y', married filing jointly, two children
    column', named as the Tax Table row is; or why no row applies."""
    status = "married filing jointly" if joint else (
        "single, head of household, qualifying surviving spouse or married filing separately")
    column = f"{status}, {CHILDREN_COLUMNS[n]} column"
    row = eic_table_row(amount, n, joint, p)
    if row is None:
        completed = (p.eitc_completed_joint if joint else p.eitc_completed)[n]
        where = "under $1" if amount < 100 else f"{usd(completed)} or more"
        return f"{p.year} EIC Table, {column}: {usd(amount)} is {where}, so no credit"
    return (f"{p.year} EIC Table row 'at least {usd(row[0])} but less than {usd(row[1])}', "
            f"{column}")


def worksheet_a_threshold(n: int, joint: bool, p) -> int:
    """Worksheet A line 5's test amount: the phase-out threshold raised to the start of the next
    $50 table row (2023: $9,800 / $16,400 joint without children, $21,600 / $28,150 with)."""
    t = (p.eitc_threshold_joint if joint else p.eitc_threshold)[n]
    return -(-t // 5000) * 5000


def eic_worksheet_a(earned: int, agi: int, n: int, joint: bool, p) -> dict[str, int]:
    """EIC Worksheet A lines 1-6 (Form 1040 instructions, line 27)."""
    n = min(n, 3)
    ws = {"1": earned, "2": eic_from_table(earned, n, joint, p), "3": agi}
    threshold = worksheet_a_threshold(n, joint, p)
    if agi == earned or agi < threshold:
        ws["6"] = ws["2"]
    else:
        ws["5"] = eic_from_table(max(0, agi), n, joint, p)
        ws["6"] = min(ws["2"], ws["5"])
    return ws


def declare(d: Dictionary) -> None:
    @d.derived("/investmentIncome", DOLLARS, "investment income for the EIC",
               "Pub. 596 Rule 6, Worksheet 1; IRC 32(i)(2)",
               ["/taxableInterest", "/taxExemptInterest"])
    def _inv(f):
        return f("/taxableInterest") + f("/taxExemptInterest")

    @d.derived("/eitcIneligibleReason", TEXT,
               "why the earned income credit does not apply (empty when it may)",
               "IRC 32(c), 32(d), 32(i), 32(m); Pub. 596 Rules 1-15",
               ["/earnedIncome", "/investmentIncome", "/primaryFiler/tin", "/isJoint",
                "/secondaryFiler/tin", "/primaryFiler/ssnValidForEmployment",
                "/secondaryFiler/ssnValidForEmployment",
                "/primaryFiler/canBeClaimedAsDependent", "/secondaryFiler/canBeClaimedAsDependent",
                "/filingStatus", "/numberOfEitcChildren", "/livedApartFromSpouseLast6Months",
                "/eitcFilerAgeOk", "/livedInUsOverHalfYear"])
    def _why_not(f):
        if f("/earnedIncome") <= 0:
            return "no earned income (Pub. 596 Rule 7)"
        if f("/investmentIncome") > f.p.eitc_investment_limit:
            return (f"investment income is more than the ${f.p.eitc_investment_limit // 100:,} "
                    "limit (Pub. 596 Rule 6)")
        joint = bool(f("/isJoint"))
        for who in ("primaryFiler", "secondaryFiler") if joint else ("primaryFiler",):
            if tin_kind(f(f"/{who}/tin")) != "ssn" or not f(f"/{who}/ssnValidForEmployment"):
                return "an SSN valid for employment is required (Pub. 596 Rule 2)"
        for who in ("primaryFiler", "secondaryFiler") if joint else ("primaryFiler",):
            if f(f"/{who}/canBeClaimedAsDependent"):
                return ("someone else can claim you as a dependent or qualifying child "
                        "(Pub. 596 Rules 10, 12 and 13)")
        n = f("/numberOfEitcChildren")
        if f("/filingStatus") == "married_filing_separately" and not (
                n > 0 and f("/livedApartFromSpouseLast6Months")):
            return ("married filing separately qualifies only with a qualifying child and living "
                    "apart from the spouse for the last 6 months (Pub. 596 Rule 3)")
        if n == 0:
            if not f("/eitcFilerAgeOk"):
                return ("without a qualifying child you must be at least 25 and under 65 "
                        "(Pub. 596 Rule 11)")
            if not f("/livedInUsOverHalfYear"):
                return ("your main home must be in the United States for more than half the year "
                        "(Pub. 596 Rule 14)")
        return ""

    @d.derived("/eicTableRows", TEXT, "the EIC Table rows looked up",
               "EIC Table (Form 1040 instructions and Pub. 596)",
               ["/earnedIncome", "/adjustedGrossIncome", "/numberOfEitcChildren", "/isJoint"])
    def _rows(f):
        earned, agi = f("/earnedIncome"), f("/adjustedGrossIncome")
        n, joint = min(f("/numberOfEitcChildren"), 3), bool(f("/isJoint"))
        ws = eic_worksheet_a(earned, agi, n, joint, f.p)
        text = f"line 2: {eic_table_lookup(earned, n, joint, f.p)}"
        if "5" in ws:
            text += f"; line 5: {eic_table_lookup(max(0, agi), n, joint, f.p)}"
        return text

    @d.derived("/eicWorksheetA", WORKSHEET, "EIC Worksheet A",
               "Form 1040 instructions, line 27, EIC Worksheet A; EIC Table",
               ["/eitcIneligibleReason", "/earnedIncome", "/adjustedGrossIncome",
                "/numberOfEitcChildren", "/isJoint", "/eicTableRows"],
               lines=EIC_WORKSHEET_A_LINES)
    def _ws(f):
        if f("/eitcIneligibleReason"):
            return {"6": 0}
        ws = eic_worksheet_a(f("/earnedIncome"), f("/adjustedGrossIncome"),
                             f("/numberOfEitcChildren"), bool(f("/isJoint")), f.p)
        f("/eicTableRows")
        return ws

    @d.derived("/earnedIncomeCredit", DOLLARS, "earned income credit (EIC)",
               "Form 1040 line 27; EIC Worksheet A line 6; IRC 32", ["/eicWorksheetA"])
    def _eic(f):
        return f("/eicWorksheetA")["6"]

    @d.derived("/claimsEitc", BOOL, "whether you get the earned income credit",
               "Form 1040 line 27", ["/earnedIncomeCredit"])
    def _claims(f):
        return f("/earnedIncomeCredit") > 0
