"""Payments, total tax and the refund or amount owed (Form 1040 lines 19-37)."""

from __future__ import annotations

from civiccx.taxengine.facts import DOLLARS, Dictionary


def declare(d: Dictionary) -> None:
    @d.derived("/totalTax", DOLLARS, "total tax", "Form 1040 lines 22 and 24 (line 18 minus "
               "line 21, not below zero; no other taxes in scope)",
               ["/taxBeforeCredits", "/childTaxCreditNonrefundable"])
    def _total_tax(f):
        return max(0, f("/taxBeforeCredits") - f("/childTaxCreditNonrefundable"))

    @d.derived("/withholdingW2", DOLLARS, "federal income tax withheld on your W-2s",
               "Form 1040 line 25a", ["/formW2s/*/federalWithholding"])
    def _w2(f):
        return sum(f.each("/formW2s/*/federalWithholding"))

    @d.derived("/withholding1099", DOLLARS, "federal income tax withheld on your 1099s",
               "Form 1040 line 25b",
               ["/formsSsa1099/*/federalWithholding", "/forms1099G/*/federalWithholding",
                "/forms1099Int/*/federalWithholding"])
    def _1099(f):
        return (sum(f.each("/formsSsa1099/*/federalWithholding"))
                + sum(f.each("/forms1099G/*/federalWithholding"))
                + sum(f.each("/forms1099Int/*/federalWithholding")))

    @d.derived("/totalWithholding", DOLLARS, "total federal income tax withheld",
               "Form 1040 line 25d", ["/withholdingW2", "/withholding1099"])
    def _wh(f):
        return f("/withholdingW2") + f("/withholding1099")

    @d.derived("/refundableCredits", DOLLARS, "refundable credits",
               "Form 1040 line 32 (lines 27 + 28)",
               ["/earnedIncomeCredit", "/additionalChildTaxCredit"])
    def _refundable(f):
        return f("/earnedIncomeCredit") + f("/additionalChildTaxCredit")

    @d.derived("/totalPayments", DOLLARS, "total payments", "Form 1040 line 33 (25d + 32)",
               ["/totalWithholding", "/refundableCredits"])
    def _payments(f):
        return f("/totalWithholding") + f("/refundableCredits")

    @d.derived("/refund", DOLLARS, "your refund",
               "Form 1040 lines 34 and 35a (line 33 minus line 24, if more than zero)",
               ["/totalPayments", "/totalTax"])
    def _refund(f):
        return max(0, f("/totalPayments") - f("/totalTax"))

    @d.derived("/amountOwed", DOLLARS, "amount you owe",
               "Form 1040 line 37 (line 24 minus line 33, if more than zero)",
               ["/totalPayments", "/totalTax"])
    def _owed(f):
        return max(0, f("/totalTax") - f("/totalPayments"))
