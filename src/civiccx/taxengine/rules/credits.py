"""Child Tax Credit, Credit for Other Dependents and Additional Child Tax Credit (Schedule 8812)."""

from __future__ import annotations

from civiccx.taxengine.facts import DOLLARS, WORKSHEET, Dictionary
from civiccx.taxengine.money import apply_rate

SCHEDULE_8812_LINES = {
    "1": ("Adjusted gross income (Form 1040 line 11)", "money"),
    "3": ("Modified AGI (line 1; no excluded foreign or territory income in scope)", "money"),
    "4": ("Qualifying children under 17 with an SSN valid for employment", "count"),
    "5": ("Line 4 times the credit per child", "money"),
    "6": ("Other dependents", "count"),
    "7": ("Line 6 times $500", "money"),
    "8": ("Line 5 plus line 7", "money"),
    "9": ("Phase-out threshold ($400,000 married filing jointly; $200,000 all others)",
          "money"),
    "10": ("Line 3 minus line 9, rounded up to a multiple of $1,000 (not below zero)", "money"),
    "11": ("Line 10 times 5%", "money"),
    "12": ("Line 8 minus line 11 (not below zero)", "money"),
    "13": ("Credit Limit Worksheet A: tax on Form 1040 line 18 (no other credits in scope)",
           "money"),
    "14": ("Child tax credit and credit for other dependents: smaller of line 12 or line 13",
           "money"),
    "16a": ("Line 12 minus line 14", "money"),
    "16b": ("Line 4 times the refundable amount per child", "money"),
    "17": ("Smaller of line 16a or line 16b", "money"),
    "18a": ("Earned income", "money"),
    "19": ("Line 18a minus $2,500 (not below zero)", "money"),
    "20": ("Line 19 times 15%", "money"),
    "21": ("Social Security and Medicare tax withheld (W-2 boxes 4 and 6)", "money"),
    "23": ("Line 21 (no self-employment tax in scope)", "money"),
    "24": ("Earned income credit (Form 1040 line 27)", "money"),
    "25": ("Line 23 minus line 24 (not below zero)", "money"),
    "26": ("Larger of line 20 or line 25", "money"),
    "27": ("Additional child tax credit (Form 1040 line 28)", "money"),
}


def schedule_8812(agi: int, n_children: int, n_other: int, joint: bool, tax_line18: int,
                  earned: int, payroll_tax: int, eic: int, p) -> dict[str, int]:
    """Schedule 8812 Parts I, II-A and II-B, line by line (integer cents)."""
    s = {"1": agi, "3": agi, "4": n_children, "5": n_children * p.ctc_per_child,
         "6": n_other, "7": n_other * p.odc_per_dependent}
    s["8"] = s["5"] + s["7"]
    s["9"] = p.ctc_threshold_joint if joint else p.ctc_threshold_other
    excess = max(0, s["3"] - s["9"])
    step = p.ctc_phaseout_step
    s["10"] = -(-excess // step) * step  # "round up to the next multiple of $1,000"
    s["11"] = apply_rate(s["10"], p.ctc_phaseout_rate_bp)
    s["12"] = max(0, s["8"] - s["11"])
    s["13"] = tax_line18  # Credit Limit Worksheet A: no other credits in scope
    s["14"] = min(s["12"], s["13"])
    s["27"] = 0
    if n_children == 0 or s["12"] - s["14"] == 0:
        return s
    s["16a"] = s["12"] - s["14"]
    s["16b"] = n_children * p.actc_per_child
    s["17"] = min(s["16a"], s["16b"])
    s["18a"] = earned
    s["19"] = max(0, earned - p.actc_earned_threshold)
    s["20"] = apply_rate(s["19"], p.actc_rate_bp)
    if s["16b"] < p.actc_three_child_cap:
        s["27"] = min(s["17"], s["20"])
        return s
    if s["20"] >= s["17"]:
        s["27"] = s["17"]
        return s
    s["21"] = payroll_tax
    s["23"] = s["21"]
    s["24"] = eic
    s["25"] = max(0, s["23"] - s["24"])
    s["26"] = max(s["20"], s["25"])
    s["27"] = min(s["17"], s["26"])
    return s


def declare(d: Dictionary) -> None:
    @d.derived("/payrollTaxWithheld", DOLLARS,
               "social security and Medicare tax withheld (W-2 boxes 4 and 6)",
               "Schedule 8812 line 21", ["/formW2s/*/socialSecurityTax", "/formW2s/*/medicareTax"])
    def _payroll(f):
        return sum(f.each("/formW2s/*/socialSecurityTax")) + sum(f.each("/formW2s/*/medicareTax"))

    @d.derived("/schedule8812", WORKSHEET, "Schedule 8812",
               "Schedule 8812 (Form 1040); IRC 24",
               ["/adjustedGrossIncome", "/numberOfCtcChildren", "/numberOfOtherDependents",
                "/isJoint", "/taxBeforeCredits", "/earnedIncome", "/payrollTaxWithheld",
                "/earnedIncomeCredit"], lines=SCHEDULE_8812_LINES)
    def _s8812(f):
        n, m = f("/numberOfCtcChildren"), f("/numberOfOtherDependents")
        if n == 0 and m == 0:
            return {"4": 0, "6": 0, "14": 0, "27": 0}
        needs_2b = n * f.p.actc_per_child >= f.p.actc_three_child_cap
        return schedule_8812(
            f("/adjustedGrossIncome"), n, m, bool(f("/isJoint")), f("/taxBeforeCredits"),
            f("/earnedIncome"), f("/payrollTaxWithheld") if needs_2b else 0,
            f("/earnedIncomeCredit") if needs_2b else 0, f.p)

    @d.derived("/childTaxCreditNonrefundable", DOLLARS,
               "child tax credit and credit for other dependents",
               "Form 1040 line 19; Schedule 8812 line 14; IRC 24(a), 24(h)(4)", ["/schedule8812"])
    def _line19(f):
        return f("/schedule8812")["14"]

    @d.derived("/additionalChildTaxCredit", DOLLARS, "additional child tax credit (refundable)",
               "Form 1040 line 28; Schedule 8812 line 27; IRC 24(d), 24(h)(5)-(6)",
               ["/schedule8812"])
    def _line28(f):
        return f("/schedule8812")["27"]
