"""Federal fiscal years and quarters.

The federal fiscal year runs 1 October - 30 September and is named for the calendar year in
which it ends (31 U.S.C. 1102), so FY2024 began on 1 October 2023 and FY2024 Q2 is
January-March 2024. A-11 Section 280 CX data are reported per fiscal quarter, due within 30
days after the quarter ends (performance.gov/cx/reporting.html).

Quarters are written ``FY2024Q2``; the parser also accepts ``FY2024 Q2``, ``FY24Q2``,
``fy2024-q2`` and ``2024Q2`` (always read as a *fiscal* quarter).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

__all__ = [
    "FiscalQuarter",
    "fiscal_quarter",
    "fiscal_year",
    "format_fiscal_quarter",
    "iter_fiscal_quarters",
    "parse_fiscal_quarter",
    "quarter_end",
    "quarter_of",
    "quarter_start",
    "report_due_date",
]

_MIN_YEAR = 1901  # FY1901 Q1 starts in October 1900; keeps every quarter inside date's range
_MAX_YEAR = 9999

_PATTERN = re.compile(
    r"^\s*(?:FY\s*)?(?P<year>\d{2}|\d{4})\s*[-_/ ]?\s*Q\s*(?P<quarter>\d)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class FiscalQuarter:
    """One federal fiscal quarter; ordering follows time."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not isinstance(self.year, int) or isinstance(self.year, bool):
            raise TypeError(f"fiscal year must be an int, not {type(self.year).__name__}")
        if not isinstance(self.quarter, int) or isinstance(self.quarter, bool):
            raise TypeError(f"quarter must be an int, not {type(self.quarter).__name__}")
        if not _MIN_YEAR <= self.year <= _MAX_YEAR:
            raise ValueError(f"fiscal year {self.year} is out of range {_MIN_YEAR}-{_MAX_YEAR}")
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"quarter must be 1-4, got {self.quarter}")

    @property
    def start(self) -> date:
        """First day of the quarter (Q1 starts 1 October of the previous calendar year)."""
        calendar_year = self.year - 1 if self.quarter == 1 else self.year
        month = {1: 10, 2: 1, 3: 4, 4: 7}[self.quarter]
        return date(calendar_year, month, 1)

    @property
    def end(self) -> date:
        """Last day of the quarter, inclusive."""
        calendar_year = self.year - 1 if self.quarter == 1 else self.year
        month, day = {1: (12, 31), 2: (3, 31), 3: (6, 30), 4: (9, 30)}[self.quarter]
        return date(calendar_year, month, day)

    def next(self) -> FiscalQuarter:
        if self.quarter == 4:
            return FiscalQuarter(self.year + 1, 1)
        return FiscalQuarter(self.year, self.quarter + 1)

    def previous(self) -> FiscalQuarter:
        if self.quarter == 1:
            return FiscalQuarter(self.year - 1, 4)
        return FiscalQuarter(self.year, self.quarter - 1)

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        if not isinstance(day, date):
            return False
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return f"FY{self.year}Q{self.quarter}"


def _as_date(day: date | datetime) -> date:
    if isinstance(day, datetime):
        return day.date()
    if isinstance(day, date):
        return day
    raise TypeError(f"expected a date or datetime, not {type(day).__name__}")


def fiscal_year(day: date | datetime) -> int:
    """The federal fiscal year containing ``day`` (October-December belong to the next FY).

    A timezone-aware datetime is taken in its own zone: convert it to the agency's zone first.
    """
    day = _as_date(day)
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_quarter(day: date | datetime) -> FiscalQuarter:
    """The fiscal quarter containing ``day``."""
    day = _as_date(day)
    quarter = (day.month - 10) % 12 // 3 + 1
    return FiscalQuarter(fiscal_year(day), quarter)


def parse_fiscal_quarter(text: str) -> FiscalQuarter:
    """Read ``FY2024Q2`` (and the spellings listed in the module docstring).

    Two-digit years mean 20xx. Anything else raises ValueError naming the bad input.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a string like 'FY2024Q2', not {type(text).__name__}")
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"not a fiscal quarter: {text!r} (expected a form like 'FY2024Q2')")
    year_text, quarter = match["year"], int(match["quarter"])
    year = 2000 + int(year_text) if len(year_text) == 2 else int(year_text)
    if not 1 <= quarter <= 4:
        raise ValueError(f"not a fiscal quarter: {text!r} (quarter must be 1-4, got {quarter})")
    try:
        return FiscalQuarter(year, quarter)
    except ValueError as exc:
        raise ValueError(f"not a fiscal quarter: {text!r} ({exc})") from None


def format_fiscal_quarter(quarter: FiscalQuarter) -> str:
    """``FiscalQuarter(2024, 2)`` -> ``'FY2024Q2'``."""
    return str(quarter)


def quarter_of(moment: date | datetime, zone: tzinfo | None = None) -> str:
    """The label (``FY2024Q2``) of the fiscal quarter containing a day, or an instant seen in
    ``zone`` (the agency's time zone: counts are filed under the local day they happened on).
    """
    if isinstance(moment, datetime) and zone is not None:
        moment = moment.astimezone(zone)
    return format_fiscal_quarter(fiscal_quarter(moment))


def _coerce(quarter: FiscalQuarter | str) -> FiscalQuarter:
    return parse_fiscal_quarter(quarter) if isinstance(quarter, str) else quarter


def quarter_start(quarter: FiscalQuarter | str) -> date:
    return _coerce(quarter).start


def quarter_end(quarter: FiscalQuarter | str) -> date:
    return _coerce(quarter).end


def report_due_date(quarter: FiscalQuarter | str, days_after: int = 30) -> date:
    """A-11 quarterly CX data are due within 30 days after the quarter ends."""
    return _coerce(quarter).end + timedelta(days=days_after)


def iter_fiscal_quarters(
    first: FiscalQuarter | str, last: FiscalQuarter | str
) -> Iterator[FiscalQuarter]:
    """Each quarter from ``first`` to ``last`` inclusive; empty if ``last`` precedes ``first``."""
    current, stop = _coerce(first), _coerce(last)
    while current <= stop:
        yield current
        if current == FiscalQuarter(_MAX_YEAR, 4):
            return
        current = current.next()
