"""Income: Form 1040 lines 1-9, Schedule 1 part I, and the Social Security Benefits Worksheet."""

from __future__ import annotations

from civiccx.taxengine.facts import DOLLARS, WORKSHEET, Dictionary
from civiccx.taxengine.money import apply_rate

SOCIAL_SECURITY_LINES = {
    "1": ("Net benefits (SSA-1099 and RRB-1099 box 5)", "money"),
    "2": ("Half of line 1", "money"),
    "3": ("Wages, taxable interest and unemployment (Form 1040 lines 1z, 2b and 8)", "money"),
    "4": ("Tax-exempt interest (Form 1040 line 2a)", "money"),
    "5": ("Lines 2, 3 and 4 added", "money"),
    "6": ("Adjustments to income (Schedule 1 lines 11-20, 23 and 25)", "money"),
    "7": ("Line 5 minus line 6", "money"),
    "8": ("Base amount ($25,000; $32,000 married filing jointly)", "money"),
    "9": ("Line 7 minus line 8", "money"),
    "10": ("$9,000 ($12,000 married filing jointly)", "money"),
    "11": ("Line 9 minus line 10 (not below zero)", "money"),
    "12": ("Smaller of line 9 or line 10", "money"),
    "13": ("Half of line 12", "money"),
    "14": ("Smaller of line 2 or line 13", "money"),
    "15": ("Line 11 times 85%", "money"),
    "16": ("Line 14 plus line 15 (married filing separately and lived with your spouse: line 7 "
           "times 85%)", "money"),
    "17": ("Line 1 times 85%", "money"),
    "18": ("Taxable benefits: smaller of line 16 or line 17 (Form 1040 line 6b)", "money"),
}


def social_security_worksheet(benefits: int, other_income: int, tax_exempt: int,
                              adjustments: int, status: str, lived_with_spouse: bool,
                              p) -> dict[str, int]:
    """Lines 1-18 of the Social Security Benefits Worksheet (Form 1040 instructions, 6a/6b)."""
    ws = {"1": benefits, "2": apply_rate(benefits, 5000), "3": other_income, "4": tax_exempt}
    ws["5"] = ws["2"] + ws["3"] + ws["4"]
    ws["6"] = adjustments
    if benefits == 0 or ws["6"] >= ws["5"]:
        ws["18"] = 0
        return ws
    ws["7"] = ws["5"] - ws["6"]
    ws["17"] = apply_rate(benefits, 8500)
    if status == "married_filing_separately" and lived_with_spouse:
        ws["16"] = apply_rate(ws["7"], 8500)
        ws["18"] = min(ws["16"], ws["17"])
        return ws
    joint = status == "married_filing_jointly"
    ws["8"] = p.ss_base_joint if joint else p.ss_base_other
    if ws["8"] >= ws["7"]:
        ws["18"] = 0
        return ws
    ws["9"] = ws["7"] - ws["8"]
    ws["10"] = p.ss_tier_joint if joint else p.ss_tier_other
    ws["11"] = max(0, ws["9"] - ws["10"])
    ws["12"] = min(ws["9"], ws["10"])
    ws["13"] = apply_rate(ws["12"], 5000)
    ws["14"] = min(ws["2"], ws["13"])
    ws["15"] = apply_rate(ws["11"], 8500)
    ws["16"] = ws["14"] + ws["15"]
    ws["18"] = min(ws["16"], ws["17"])
    return ws


def declare(d: Dictionary) -> None:
    @d.derived("/totalWages", DOLLARS, "wages from all your W-2s (box 1)",
               "Form 1040 lines 1a and 1z", ["/formW2s/*/wages"])
    def _wages(f):
        return sum(f.each("/formW2s/*/wages"))

    @d.derived("/taxableInterest", DOLLARS, "taxable interest from your 1099-INTs",
               "Form 1040 line 2b", ["/forms1099Int/*/interest"])
    def _int(f):
        return sum(f.each("/forms1099Int/*/interest"))

    @d.derived("/taxExemptInterest", DOLLARS, "tax-exempt interest (1099-INT box 8)",
               "Form 1040 line 2a", ["/forms1099Int/*/taxExemptInterest"])
    def _tei(f):
        return sum(f.each("/forms1099Int/*/taxExemptInterest"))

    @d.derived("/socialSecurityBenefits", DOLLARS,
               "Social Security and railroad retirement benefits (SSA-1099/RRB-1099 box 5)",
               "Form 1040 line 6a", ["/formsSsa1099/*/netBenefits"])
    def _ss(f):
        return sum(f.each("/formsSsa1099/*/netBenefits"))

    @d.derived("/unemploymentCompensation", DOLLARS, "unemployment compensation (1099-G box 1)",
               "Schedule 1 line 7; Form 1040 line 8", ["/forms1099G/*/unemployment"])
    def _ui(f):
        return sum(f.each("/forms1099G/*/unemployment"))

    @d.derived("/socialSecurityWorksheet", WORKSHEET,
               "the Social Security Benefits Worksheet",
               "Form 1040 instructions, Social Security Benefits Worksheet (lines 6a-6b); IRC 86",
               ["/socialSecurityBenefits", "/totalWages", "/taxableInterest",
                "/unemploymentCompensation", "/taxExemptInterest", "/educatorExpenseDeduction",
                "/filingStatus", "/livedWithSpouseAnyTimeInYear"], lines=SOCIAL_SECURITY_LINES)
    def _ssws(f):
        benefits = f("/socialSecurityBenefits")
        if benefits == 0:
            return {"1": 0, "18": 0}
        other = f("/totalWages") + f("/taxableInterest") + f("/unemploymentCompensation")
        status = f("/filingStatus")
        lived = bool(f("/livedWithSpouseAnyTimeInYear")) if (
            status == "married_filing_separately") else False
        # Worksheet line 6 counts Schedule 1 lines 11-20, 23 and 25, which excludes student loan
        # interest (line 21): that deduction is figured after taxable benefits.
        return social_security_worksheet(benefits, other, f("/taxExemptInterest"),
                                         f("/educatorExpenseDeduction"), status, lived, f.p)

    @d.derived("/taxableSocialSecurity", DOLLARS, "the taxable part of your Social Security",
               "Form 1040 line 6b; Social Security Benefits Worksheet line 18",
               ["/socialSecurityWorksheet"])
    def _taxable_ss(f):
        return f("/socialSecurityWorksheet")["18"]

    @d.derived("/totalIncome", DOLLARS, "total income", "Form 1040 line 9 (lines 1z+2b+6b+8)",
               ["/totalWages", "/taxableInterest", "/taxableSocialSecurity",
                "/unemploymentCompensation"])
    def _total(f):
        return (f("/totalWages") + f("/taxableInterest") + f("/taxableSocialSecurity")
                + f("/unemploymentCompensation"))
