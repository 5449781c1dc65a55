"""A made-up but realistic call history for a tax agency's main phone line.

Used by the demo, the tests and the bench, where a known shape matters: a quiet autumn, a ramp
from early January, the February–April peak with a rush before the April 15 deadline, a
smaller bump before the October 15 extension deadline, weekdays busier early in the week, the
lines closed on weekends and federal holidays and open 7 a.m.–7 p.m., a mid-morning intraday
peak, longer calls in the peak season, and Poisson noise. Half-hour totals are generated
directly (aggregated, not one row per call), so years of history at tens of thousands of calls
a day take milliseconds.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from civiccx.staffing.planning.forecasting import IntervalHistory

WEEKDAY_FACTORS = (1.25, 1.1, 1.0, 0.95, 0.85, 0.0, 0.0)
OPENS_SLOT, CLOSES_SLOT = 14, 38  # 7:00 to 19:00 in half-hours


def season_shape(day: date) -> float:
    """Relative daily volume on ``day``: 1.0 in the quiet months, about 4 at the peak."""
    deadline = date(day.year, 4, 15)
    days = (day - date(day.year, 1, 1)).days
    ramp = 1.0 / (1.0 + np.exp(-(days - 20) / 5.0))  # opens late January
    fall = 1.0 / (1.0 + np.exp(((day - deadline).days - 3) / 4.0))
    rush = 0.8 * np.exp(-(((day - deadline).days + 3) / 6.0) ** 2)
    extension = 0.35 * np.exp(-(((day - date(day.year, 10, 15)).days + 4) / 6.0) ** 2)
    return float(1.0 + 2.6 * ramp * fall + rush + extension)


def intraday_profile(slots: int = 48) -> np.ndarray:
    t = np.arange(slots)
    profile = np.where((t >= OPENS_SLOT) & (t < CLOSES_SLOT),
                       0.6 + np.exp(-((t - 20.5) / 4.0) ** 2) + 0.35 * np.exp(
                           -((t - 30) / 3.0) ** 2), 0.0)
    return profile / profile.sum()


def filing_season_history(first_day: date, last_day: date, *, quiet_daily_calls: float = 12_000,
                          yearly_growth: float = 0.05, base_aht: float = 660.0,
                          seed: int = 0) -> IntervalHistory:
    """Half-hour calls and handle times from ``first_day`` to ``last_day``."""
    import holidays

    rng = np.random.default_rng(seed)
    days = (last_day - first_day).days + 1
    closed = holidays.country_holidays("US", years=range(first_day.year, last_day.year + 1))
    profile = intraday_profile()
    calls = np.zeros((days, profile.size))
    aht = np.full((days, profile.size), np.nan)
    for d in range(days):
        day = first_day + timedelta(days=d)
        weekday = WEEKDAY_FACTORS[day.weekday()]
        if not weekday or day in closed:
            continue
        years = (day - first_day).days / 365.25
        shape = season_shape(day)
        mean = quiet_daily_calls * (1 + yearly_growth) ** years * shape * weekday * profile
        calls[d] = rng.poisson(mean)
        busy = calls[d] > 0
        day_aht = base_aht * (1.0 + 0.08 * (shape - 1.0) / 2.6)
        aht[d, busy] = day_aht * (1 + 0.1 * np.sin(np.arange(profile.size)[busy] / 4)) * \
            rng.normal(1.0, 0.02, busy.sum())
    return IntervalHistory(first_day, calls, aht, 30)
