"""Turn a call forecast into a per-interval staffing plan; read both from CSV, and give the
plan's CSV cells (files are written by ``civiccx.core.spreadsheets``, which makes them safe to
open in a spreadsheet; this library stays free of everything but numpy and scipy).

A forecast row is (interval start, calls offered, AHT seconds). A plan row adds the agents
required on the phones to meet the targets, the agents to schedule once shrinkage (breaks,
training, absence) is allowed for, and what the model expects at that staffing. All intervals
are solved in one vectorized pass (see ``search``), so a season of half-hours takes milliseconds.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import numpy as np

from civiccx.staffing.queueing import erlang_a, erlang_c

FORECAST_COLUMNS = ("interval_start", "calls_offered", "aht_seconds")
PLAN_COLUMNS = (
    "interval_start",
    "calls_offered",
    "aht_seconds",
    "load_erlangs",
    "required_agents",
    "scheduled_agents",
    "service_level",
    "asa_seconds",
    "occupancy",
    "wait_probability",
    "abandon_rate",
)
MODELS = ("erlang-c", "erlang-a")


class ForecastError(ValueError):
    """A forecast or setting the planner cannot use; the message names the line and field."""


@dataclass(frozen=True)
class Forecast:
    interval_start: list[str]
    calls_offered: np.ndarray
    aht_seconds: np.ndarray

    def __post_init__(self):
        if not (len(self.interval_start) == self.calls_offered.size == self.aht_seconds.size):
            raise ForecastError("forecast columns have different lengths")


@dataclass(frozen=True)
class PlanSettings:
    target_service_level: float = 0.8
    target_seconds: float = 60.0
    shrinkage: float = 0.3
    max_occupancy: float = 0.85
    max_asa_seconds: float | None = None
    model: str = "erlang-c"
    patience_seconds: float | None = None
    """Mean caller patience; required by Erlang A."""
    interval_seconds: float = 1800.0

    def __post_init__(self):
        problems = []
        if self.model not in MODELS:
            problems.append(f"model: unknown model {self.model!r} (choose {' or '.join(MODELS)})")
        if not 0.0 <= self.target_service_level < 1.0:
            problems.append("target-sl: must be at least 0 and below 1")
        if not self.target_seconds >= 0:
            problems.append("target-seconds: must be ≥ 0")
        if not 0.0 <= self.shrinkage < 1.0:
            problems.append("shrinkage: must be at least 0 and below 1")
        if not 0.0 < self.max_occupancy <= 1.0:
            problems.append("max-occupancy: must be above 0 and at most 1")
        if self.max_asa_seconds is not None and not self.max_asa_seconds > 0:
            problems.append("max-asa-seconds: must be > 0")
        if not self.interval_seconds > 0:
            problems.append("interval: must be > 0")
        if self.model == "erlang-a" and not (
            self.patience_seconds is not None and self.patience_seconds > 0
        ):
            problems.append("patience-seconds: Erlang A needs a mean patience > 0")
        if problems:
            raise ForecastError("; ".join(problems))


@dataclass(frozen=True)
class Plan:
    forecast: Forecast
    settings: PlanSettings
    columns: dict[str, np.ndarray] = field(repr=False)

    def rows(self) -> list[dict[str, object]]:
        out = []
        for i, start in enumerate(self.forecast.interval_start):
            row: dict[str, object] = {"interval_start": start}
            for name in PLAN_COLUMNS[1:]:
                value = self.columns[name][i]
                row[name] = value.item() if isinstance(value, np.generic) else value
            out.append(row)
        return out

    def scheduled_agent_hours(self) -> float:
        return float(self.columns["scheduled_agents"].sum() * self.settings.interval_seconds / 3600)


def staffing_plan(forecast: Forecast, settings: PlanSettings) -> Plan:
    """Required and scheduled agents, and expected performance, for every interval."""
    calls, aht = forecast.calls_offered, forecast.aht_seconds
    load = erlang_c.offered_load(calls, aht, settings.interval_seconds)
    if settings.model == "erlang-c":
        required = erlang_c.required_agents(
            load,
            aht,
            target_service_level=settings.target_service_level,
            target_time=settings.target_seconds,
            max_asa=settings.max_asa_seconds,
            max_occupancy=settings.max_occupancy,
        )
        sl = erlang_c.service_level(required, load, aht, settings.target_seconds)
        asa = erlang_c.average_speed_of_answer(required, load, aht)
        occ = erlang_c.occupancy(required, load)
        p_wait = erlang_c.wait_probability(required, load)
        abandon = np.full(calls.size, np.nan)
    else:
        rate = calls / settings.interval_seconds
        required = erlang_a.required_agents(
            rate,
            aht,
            settings.patience_seconds,
            target_service_level=settings.target_service_level,
            target_time=settings.target_seconds,
            max_asa=settings.max_asa_seconds,
            max_occupancy=settings.max_occupancy,
        )
        r = erlang_a.erlang_a(
            required, rate, aht, settings.patience_seconds, settings.target_seconds
        )
        sl, asa, occ = r.service_level, r.average_speed_of_answer, r.occupancy
        p_wait, abandon = r.wait_probability, r.abandon_probability
    idle = calls == 0
    columns = {
        "calls_offered": calls,
        "aht_seconds": aht,
        "load_erlangs": load,
        "required_agents": required,
        "scheduled_agents": erlang_c.scheduled_agents(required, settings.shrinkage),
        "service_level": np.where(idle, 1.0, sl),
        "asa_seconds": np.where(idle, 0.0, asa),
        "occupancy": np.where(idle, 0.0, occ),
        "wait_probability": np.where(idle, 0.0, p_wait),
        "abandon_rate": np.where(idle & ~np.isnan(abandon), 0.0, abandon),
    }
    return Plan(forecast, settings, columns)


def read_forecast_csv(source: str | Path | TextIO) -> Forecast:
    """Parse a forecast CSV; any problem raises ForecastError naming the line and column."""
    forecast, _ = _read_csv(source, extra_column=None)
    return forecast


def read_plan_csv(source: str | Path | TextIO) -> tuple[Forecast, np.ndarray]:
    """Read back a plan file (``plan_csv_rows`` under ``PLAN_COLUMNS``): its forecast and required
    agents.

    The simulator uses this to replay a planned day (see ``civiccx staffing simulate --plan``).
    """
    forecast, required = _read_csv(source, extra_column="required_agents")
    if np.any(required != np.round(required)):
        raise ForecastError("required_agents must be whole numbers")
    return forecast, required.astype(np.int64)


def _read_csv(source, extra_column: str | None) -> tuple[Forecast, np.ndarray]:
    if isinstance(source, str | Path):
        with open(source, newline="", encoding="utf-8-sig") as handle:
            return _read_csv(handle, extra_column)
    wanted = FORECAST_COLUMNS + ((extra_column,) if extra_column else ())
    reader = csv.DictReader(source)
    if reader.fieldnames is None:
        raise ForecastError(
            "the file is empty: expected a header line with columns " + ", ".join(wanted)
        )
    names = {name.strip().lower(): name for name in reader.fieldnames if name}
    missing = [c for c in wanted if c not in names]
    if missing:
        raise ForecastError(
            "missing column"
            + ("s" if len(missing) > 1 else "")
            + ": "
            + ", ".join(missing)
            + f" (found: {', '.join(reader.fieldnames)})"
        )
    starts, calls, aht, extra = [], [], [], []
    for row in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        starts.append((row[names["interval_start"]] or "").strip())
        if not starts[-1]:
            raise ForecastError(f"line {line}: interval_start is empty")
        calls.append(_number(row[names["calls_offered"]], line, "calls_offered", allow_zero=True))
        aht.append(_number(row[names["aht_seconds"]], line, "aht_seconds", allow_zero=False))
        if extra_column:
            extra.append(_number(row[names[extra_column]], line, extra_column, allow_zero=True))
    if not starts:
        raise ForecastError("the file has a header but no rows")
    forecast = Forecast(starts, np.array(calls, dtype=float), np.array(aht, dtype=float))
    return forecast, np.array(extra, dtype=float)


def _number(cell: str | None, line: int, column: str, *, allow_zero: bool) -> float:
    text = (cell or "").strip()
    try:
        value = float(text)
    except ValueError:
        shown = repr(text) if text else "an empty cell"
        raise ForecastError(f"line {line}: {column} is {shown}, not a number") from None
    if not math.isfinite(value):
        raise ForecastError(f"line {line}: {column} must be a finite number, got {text!r}")
    if value < 0 or (value == 0 and not allow_zero):
        bound = "≥ 0" if allow_zero else "> 0"
        raise ForecastError(f"line {line}: {column} must be {bound}, got {text}")
    return value


def plan_csv_rows(plan: Plan) -> list[list[object]]:
    """The plan's rows as CSV cells in ``PLAN_COLUMNS`` order: numbers to six significant
    digits, "" where a figure does not apply (abandonment under Erlang C), "inf" where it is
    unbounded. ``read_plan_csv`` reads such a file back."""
    return [[_format_cell(row[name]) for name in PLAN_COLUMNS] for row in plan.rows()]


def _format_cell(value: object) -> object:
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "inf"
        return f"{value:.6g}"
    return value
