"""Cent-exact money. Amounts are integer cents; rates are integer parts per 10,000 (basis points).

Every rate in scope (7.65%, 15.98%, 21.06%, 15%, ...) is a whole number of basis points, so
products are exact integers and the only rounding is the explicit half-up step the forms use.
The batch path uses the same integer formulas on numpy int64 arrays.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

BP = 10_000


class MoneyError(ValueError):
    """A value that is not a dollar amount with at most two decimals."""


def cents(value: object) -> int:
    """Parse a dollar amount (int, str or float with at most two decimals) into integer cents."""
    if isinstance(value, bool) or value is None:
        raise MoneyError("must be a dollar amount")
    if isinstance(value, int):
        return value * 100
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, str):
        try:
            d = Decimal(value.replace(",", "").replace("$", "").strip())
        except InvalidOperation:
            raise MoneyError(f"{value!r} is not a dollar amount") from None
    else:
        raise MoneyError(f"must be a dollar amount, not {type(value).__name__}")
    if not d.is_finite():
        raise MoneyError("must be a finite dollar amount")
    c = d * 100
    if c != c.to_integral_value():
        raise MoneyError(f"{value} has more than two decimals")
    return int(c)


def rate_bp(rate: str | int | float | Decimal) -> int:
    """A rate such as '0.0765' as integer basis points (765); refuses inexact rates."""
    d = Decimal(str(rate)) * BP
    if d != d.to_integral_value():
        raise ValueError(f"rate {rate} is not a whole number of basis points")
    return int(d)


def apply_rate(amount_cents: int, bp: int) -> int:
    """amount × rate, rounded half up to the cent (amounts are never negative here)."""
    return (amount_cents * bp + BP // 2) // BP


def round_to_dollar(amount_cents: int) -> int:
    """Round half up to whole dollars, returned in cents (the Tax and EIC Tables' rounding)."""
    return (amount_cents + 50) // 100 * 100


def fmt(amount_cents: int) -> str:
    """'1234.50' style; the JSON return document stores amounts as exact decimal strings."""
    sign = "-" if amount_cents < 0 else ""
    a = abs(amount_cents)
    return f"{sign}{a // 100}.{a % 100:02d}"


def usd(amount_cents: int) -> str:
    """'$1,234.50' for plain-language explanations."""
    sign = "-" if amount_cents < 0 else ""
    a = abs(amount_cents)
    return f"{sign}${a // 100:,}.{a % 100:02d}"


def plain_usd(amount_cents: int) -> str:
    """'$4,700' for whole dollars, '$1,500.01' otherwise: how messages and summaries write
    amounts."""
    text = usd(amount_cents)
    return text[:-3] if text.endswith(".00") else text
