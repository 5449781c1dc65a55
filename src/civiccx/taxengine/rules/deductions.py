"""Adjustments (Schedule 1 part II), AGI, and the standard deduction (Form 1040 lines 10-15)."""

from __future__ import annotations

from civiccx.taxengine.facts import DOLLARS, INT, SIGNED_DOLLARS, WORKSHEET, Dictionary

STUDENT_LOAN_LINES = {
    "1": ("Student loan interest paid (1098-E), up to $2,500", "money"),
    "2": ("Total income (Form 1040 line 9)", "money"),
    "3": ("Other adjustments (Schedule 1 lines 11-20, 23 and 25)", "money"),
    "4": ("Modified AGI: line 2 minus line 3", "money"),
    "5": ("Phase-out start for your filing status", "money"),
    "6": ("Line 4 minus line 5 (not below zero)", "money"),
    "7_thousandths": ("Line 6 divided by the phase-out range, to three places", "ratio"),
    "8": ("Line 1 times line 7", "money"),
    "9": ("Student loan interest deduction (Schedule 1 line 21)", "money"),
    "note": ("Why there is no deduction", "text"),
}


def student_loan_worksheet(paid: int, total_income: int, other_adjustments: int, joint: bool,
                           p) -> dict[str, int]:
    """Student Loan Interest Deduction Worksheet (Schedule 1 line 21 instructions).

    Line 7's ratio is rounded to three decimal places, as the worksheet asks."""
    ws = {"1": min(paid, p.sli_max), "2": total_income, "3": other_adjustments}
    ws["4"] = ws["2"] - ws["3"]
    ws["5"] = p.sli_start_joint if joint else p.sli_start_other
    ws["6"] = max(0, ws["4"] - ws["5"])
    if ws["6"] == 0:
        ws["9"] = ws["1"]
        return ws
    span = p.sli_range_joint if joint else p.sli_range_other
    thousandths = min(1000, (ws["6"] * 1000 * 2 + span) // (2 * span))
    ws["7_thousandths"] = thousandths
    ws["8"] = (ws["1"] * thousandths + 500) // 1000
    ws["9"] = ws["1"] - ws["8"]
    return ws


def declare(d: Dictionary) -> None:
    @d.derived("/educatorExpenseDeduction", DOLLARS,
               "educator expenses, up to the limit for each eligible educator",
               "Schedule 1 line 11; IRC 62(a)(2)(D)",
               ["/primaryFiler/isEligibleEducator", "/primaryFiler/educatorExpenses", "/isJoint",
                "/secondaryFiler/isEligibleEducator", "/secondaryFiler/educatorExpenses"])
    def _educator(f):
        total = 0
        if f("/primaryFiler/isEligibleEducator"):
            total += min(f("/primaryFiler/educatorExpenses"), f.p.educator_max)
        if f("/isJoint") and f("/secondaryFiler/isEligibleEducator"):
            total += min(f("/secondaryFiler/educatorExpenses"), f.p.educator_max)
        return total

    @d.derived("/studentLoanInterestWorksheet", WORKSHEET,
               "the Student Loan Interest Deduction Worksheet",
               "Schedule 1 line 21 instructions; IRC 221(b), 221(e)(2)",
               ["/studentLoanInterestPaid", "/filingStatus",
                "/primaryFiler/canBeClaimedAsDependent", "/isJoint",
                "/secondaryFiler/canBeClaimedAsDependent", "/totalIncome",
                "/educatorExpenseDeduction"], lines=STUDENT_LOAN_LINES)
    def _sli_ws(f):
        paid = f("/studentLoanInterestPaid")
        if paid == 0:
            return {"1": 0, "9": 0}
        if f("/filingStatus") == "married_filing_separately":
            return {"1": 0, "9": 0, "note": "married filing separately cannot deduct it"}
        if f("/primaryFiler/canBeClaimedAsDependent") or (
                f("/isJoint") and f("/secondaryFiler/canBeClaimedAsDependent")):
            return {"1": 0, "9": 0, "note": "a dependent cannot deduct it"}
        return student_loan_worksheet(paid, f("/totalIncome"), f("/educatorExpenseDeduction"),
                                      bool(f("/isJoint")), f.p)

    @d.derived("/studentLoanInterestDeduction", DOLLARS, "student loan interest deduction",
               "Schedule 1 line 21; Student Loan Interest Deduction Worksheet line 9",
               ["/studentLoanInterestWorksheet"])
    def _sli(f):
        return f("/studentLoanInterestWorksheet")["9"]

    @d.derived("/adjustmentsToIncome", DOLLARS, "adjustments to income",
               "Form 1040 line 10; Schedule 1 line 26",
               ["/educatorExpenseDeduction", "/studentLoanInterestDeduction"])
    def _adj(f):
        return f("/educatorExpenseDeduction") + f("/studentLoanInterestDeduction")

    @d.derived("/adjustedGrossIncome", SIGNED_DOLLARS, "adjusted gross income (AGI)",
               "Form 1040 line 11 (line 9 minus line 10)", ["/totalIncome", "/adjustmentsToIncome"])
    def _agi(f):
        return f("/totalIncome") - f("/adjustmentsToIncome")

    @d.derived("/earnedIncome", DOLLARS, "earned income (wages)",
               "Pub. 596 Rule 7; Schedule 8812 line 18a; Standard Deduction Worksheet for "
               "Dependents line 1", ["/totalWages"])
    def _earned(f):
        return f("/totalWages")

    @d.derived("/additionalStandardDeductionBoxes", INT,
               "number of boxes checked for 65 or older and blind",
               "Form 1040 Age/Blindness checkboxes; IRC 63(f)",
               ["/primaryFiler/ageAtYearEnd", "/primaryFiler/isBlind", "/isJoint",
                "/secondaryFiler/ageAtYearEnd", "/secondaryFiler/isBlind"])
    def _boxes(f):
        n = int(f("/primaryFiler/ageAtYearEnd") >= 65) + int(bool(f("/primaryFiler/isBlind")))
        if f("/isJoint"):
            n += int(f("/secondaryFiler/ageAtYearEnd") >= 65)
            n += int(bool(f("/secondaryFiler/isBlind")))
        return n

    @d.derived("/standardDeduction", DOLLARS, "standard deduction",
               "Form 1040 line 12; IRC 63(c), 63(f); Standard Deduction Chart / Worksheet for "
               "Dependents",
               ["/filingStatus", "/filingStatusCategory", "/additionalStandardDeductionBoxes",
                "/primaryFiler/canBeClaimedAsDependent", "/isJoint",
                "/secondaryFiler/canBeClaimedAsDependent", "/earnedIncome"])
    def _std(f):
        status = f("/filingStatus")
        basic = f.p.standard_deduction[status]
        dependent = bool(f("/primaryFiler/canBeClaimedAsDependent")) or (
            bool(f("/isJoint")) and bool(f("/secondaryFiler/canBeClaimedAsDependent")))
        if dependent:
            # Standard Deduction Worksheet for Dependents lines 1-4.
            limited = max(f.p.dependent_minimum, f("/earnedIncome") + f.p.dependent_earned_addition)
            basic = min(basic, limited)
        extra = (f.p.additional_married if f("/filingStatusCategory") == "married"
                 else f.p.additional_unmarried)
        return basic + extra * f("/additionalStandardDeductionBoxes")

    @d.derived("/taxableIncome", DOLLARS, "taxable income",
               "Form 1040 line 15 (line 11 minus line 14, not below zero)",
               ["/adjustedGrossIncome", "/standardDeduction"])
    def _ti(f):
        return max(0, f("/adjustedGrossIncome") - f("/standardDeduction"))
