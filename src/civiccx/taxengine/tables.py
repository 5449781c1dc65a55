"""The IRS Tax Table, Tax Computation Worksheet and EIC Table, computed by their published rules.

Tax Table (Form 1040 instructions): for taxable income under $100,000 the tax is the exact tax
at the midpoint of the row, rounded to the nearest dollar. Rows are $0-5, $5-15, $15-25, then
$25 wide up to $3,000, then $50 wide. At $100,000 or more the Tax Computation Worksheet applies:
income times the bracket rate minus a subtraction amount, which equals the exact bracket tax.

EIC Table (Pub. 596 / Form 1040 instructions): rows are $1-50, then $50 wide; the credit is the
statutory formula (IRC 32(a),(b)) at the row midpoint, rounded to the nearest dollar. The last
row ends at the completed phase-out amount and is figured at its own midpoint (2024 footnotes:
"$18,550 but less than $18,591 ... your credit is $2"; "$25,500 but less than $25,511 ... $0"),
and a row that reaches the plateau (it holds the earned income amount or the phase-out
threshold) shows the maximum credit. The phase-out reduces the year's "phase-out starting
credit" (params), which is not always the rounded maximum: in 2023 it is 7.65% x $7,840 =
$599.76 and 45% x $16,510 = $7,429.50 (IRC 32(a)(2)(A)), in 2024 the published $632 and $7,830.
This reproduces every row of the 2024 and the 2023 EIC Tables.
"""

from __future__ import annotations

from civiccx.taxengine.money import BP
from civiccx.taxengine.params import YearParams


def exact_tax_bp(income_cents: int, thresholds: tuple[int, ...], rates_bp: tuple[int, ...]) -> int:
    """Bracket tax in cents × basis points (unrounded, exact integer)."""
    total = 0
    lower = 0
    for upper, rate in zip((*thresholds, None), rates_bp, strict=True):
        if income_cents <= lower:
            break
        top = income_cents if upper is None else min(income_cents, upper)
        total += (top - lower) * rate
        if upper is None:
            break
        lower = upper
    return total


def tax_table_row(income_cents: int) -> tuple[int, int]:
    """The [at least, less than) row of the Tax Table that holds this taxable income (cents)."""
    if income_cents < 500:
        return 0, 500
    if income_cents < 1500:
        return 500, 1500
    if income_cents < 2500:
        return 1500, 2500
    width = 2500 if income_cents < 300_000 else 5000
    lo = income_cents // width * width
    return lo, lo + width


def tax_from_table(income_cents: int, status: str, p: YearParams) -> int:
    """Form 1040 line 16 from the Tax Table (under the limit) or the Tax Computation Worksheet."""
    income_cents = max(0, income_cents)
    thresholds = p.bracket_thresholds[status]
    if income_cents < p.tax_table_limit:
        lo, hi = tax_table_row(income_cents)
        mid2 = lo + hi  # twice the midpoint keeps $37.50-style midpoints exact
        t = exact_tax_bp(mid2, tuple(2 * x for x in thresholds), p.bracket_rates_bp)
        # t is 2 × tax in cents·bp; round half up to whole dollars (200 × 100 × BP units).
        unit = 2 * 100 * BP
        return (t + unit // 2) // unit * 100
    t = exact_tax_bp(income_cents, thresholds, p.bracket_rates_bp)
    return (t + BP // 2) // BP


def eic_formula_bp(amount_cents: int, n: int, joint: bool, p: YearParams) -> int:
    """IRC 32 credit at an exact amount, in cents × basis points, before any rounding."""
    phase_in = amount_cents * p.eitc_phasein_bp[n]
    cap = p.eitc_max[n] * BP
    threshold = (p.eitc_threshold_joint if joint else p.eitc_threshold)[n]
    base = p.eitc_phaseout_base[n] * BP
    phase_out = base - max(0, amount_cents - threshold) * p.eitc_phaseout_bp[n]
    return max(0, min(phase_in, cap, phase_out))


def eic_table_row(amount_cents: int, n: int, joint: bool, p: YearParams) -> tuple[int, int] | None:
    """The [at least, less than) row of the EIC Table that holds this amount (cents), or None
    below $1 or at and past the completed phase-out amount (no row: no credit)."""
    completed = (p.eitc_completed_joint if joint else p.eitc_completed)[n]
    if amount_cents < 100 or amount_cents >= completed:
        return None
    if amount_cents < 5000:
        return 100, 5000
    lo = amount_cents // 5000 * 5000
    return lo, min(lo + 5000, completed)


def eic_from_table(amount_cents: int, n: int, joint: bool, p: YearParams) -> int:
    """EIC Table credit (cents, whole dollars) for earned income or AGI with n children (0-3)."""
    completed = (p.eitc_completed_joint if joint else p.eitc_completed)[n]
    if amount_cents < 100 or amount_cents >= completed:
        return 0
    lo = 100 if amount_cents < 5000 else amount_cents // 5000 * 5000
    hi = 5000 if amount_cents < 5000 else min(lo + 5000, completed)
    mid2 = (0 if lo == 100 else lo) + hi  # the $1-50 row is figured at $25, like the others
    threshold = (p.eitc_threshold_joint if joint else p.eitc_threshold)[n]
    if hi > p.eitc_earned_amount[n] and lo < threshold:
        return p.eitc_max[n]  # a row that reaches the plateau shows the maximum credit
    doubled = eic_formula_bp(mid2, n, joint, _doubled(p))
    unit = 2 * 100 * BP
    return (doubled + unit // 2) // unit * 100


def _doubled(p: YearParams) -> _Doubled:
    return _Doubled(p)


class _Doubled:
    """View of the EIC parameters at twice their size, so a doubled midpoint stays exact."""

    def __init__(self, p: YearParams) -> None:
        self.eitc_phasein_bp = p.eitc_phasein_bp
        self.eitc_phaseout_bp = p.eitc_phaseout_bp
        self.eitc_max = tuple(2 * x for x in p.eitc_max)
        self.eitc_phaseout_base = tuple(2 * x for x in p.eitc_phaseout_base)
        self.eitc_threshold = tuple(2 * x for x in p.eitc_threshold)
        self.eitc_threshold_joint = tuple(2 * x for x in p.eitc_threshold_joint)
