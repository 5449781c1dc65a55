"""Knockouts: situations outside Direct File's scope stop the return with a plain reason.

A knocked-out return never shows a number; it says why and where the person can file for free.
"""

from __future__ import annotations

from dataclasses import dataclass

from civiccx.taxengine.graph import FactGraph

FREE_OPTIONS = ("IRS Free File (irs.gov/freefile), or free help from a VITA or TCE site "
                "(irs.gov/vita, 1-800-906-9887); MilTax for military families")


@dataclass(frozen=True)
class Knockout:
    code: str
    reason: str
    cite: str
    where_else: str = FREE_OPTIONS

    def as_dict(self) -> dict:
        return {"code": self.code, "reason": self.reason, "cite": self.cite,
                "whereElse": self.where_else}


# Document keys that mean an out-of-scope situation when present with a true/non-empty value.
DOCUMENT_KNOCKOUTS: dict[str, tuple[str, str, str]] = {
    "businessIncome": ("business-income", "You have self-employment or business income "
                       "(Schedule C or 1099-NEC), which Direct File cannot handle.",
                       "Schedule C; Schedule SE"),
    "forms1099Nec": ("business-income", "You have a 1099-NEC for nonemployee compensation, which "
                     "is business income Direct File cannot handle.", "Schedule C"),
    "wantsToItemize": ("itemized-deductions", "You want to itemize deductions; Direct File "
                       "only takes the standard deduction.", "Schedule A; Form 1040 line 12"),
    "spouseItemizes": ("itemized-deductions", "Your spouse itemizes on a separate return, so "
                       "you must itemize too, which Direct File cannot do.",
                       "IRC 63(c)(6)(A); Form 1040 instructions, line 12"),
    "forms1099R": ("retirement-income", "You have retirement distributions (1099-R), which are "
                   "outside this version of Direct File.", "Form 1040 lines 4-5"),
    "forms1099Div": ("dividends", "You have dividends (1099-DIV), which Direct File cannot "
                     "handle.", "Form 1040 line 3"),
    "forms1099B": ("capital-gains", "You sold stocks, property or other assets (1099-B), "
                   "which needs Schedule D.", "Schedule D; Form 8949"),
    "digitalAssets": ("digital-assets", "You had digital-asset transactions, which Direct File "
                      "cannot handle.", "Form 1040 digital assets question"),
    "rentalIncome": ("rental-income", "You have rental or royalty income (Schedule E).",
                     "Schedule E"),
    "otherCredits": ("other-credits", "You want to claim a credit Direct File does not "
                     "support (for example child care, education or energy credits).",
                     "Schedule 3"),
    "marketplaceCoverage": ("premium-tax-credit", "You or your family had Marketplace health "
                            "coverage (Form 1095-A), which needs Form 8962.", "Form 8962"),
    "estimatedTaxPayments": ("estimated-payments", "You made estimated tax payments, which "
                             "this version of Direct File does not record.", "Form 1040 line 26"),
    "hsaContributions": ("hsa", "You have a health savings account, which needs Form 8889.",
                         "Form 8889"),
    "nonresidentAlien": ("nonresident", "You were a nonresident alien, who files Form 1040-NR.",
                         "Form 1040-NR"),
    "foreignIncome": ("foreign-income", "You have foreign earned income (Form 2555).",
                      "Form 2555"),
    "tipsNotReported": ("unreported-tips", "You have tips not reported to your employer, which "
                        "need Form 4137.", "Form 4137"),
}


def document_knockouts(doc: dict) -> list[Knockout]:
    out = []
    for key, (code, reason, cite) in DOCUMENT_KNOCKOUTS.items():
        value = doc.get(key)
        if value not in (None, False, 0, "", [], {}):
            out.append(Knockout(code, reason, cite))
    return out


def graph_knockouts(g: FactGraph) -> list[Knockout]:
    """Out-of-scope situations that only the facts reveal (amounts, statuses, ages)."""
    out = []
    p = g.params
    if not g.value("/filingStatusAllowed"):
        status = g.value("/filingStatus").replace("_", " ")
        out.append(Knockout("filing-status", f"Your answers do not meet the rules for {status} "
                            "filing status; choose another status or get help.",
                            "IRC 2(a), 2(b); Pub. 501, Filing Status"))
    if g.value("/taxableInterest") > p.taxable_interest_limit:
        out.append(Knockout("interest-over-limit", f"Your taxable interest is over "
                            f"${p.taxable_interest_limit // 100:,}, which needs Schedule B.",
                            "Schedule B; Direct File scope"))
    # Form 8615 (tax at the parents' rate) can apply to a dependent under 24 with unearned income
    # over the threshold. Its age, student and support tests are not asked, so every such
    # dependent is sent elsewhere: over-inclusive on purpose, never a wrong number.
    if g.value("/primaryFiler/canBeClaimedAsDependent"):
        unearned = (g.value("/taxableInterest") + g.value("/unemploymentCompensation")
                    + g.value("/taxableSocialSecurity"))
        age = g.value("/primaryFiler/ageAtYearEnd")
        if unearned > p.form_8615_threshold and age < 24:
            out.append(Knockout("form-8615", "Your unearned income is over "
                                f"${p.form_8615_threshold // 100:,}, so tax may be figured at "
                                "your parents' rate (Form 8615).", "IRC 1(g); Form 8615"))
    return out
