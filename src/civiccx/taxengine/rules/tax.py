"""Tax: Form 1040 line 16 from the Tax Table or the Tax Computation Worksheet, and line 18."""

from __future__ import annotations

from civiccx.taxengine.facts import DOLLARS, TEXT, Dictionary
from civiccx.taxengine.money import usd
from civiccx.taxengine.tables import tax_from_table, tax_table_row


def declare(d: Dictionary) -> None:
    @d.derived("/taxMethod", TEXT, "how the tax was looked up",
               "Form 1040 instructions, line 16 (Tax Table under $100,000; Tax Computation "
               "Worksheet at $100,000 or more)", ["/taxableIncome", "/filingStatus"])
    def _method(f):
        ti = f("/taxableIncome")
        if ti < f.p.tax_table_limit:
            lo, hi = tax_table_row(ti)
            return (f"{f.p.year} Tax Table row 'at least {usd(lo)} but less than {usd(hi)}', "
                    f"{f('/filingStatus').replace('_', ' ')} column")
        return f"{f.p.year} Tax Computation Worksheet"

    @d.derived("/tax", DOLLARS, "income tax on your taxable income",
               "Form 1040 line 16; IRC 1(j); Tax Table / Tax Computation Worksheet",
               ["/taxableIncome", "/filingStatus", "/taxMethod"])
    def _tax(f):
        f("/taxMethod")
        return tax_from_table(f("/taxableIncome"), f("/filingStatus"), f.p)

    @d.derived("/taxBeforeCredits", DOLLARS, "tax before credits",
               "Form 1040 line 18 (line 16 plus Schedule 2 line 3, which is zero in scope)",
               ["/tax"])
    def _line18(f):
        return f("/tax")
