"""Season forecasts: calls and handle time per half-hour for every day of the coming season.

Top-down, as contact centers usually forecast (Gans, Koole & Mandelbaum, MSOM 5(2), 2003):

1. **Daily volume** with statsforecast's MSTL: weekly (7) and yearly (365) seasonal components
   — the filing season's January ramp, February–April peak and the fall after the April
   deadline come from the yearly one — and an AutoETS trend that carries the year-on-year
   growth. Fitted on log(1 + calls), so the weekly and seasonal swings scale with the volume
   and intervals are multiplicative. Closed days and federal holidays are taken out before
   fitting (interpolated, so a weekend does not land on a Monday a year later) and put back
   after: closed weekdays at 0, holidays at the ratio the history showed (0 when the line
   closed). With less than two years of history there is no yearly
   component to fit: the season is then last year's same weekday (364 days earlier) times a
   growth factor the analyst gives, with intervals from the week-to-week variation.
2. **Intraday**: each weekday's share of the day per half-hour, and the handle time per
   weekday and half-hour, from the last weeks of history. Weekdays without calls in those
   weeks are closed days.

Prediction intervals per half-hour combine the daily interval (scaled by the share) with the
Poisson variation of counts within the half-hour.

``season_forecast`` also backtests itself in the same run: it refits on the history minus the
last ``holdout_weeks`` weeks, forecasts them, and reports the mean absolute scaled error (MASE,
Hyndman & Koehler 2006; scale = in-sample error of the same-half-hour-last-week forecast) for
both itself and the seasonal-naive forecast (each half-hour = the same half-hour a week before).
"""

from __future__ import annotations

import csv
import math
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TextIO

import numpy as np
from scipy import stats

HISTORY_COLUMNS = ("interval_start", "calls_offered", "aht_seconds")
YEAR_DAYS = 365
SAME_WEEKDAY_LAST_YEAR = 364
LEVELS = (80, 95)


class HistoryError(ValueError):
    """History or settings the forecaster cannot use; the message names the line and field."""


@dataclass(frozen=True)
class IntervalHistory:
    """Calls and handle time per interval, on a complete day-by-interval grid.

    ``calls[d, s]`` is the number of calls offered on day ``first_day + d`` in interval ``s``
    (local time); days or intervals with no record count as closed (0 calls). ``aht`` is NaN
    where there were no calls.
    """

    first_day: date
    calls: np.ndarray
    aht: np.ndarray
    interval_minutes: int = 30

    @property
    def days(self) -> int:
        return self.calls.shape[0]

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.days - 1)

    def dates(self) -> list[date]:
        return [self.first_day + timedelta(days=d) for d in range(self.days)]

    def head(self, days: int) -> IntervalHistory:
        return IntervalHistory(self.first_day, self.calls[:days], self.aht[:days],
                               self.interval_minutes)


def history_from_rows(rows: Iterable[tuple[datetime, float, float]],
                      interval_minutes: int = 30) -> IntervalHistory:
    """Build the grid from (interval start, calls, average handle seconds) rows.

    Rows that fall in the same interval are merged (calls added, handle time call-weighted).
    """
    if interval_minutes <= 0 or 1440 % interval_minutes:
        raise HistoryError("interval: must divide a day (e.g. 15, 30 or 60 minutes)")
    collected = [(start, float(calls), float(aht)) for start, calls, aht in rows]
    if not collected:
        raise HistoryError("the history has no rows")
    first = min(r[0] for r in collected).date()
    last = max(r[0] for r in collected).date()
    slots = 1440 // interval_minutes
    days = (last - first).days + 1
    calls = np.zeros((days, slots))
    handle = np.zeros((days, slots))
    for start, n, aht in collected:
        d = (start.date() - first).days
        s = (start.hour * 60 + start.minute) // interval_minutes
        calls[d, s] += n
        handle[d, s] += n * aht
    with np.errstate(invalid="ignore", divide="ignore"):
        aht = np.where(calls > 0, handle / calls, np.nan)
    return IntervalHistory(first, calls, aht, interval_minutes)


def read_history_csv(source: str | Path | TextIO, interval_minutes: int = 30) -> IntervalHistory:
    """Season history from a CSV: interval_start (date and time), calls_offered, aht_seconds."""
    if isinstance(source, str | Path):
        with open(source, newline="", encoding="utf-8-sig") as handle:
            return read_history_csv(handle, interval_minutes)
    reader = csv.DictReader(source)
    if reader.fieldnames is None:
        raise HistoryError("the file is empty: expected a header line with columns "
                           + ", ".join(HISTORY_COLUMNS))
    names = {name.strip().lower(): name for name in reader.fieldnames if name}
    missing = [c for c in HISTORY_COLUMNS if c not in names]
    if missing:
        raise HistoryError(f"missing column{'s' if len(missing) > 1 else ''}: "
                           f"{', '.join(missing)} (found: {', '.join(reader.fieldnames)})")
    rows = []
    for row in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        text = (row[names["interval_start"]] or "").strip()
        try:
            start = datetime.fromisoformat(text)
        except ValueError:
            raise HistoryError(f"line {line}: interval_start is {text!r}, not a date and time "
                               "like 2025-02-03 08:30") from None
        if start.tzinfo is not None:
            start = start.replace(tzinfo=None)
        if (start.hour * 60 + start.minute) % interval_minutes or start.second:
            raise HistoryError(f"line {line}: {text} does not start a {interval_minutes}-minute "
                               "interval")
        calls = _number(row[names["calls_offered"]], line, "calls_offered")
        aht_text = (row[names["aht_seconds"]] or "").strip()
        aht = _number(aht_text, line, "aht_seconds") if calls > 0 or aht_text else 0.0
        if calls > 0 and aht <= 0:
            raise HistoryError(f"line {line}: aht_seconds must be > 0 when calls were offered")
        rows.append((start, calls, aht))
    if not rows:
        raise HistoryError("the file has a header but no rows")
    return history_from_rows(rows, interval_minutes)


def history_csv_text(history: IntervalHistory) -> str:
    """The history as the CSV ``read_history_csv`` reads (intervals with calls only)."""
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HISTORY_COLUMNS)
    step = timedelta(minutes=history.interval_minutes)
    for d, day in enumerate(history.dates()):
        midnight = datetime.combine(day, datetime.min.time())
        for s in np.flatnonzero(history.calls[d] > 0):
            writer.writerow([(midnight + int(s) * step).isoformat(sep=" ", timespec="minutes"),
                             f"{history.calls[d, s]:g}", f"{history.aht[d, s]:.1f}"])
    return out.getvalue()


def _number(cell: str | None, line: int, column: str) -> float:
    text = (cell or "").strip()
    try:
        value = float(text)
    except ValueError:
        shown = repr(text) if text else "an empty cell"
        raise HistoryError(f"line {line}: {column} is {shown}, not a number") from None
    if not math.isfinite(value) or value < 0:
        raise HistoryError(f"line {line}: {column} must be a number ≥ 0, got {text}")
    return value


@dataclass(frozen=True)
class ForecastSettings:
    first_day: date
    last_day: date
    """The season to forecast, both days included."""
    holdout_weeks: int = 2
    profile_weeks: int = 8
    """Recent weeks whose intraday shape (share of the day per interval) is used."""
    growth: float = 1.0
    """Only without two years of history: next season = last year's × growth."""
    holidays: str | None = "US"
    """Country whose public holidays the line observes (the ``holidays`` package), or None."""
    levels: tuple[int, ...] = LEVELS

    def __post_init__(self):
        problems = []
        if self.last_day < self.first_day:
            problems.append("season: the last day is before the first")
        elif (self.last_day - self.first_day).days > 400:
            problems.append("season: forecast at most 400 days at a time")
        if not 0 <= self.holdout_weeks <= 8:
            problems.append("held-back weeks: 0 to 8")
        if self.profile_weeks < 1:
            problems.append("profile weeks: at least 1")
        if not self.growth > 0:
            problems.append("growth: must be > 0 (1.0 = the same volume as last year)")
        if any(not 50 <= level < 100 for level in self.levels):
            problems.append("levels: prediction levels are percentages from 50 to 99")
        if problems:
            raise HistoryError("; ".join(problems))


@dataclass(frozen=True)
class Accuracy:
    holdout_days: int
    mase: float
    naive_mase: float
    """The seasonal-naive forecast's MASE on the same held-back weeks."""
    coverage: dict[int, float]
    """Share of held-back half-hours inside each prediction interval."""
    method: str

    @property
    def beats_naive(self) -> bool:
        return self.mase < self.naive_mase


@dataclass
class SeasonForecast:
    first_day: date
    interval_minutes: int
    calls: np.ndarray
    """Mean forecast per (day, interval)."""
    aht: np.ndarray
    lower: dict[int, np.ndarray]
    upper: dict[int, np.ndarray]
    daily: np.ndarray
    daily_lower: dict[int, np.ndarray]
    daily_upper: dict[int, np.ndarray]
    method: str
    accuracy: Accuracy | None
    seconds: float
    holidays: dict[date, str] = field(default_factory=dict)

    @property
    def days(self) -> int:
        return self.calls.shape[0]

    def dates(self) -> list[date]:
        return [self.first_day + timedelta(days=d) for d in range(self.days)]

    def interval_starts(self) -> list[datetime]:
        step = timedelta(minutes=self.interval_minutes)
        return [datetime.combine(day, datetime.min.time()) + step * s
                for day in self.dates() for s in range(self.calls.shape[1])]

    def rows(self, level: int = 80) -> list[dict]:
        """One row per interval: start, calls (mean and interval) and AHT."""
        out = []
        flat = zip(self.interval_starts(), self.calls.ravel(), self.lower[level].ravel(),
                   self.upper[level].ravel(), self.aht.ravel(), strict=True)
        for start, mean, low, high, aht in flat:
            out.append({"interval_start": start.isoformat(sep=" ", timespec="minutes"),
                        "calls_offered": mean, f"calls_low_{level}": low,
                        f"calls_high_{level}": high, "aht_seconds": aht})
        return out


def season_forecast(history: IntervalHistory, settings: ForecastSettings,
                    progress: Callable[[str], None] | None = None) -> SeasonForecast:
    """Forecast the season in ``settings`` from ``history``, with its backtest."""
    started = time.perf_counter()
    _check_history(history, settings)
    horizon_days = (settings.last_day - history.last_day).days
    if horizon_days < 1 or settings.first_day <= history.last_day:
        ended = history.last_day
        raise HistoryError(f"the season must start after the history ends "
                           f"({ended:%B} {ended.day}, {ended.year})")
    accuracy = None
    if settings.holdout_weeks:
        if progress:
            progress("backtest")
        accuracy = backtest(history, settings)
    if progress:
        progress("forecast")
    daily = _daily_forecast(history, horizon_days, settings)
    skip = (settings.first_day - history.last_day).days - 1
    calls, aht, lower, upper = _intraday(history, daily, settings, skip)
    return SeasonForecast(
        settings.first_day, history.interval_minutes, calls, aht, lower, upper,
        daily["mean"][skip:], {k: v[skip:] for k, v in daily["lower"].items()},
        {k: v[skip:] for k, v in daily["upper"].items()}, daily["method"], accuracy,
        time.perf_counter() - started,
        {d: name for d, name in daily["holidays"].items() if d >= settings.first_day})


def _check_history(history: IntervalHistory, settings: ForecastSettings) -> None:
    needed = 7 * (settings.holdout_weeks + 2)
    if history.days < needed:
        raise HistoryError(f"the history covers {history.days} days; forecasting with "
                           f"{settings.holdout_weeks} held-back weeks needs at least {needed}")
    if history.calls.sum() <= 0:
        raise HistoryError("the history has no calls")


def backtest(history: IntervalHistory, settings: ForecastSettings) -> Accuracy:
    """Refit without the last ``holdout_weeks`` weeks and score the forecast of them."""
    holdout = 7 * settings.holdout_weeks
    train = history.head(history.days - holdout)
    daily = _daily_forecast(train, holdout, settings)
    calls, _, lower, upper = _intraday(train, daily, settings, 0)
    actual = history.calls[-holdout:]
    slots = history.calls.shape[1]
    series = train.calls.ravel()
    lag = 7 * slots
    scale = float(np.mean(np.abs(series[lag:] - series[:-lag])))
    if scale == 0:
        raise HistoryError("the history repeats exactly week after week; nothing to score")
    naive = np.tile(train.calls[-7:], (settings.holdout_weeks, 1))
    coverage = {level: float(np.mean((actual >= lower[level]) & (actual <= upper[level])))
                for level in settings.levels}
    return Accuracy(holdout, float(np.mean(np.abs(actual - calls))) / scale,
                    float(np.mean(np.abs(actual - naive))) / scale, coverage, daily["method"])


def _holiday_dates(history_first: date, last: date, country: str | None) -> dict[date, str]:
    if not country:
        return {}
    import holidays

    try:
        calendar = holidays.country_holidays(country, years=range(history_first.year,
                                                                  last.year + 1))
    except NotImplementedError:
        raise HistoryError(f"holidays: no calendar for country {country!r}") from None
    return {day: name for day, name in calendar.items() if history_first <= day <= last}


def _daily_forecast(history: IntervalHistory, horizon: int, settings: ForecastSettings) -> dict:
    """Calls per day for ``horizon`` days after the history, with intervals."""
    totals = history.calls.sum(axis=1)
    dates = history.dates()
    end = history.last_day + timedelta(days=horizon)
    holiday_names = _holiday_dates(history.first_day, end, settings.holidays)
    is_holiday = np.array([d in holiday_names for d in dates])
    # Closed days (weekends, holidays) would drag a log-scale fit to zero and, a year later,
    # land on different weekdays: fit the volume an open day would have had instead.
    usable = (totals > 0) & ~is_holiday
    if usable.sum() < 14:
        raise HistoryError("the history has fewer than 14 open days with calls")
    index = np.arange(totals.size)
    log_open = np.interp(index, index[usable], np.log1p(totals[usable]))
    ratio = _holiday_ratio(totals, np.expm1(log_open), is_holiday, dates, history)
    if history.days >= 2 * YEAR_DAYS + 7:
        mean, lower, upper = _mstl(log_open, horizon, settings.levels)
        method = "MSTL (weekly and yearly seasons, AutoETS trend) on daily calls"
    else:
        mean, lower, upper = _last_year(log_open, horizon, settings)
        method = f"last year's same weekday × {settings.growth:g}"
    open_weekdays = _open_weekdays(history, settings)
    future = [history.last_day + timedelta(days=k + 1) for k in range(horizon)]
    factor = np.array([0.0 if d.weekday() not in open_weekdays
                       else ratio if d in holiday_names else 1.0 for d in future])
    to_calls = lambda v: np.maximum(np.expm1(v), 0.0) * factor  # noqa: E731
    return {"mean": to_calls(mean), "lower": {k: to_calls(v) for k, v in lower.items()},
            "upper": {k: to_calls(v) for k, v in upper.items()}, "method": method,
            "holidays": {d: holiday_names[d] for d in future if d in holiday_names}}


def _open_weekdays(history: IntervalHistory, settings: ForecastSettings) -> set[int]:
    """Weekdays with calls in the recent weeks: the line's opening days."""
    weeks = min(settings.profile_weeks, history.days // 7)
    totals = history.calls[-7 * weeks:].sum(axis=1)
    first = history.last_day - timedelta(days=7 * weeks - 1)
    return {(first + timedelta(days=int(k))).weekday() for k in np.flatnonzero(totals > 0)}


def _holiday_ratio(totals, expected, is_holiday, dates, history) -> float:
    """Median of holiday volume over the volume the same day would have had open (0 when
    the line closes on holidays), over holidays that fell on weekdays the line opens."""
    weekdays_open = {d.weekday() for d, n in zip(dates, totals, strict=True) if n > 0}
    usable = [i for i in np.flatnonzero(is_holiday) if dates[i].weekday() in weekdays_open
              and expected[i] > 0]
    if not usable:
        return 1.0
    return float(np.median(totals[usable] / expected[usable]))


def _mstl(log_calls: np.ndarray, horizon: int, levels) -> tuple:
    import pandas as pd
    from statsforecast import StatsForecast
    from statsforecast.models import MSTL, AutoETS

    frame = pd.DataFrame({"unique_id": "calls", "y": log_calls,
                          "ds": pd.RangeIndex(log_calls.size)})
    model = MSTL(season_length=[7, YEAR_DAYS], trend_forecaster=AutoETS(model="ZZN"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = StatsForecast(models=[model], freq=1, n_jobs=1).forecast(
            df=frame, h=horizon, level=list(levels))
    return (result["MSTL"].to_numpy(),
            {k: result[f"MSTL-lo-{k}"].to_numpy() for k in levels},
            {k: result[f"MSTL-hi-{k}"].to_numpy() for k in levels})


def _last_year(log_calls: np.ndarray, horizon: int, settings: ForecastSettings) -> tuple:
    n = log_calls.size
    index = n + np.arange(horizon)
    source = index - SAME_WEEKDAY_LAST_YEAR * np.ceil(
        (index - n + 1) / SAME_WEEKDAY_LAST_YEAR).astype(int)
    weekly = np.array([log_calls[n - 7 + (k % 7)] for k in range(horizon)])
    mean = np.where(source >= 0, log_calls[np.clip(source, 0, n - 1)], weekly)
    mean = np.log1p(np.expm1(mean) * settings.growth)
    change = log_calls[7:] - log_calls[:-7]
    sigma = float(np.std(change[np.isfinite(change)])) if change.size > 1 else 0.1
    lower, upper = {}, {}
    for level in settings.levels:
        z = stats.norm.ppf(0.5 + level / 200)
        lower[level], upper[level] = mean - z * sigma, mean + z * sigma
    return mean, lower, upper


def _intraday(history: IntervalHistory, daily: dict, settings: ForecastSettings,
              skip: int) -> tuple:
    """Spread each day's calls over its intervals; AHT from the recent intraday profile."""
    weeks = min(settings.profile_weeks, history.days // 7)
    recent = history.calls[-7 * weeks:]
    recent_aht = history.aht[-7 * weeks:]
    recent_weekdays = [(history.last_day - timedelta(days=7 * weeks - 1 - k)).weekday()
                       for k in range(recent.shape[0])]
    slots = history.calls.shape[1]
    share = np.zeros((7, slots))
    aht_profile = np.full((7, slots), np.nan)
    for wd in range(7):
        rows = [k for k, w in enumerate(recent_weekdays) if w == wd]
        volume = recent[rows].sum(axis=0)
        if volume.sum() > 0:
            share[wd] = volume / volume.sum()
        handle = np.nansum(recent[rows] * np.nan_to_num(recent_aht[rows]), axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            aht_profile[wd] = np.where(volume > 0, handle / volume, np.nan)
    weekday_of_share = share.sum(axis=1) > 0
    fallback = share[weekday_of_share].mean(axis=0) if weekday_of_share.any() else share[0]
    overall_aht = float(np.nansum(recent * np.nan_to_num(recent_aht)) / max(recent.sum(), 1))
    days = daily["mean"].size - skip
    first = history.last_day + timedelta(days=skip + 1)
    calls = np.zeros((days, slots))
    aht = np.zeros((days, slots))
    lower = {k: np.zeros((days, slots)) for k in settings.levels}
    upper = {k: np.zeros((days, slots)) for k in settings.levels}
    for d in range(days):
        wd = (first + timedelta(days=d)).weekday()
        day_share = share[wd] if weekday_of_share[wd] else fallback
        mean = daily["mean"][skip + d] * day_share
        calls[d] = mean
        aht[d] = np.where(np.isnan(aht_profile[wd]), overall_aht, aht_profile[wd])
        for level in settings.levels:
            z = stats.norm.ppf(0.5 + level / 200)
            spread = (daily["upper"][level][skip + d] - daily["lower"][level][skip + d]) / (2 * z)
            sd = np.sqrt((spread * day_share) ** 2 + mean)
            lower[level][d] = np.maximum(mean - z * sd, 0.0)
            upper[level][d] = mean + z * sd
    return calls, aht, lower, upper
