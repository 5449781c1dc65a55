"""Season forecasts: the filing season's shape, intervals, and a backtest against seasonal-naive."""

import io
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from civiccx.staffing.planning.forecasting import (
    ForecastSettings,
    HistoryError,
    history_from_rows,
    read_history_csv,
    season_forecast,
)
from civiccx.staffing.planning.synthetic import filing_season_history, season_shape

pytestmark = pytest.mark.pure


@pytest.fixture(scope="module")
def three_years():
    """Two years and a half of a main line, ending in the middle of February's ramp."""
    return filing_season_history(date(2023, 8, 1), date(2026, 2, 13), seed=7)


@pytest.fixture(scope="module")
def mid_ramp(three_years):
    return season_forecast(three_years, ForecastSettings(date(2026, 2, 16), date(2026, 4, 30)))


def test_forecast_beats_seasonal_naive_on_held_back_ramp_weeks(mid_ramp):
    accuracy = mid_ramp.accuracy
    assert accuracy.holdout_days == 14
    # last week's volume lags a ramp; the yearly season knows it is coming
    assert accuracy.beats_naive
    assert accuracy.mase < 0.6 * accuracy.naive_mase, accuracy
    assert accuracy.coverage[95] >= accuracy.coverage[80] >= 0.6


def test_forecast_has_the_seasons_shape(mid_ramp):
    days = mid_ramp.dates()
    daily = dict(zip(days, mid_ramp.daily, strict=True))
    weekday_volume = {d: v for d, v in daily.items() if d.weekday() < 5}
    assert all(v == 0 for d, v in daily.items() if d.weekday() >= 5), "closed on weekends"
    assert daily[date(2026, 2, 16)] == 0, "closed on Washington's Birthday"
    assert mid_ramp.holidays[date(2026, 2, 16)] == "Washington's Birthday"
    peak_day = max(weekday_volume, key=weekday_volume.get)
    assert date(2026, 4, 1) <= peak_day <= date(2026, 4, 15), "the rush before the deadline"
    after_deadline = np.mean([v for d, v in weekday_volume.items() if d >= date(2026, 4, 22)])
    assert after_deadline < 0.6 * weekday_volume[peak_day]
    # Mondays are busier than Fridays of the same week
    assert daily[date(2026, 3, 2)] > daily[date(2026, 3, 6)]
    # close to the shape the history was drawn from (5% yearly growth, Poisson noise)
    monday = date(2026, 3, 9)
    expected = 12_000 * 1.05 ** ((monday - date(2023, 8, 1)).days / 365.25) * season_shape(
        monday) * 1.25
    assert daily[monday] == pytest.approx(expected, rel=0.1)


def test_half_hours_add_up_to_the_day_and_intervals_bracket_the_mean(mid_ramp):
    assert mid_ramp.calls.sum(axis=1) == pytest.approx(mid_ramp.daily, rel=1e-9, abs=1e-6)
    assert np.all(mid_ramp.lower[95] <= mid_ramp.lower[80] + 1e-9)
    assert np.all(mid_ramp.lower[80] <= mid_ramp.calls + 1e-9)
    assert np.all(mid_ramp.upper[95] >= mid_ramp.upper[80] - 1e-9)
    busy = mid_ramp.calls[7]  # a Monday in March
    open_slots = np.flatnonzero(busy > 0)
    assert (open_slots[0], open_slots[-1]) == (14, 37), "7:00 to 19:00"
    assert np.all(mid_ramp.aht[7, open_slots] > 500)
    rows = mid_ramp.rows()
    assert rows[0]["interval_start"] == "2026-02-16 00:00"
    assert set(rows[0]) == {"interval_start", "calls_offered", "calls_low_80", "calls_high_80",
                            "aht_seconds"}


def test_with_one_year_of_history_the_season_is_last_years_times_growth():
    history = filing_season_history(date(2025, 1, 1), date(2026, 1, 9), seed=3)
    forecast = season_forecast(history, ForecastSettings(date(2026, 1, 12), date(2026, 3, 27),
                                                         growth=1.1))
    assert forecast.method == "last year's same weekday × 1.1"
    this_year = forecast.daily[forecast.dates().index(date(2026, 3, 2))]
    last_year = history.calls[(date(2025, 3, 3) - history.first_day).days].sum()
    assert this_year == pytest.approx(1.1 * last_year, rel=1e-6)
    assert forecast.accuracy.mase < forecast.accuracy.naive_mase


def test_history_from_csv_and_its_errors():
    text = ("interval_start,calls_offered,aht_seconds\n"
            + "".join(f"2025-01-{d:02d} 08:00,{10 * d},600\n2025-01-{d:02d} 08:30,5,540\n"
                      for d in range(1, 29)))
    history = read_history_csv(io.StringIO(text))
    assert history.first_day == date(2025, 1, 1) and history.days == 28
    assert history.calls[2, 16] == 30 and history.aht[2, 17] == 540
    assert np.isnan(history.aht[0, 0])
    problems = {
        "interval_start,calls_offered\n": "missing column: aht_seconds",
        "interval_start,calls_offered,aht_seconds\n2025-01-01 8am,3,600\n":
            "line 2: interval_start is '2025-01-01 8am', not a date and time",
        "interval_start,calls_offered,aht_seconds\n2025-01-01 08:10,3,600\n":
            "does not start a 30-minute interval",
        "interval_start,calls_offered,aht_seconds\n2025-01-01 08:00,-3,600\n":
            "line 2: calls_offered must be a number ≥ 0, got -3",
        "interval_start,calls_offered,aht_seconds\n2025-01-01 08:00,3,0\n":
            "line 2: aht_seconds must be > 0 when calls were offered",
        "interval_start,calls_offered,aht_seconds\n": "the file has a header but no rows",
        "": "the file is empty",
    }
    for text, message in problems.items():
        with pytest.raises(HistoryError, match=message):
            read_history_csv(io.StringIO(text))


def test_bad_settings_and_short_history_are_explained():
    start = datetime(2025, 3, 3, 9)
    short = history_from_rows([(start + timedelta(days=d), 10, 300) for d in range(20)])
    with pytest.raises(HistoryError, match="covers 20 days"):
        season_forecast(short, ForecastSettings(date(2025, 6, 1), date(2025, 6, 30)))
    with pytest.raises(HistoryError, match="the last day is before the first"):
        ForecastSettings(date(2025, 6, 30), date(2025, 6, 1))
    with pytest.raises(HistoryError, match="growth"):
        ForecastSettings(date(2025, 6, 1), date(2025, 6, 30), growth=0)
    history = filing_season_history(date(2025, 1, 1), date(2025, 4, 30))
    with pytest.raises(HistoryError, match="must start after the history ends"):
        season_forecast(history, ForecastSettings(date(2025, 4, 1), date(2025, 5, 30)))
