"""What each kind of field accepts: read a form's input, say clearly what is wrong and how to
fix it (in the filer's language), and show a saved answer back in the form.

Answers are stored as the tax engine takes them: money as "1234.50", dates as "2000-01-19",
TINs as "123-45-6789", yes/no as true/false, months and years as whole numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import formats
from django.utils.translation import gettext as _

from civiccx.taxengine.facts import tin_kind

TEXT_KINDS = {"name", "text", "tin", "ein", "routing", "account", "pin5", "ippin", "zip",
              "email", "phone", "money", "months", "year"}

# Direct File for tax year 2024 (IR-2024-139): the 25 participating states. TY2023 had 12.
STATES_2024 = {
    "AK": "Alaska", "AZ": "Arizona", "CA": "California", "CT": "Connecticut", "FL": "Florida",
    "ID": "Idaho", "IL": "Illinois", "KS": "Kansas", "MA": "Massachusetts", "MD": "Maryland",
    "ME": "Maine", "NC": "North Carolina", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NV": "Nevada", "NY": "New York", "OR": "Oregon", "PA": "Pennsylvania",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "WA": "Washington",
    "WI": "Wisconsin", "WY": "Wyoming",
}
STATES_2023 = {k: STATES_2024[k] for k in (
    "AZ", "CA", "FL", "MA", "NV", "NH", "NY", "SD", "TN", "TX", "WA", "WY")}


def participating_states(year: int) -> dict[str, str]:
    return STATES_2023 if year == 2023 else STATES_2024


class Invalid(ValueError):
    """Input that cannot be saved; the message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Context:
    year: int
    today: dt.date


def _digits(raw: str) -> str:
    return re.sub(r"[\s-]", "", raw)


def parse(kind: str, raw, ctx: Context, options: tuple = ()):
    """The answer to store for one field's input (`raw` is a str, or a dict for dates), or
    None when it was left empty. Raises Invalid with a message for the person."""
    if kind == "date" or kind == "paydate":
        return _date(raw, ctx, kind)
    if kind in ("consent", "agree"):
        return bool(raw)
    raw = (raw or "").strip()
    if raw == "":
        return None
    if kind == "yesno":
        if raw not in ("yes", "no"):
            raise Invalid(_("Choose Yes or No."))
        return raw == "yes"
    if kind in ("choice", "select"):
        if raw not in {value for value, _label in options}:
            raise Invalid(_("Choose one of the options."))
        return raw
    if kind == "state":
        if raw not in participating_states(ctx.year):
            raise Invalid(_("Direct File is only available for people who lived all year in "
                            "a participating state. Choose your state from the list."))
        return raw
    if kind == "name":
        if len(raw) > 35 or not re.fullmatch(r"[A-Za-zÀ-ÿ' -]+", raw):
            raise Invalid(_("Use letters, spaces, hyphens and apostrophes only (35 at most), "
                            "as on the Social Security card."))
        return raw
    if kind == "text":
        if len(raw) > 100:
            raise Invalid(_("Use 100 characters or fewer."))
        return raw
    if kind == "tin":
        return _tin(raw)
    if kind == "ein":
        d = _digits(raw)
        if not re.fullmatch(r"\d{9}", d):
            raise Invalid(_("Enter the employer's 9-digit EIN from box b, like 12-3456789."))
        if d[:2] in {"00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70",
                     "78", "79", "89", "96", "97"}:
            raise Invalid(_("No EIN starts with %(prefix)s. Check box b of the W-2.")
                          % {"prefix": d[:2]})
        return f"{d[:2]}-{d[2:]}"
    if kind == "money":
        return _money(raw)
    if kind == "months":
        if not re.fullmatch(r"\d{1,2}", raw) or not 0 <= int(raw) <= 12:
            raise Invalid(_("Enter a whole number of months from 0 to 12."))
        return int(raw)
    if kind == "year":
        if not re.fullmatch(r"\d{4}", raw) or not 1900 <= int(raw) <= ctx.year:
            raise Invalid(_("Enter a 4-digit year, %(year)s or earlier.") % {"year": ctx.year})
        return int(raw)
    if kind == "zip":
        if not re.fullmatch(r"\d{5}(-\d{4})?", raw):
            raise Invalid(_("Enter a 5-digit ZIP code, like 85012."))
        return raw
    if kind == "email":
        try:
            validate_email(raw)
        except ValidationError:
            raise Invalid(_("Enter an email address like name@example.com.")) from None
        return raw
    if kind == "phone":
        try:
            number = phonenumbers.parse(raw, "US")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise Invalid(_("Enter a 10-digit U.S. phone number, like 602-555-0143."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if kind == "routing":
        return _routing(raw)
    if kind == "account":
        d = _digits(raw)
        if not re.fullmatch(r"[A-Za-z0-9]{4,17}", d):
            raise Invalid(_("Enter the account number: 4 to 17 letters or digits."))
        return d
    if kind == "pin5":
        if not re.fullmatch(r"\d{5}", raw) or raw == "00000":
            raise Invalid(_("Enter 5 digits. Any 5 digits except 00000."))
        return raw
    if kind == "ippin":
        if not re.fullmatch(r"\d{6}", raw):
            raise Invalid(_("Enter the 6-digit IP PIN from our letter or your online "
                            "account."))
        return raw
    raise ValueError(f"unknown field kind {kind}")


def _tin(raw: str) -> str:
    d = _digits(raw)
    if not re.fullmatch(r"\d{9}", d):
        raise Invalid(_("Enter 9 digits, like 123-45-6789."))
    formatted = f"{d[:3]}-{d[3:5]}-{d[5:]}"
    if tin_kind(formatted) == "invalid":
        raise Invalid(_("%(tin)s is not a valid SSN or ITIN: no SSN starts with 000, 666 or "
                        "9, or has 00 or 0000 in the middle or at the end, and an ITIN starts "
                        "with 9. Check the card or letter.") % {"tin": "***-**-" + d[5:]})
    return formatted


def _money(raw: str) -> str:
    text = raw.replace(",", "").replace("$", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise Invalid(_("Enter a dollar amount, like 1234.56.")) from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise Invalid(_("Enter a dollar amount with at most two decimals, like 1234.56."))
    if amount < 0:
        raise Invalid(_("Enter an amount of 0 or more."))
    if amount >= Decimal("100000000"):
        raise Invalid(_("Enter an amount under $100,000,000."))
    return f"{amount:.2f}"


def _routing(raw: str) -> str:
    d = _digits(raw)
    if not re.fullmatch(r"\d{9}", d):
        raise Invalid(_("Enter the 9-digit routing number."))
    weights = (3, 7, 1) * 3
    if sum(int(c) * w for c, w in zip(d, weights, strict=True)) % 10 or \
            d[:2] not in {f"{n:02d}" for n in (*range(1, 13), *range(21, 33), 61, 62, 63, 64,
                                                 65, 66, 67, 68, 69, 70, 71, 72)}:
        raise Invalid(_("This is not a valid routing number. Check the 9 digits at the bottom "
                        "left of a check, or ask your bank."))
    return d


def _date(raw, ctx: Context, kind: str):
    parts = raw or {}
    month, day, year = (str(parts.get(k, "")).strip() for k in ("month", "day", "year"))
    if not (month or day or year):
        return None
    try:
        if not re.fullmatch(r"\d{4}", year):
            raise ValueError
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise Invalid(_("Enter a real date: the month, the day and a 4-digit year.")) from None
    if kind == "paydate":
        due = dt.date(ctx.year + 1, 4, 15)
        if not ctx.today <= value <= max(due, ctx.today):
            raise Invalid(_("Choose a date from today to %(due)s.")
                          % {"due": formats.date_format(due, "DATE_FORMAT")})
        return value.isoformat()
    if value.year < 1900:
        raise Invalid(_("Enter a year of birth after 1900."))
    if value > ctx.today:
        raise Invalid(_("A date of birth can't be after today."))
    return value.isoformat()


def shown(kind: str, value) -> object:
    """A saved answer as the form shows it."""
    if value is None:
        return "" if kind not in ("date", "paydate") else {}
    if kind in ("date", "paydate"):
        d = dt.date.fromisoformat(value)
        return {"month": str(d.month), "day": str(d.day), "year": str(d.year)}
    if kind == "yesno":
        return "yes" if value else "no"
    return value
