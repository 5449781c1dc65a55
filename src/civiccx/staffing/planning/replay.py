"""Check a scheduled week by simulation: what would callers actually get?

Each day of the week is replayed through the contact-center simulator (``queueing.simulator``)
with the calls and handle times forecast for it and, per half-hour, the CSRs the rosters put
on shift less the in-shift shrinkage (breaks, coaching). The same staffing goes through Erlang A
interval by interval, so the two can be read side by side: Erlang A treats every half-hour as
its own steady state, the simulator carries queues from one half-hour into the next.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from civiccx.staffing.queueing import erlang_a
from civiccx.staffing.queueing.simulator import CallbackPolicy, Scenario, simulate


@dataclass(frozen=True)
class Outcome:
    """Level of service (share answered), service level, abandonment and waits.

    ``*_low``/``*_high`` are the 95% confidence range over replications for simulated figures;
    for Erlang A they equal the figure. Waits are in seconds; ``wait_p90_seconds`` is the 90th
    percentile of answered callers' holds on the worst day (simulation only).
    """

    level_of_service: float
    service_level: float
    service_level_low: float
    service_level_high: float
    abandonment: float
    asa_seconds: float
    asa_low: float
    asa_high: float
    wait_p90_seconds: float
    calls: float


@dataclass(frozen=True)
class DayCheck:
    day: int
    simulated: Outcome
    erlang: Outcome


@dataclass(frozen=True)
class WeekCheck:
    days: list[DayCheck]
    simulated: Outcome
    erlang: Outcome
    replications: int


def agents_on_phones(coverage, shrinkage: float) -> np.ndarray:
    """CSRs taking calls: those on shift, less the in-shift shrinkage, rounded down."""
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be in [0, 1)")
    return np.floor(np.asarray(coverage, dtype=float) * (1.0 - shrinkage) + 1e-9).astype(int)


def erlang_outcome(agents, calls, aht, patience_seconds: float, target_seconds: float,
                   interval_seconds: float = 1800.0) -> Outcome:
    """Erlang A per interval, weighted by calls."""
    calls = np.asarray(calls, dtype=float).ravel()
    busy = calls > 0
    agents = np.asarray(agents, dtype=float).ravel()[busy]
    aht = np.asarray(aht, dtype=float).ravel()[busy]
    offered = calls[busy]
    total = float(offered.sum())
    if total == 0:
        return Outcome(1, 1, 1, 1, 0, 0, 0, 0, 0, 0)
    r = erlang_a.erlang_a(agents, offered / interval_seconds, aht, patience_seconds,
                          target_seconds)
    answered = offered * (1 - r.abandon_probability)
    sl = float((offered * r.service_level).sum() / total)
    with np.errstate(invalid="ignore"):
        asa = float(np.nansum(answered * np.nan_to_num(r.average_speed_of_answer, posinf=0))
                    / max(answered.sum(), 1e-9))
    return Outcome(float(answered.sum() / total), sl, sl, sl,
                   float((offered * r.abandon_probability).sum() / total), asa, asa, asa,
                   math.nan, total)


def replay_week(coverage, calls, aht, *, shrinkage: float, patience_seconds: float,
                target_seconds: float, interval_seconds: float = 1800.0,
                replications: int = 5, seed: int = 0, callback: CallbackPolicy | None = None,
                handle_time_cv: float | None = None,
                progress: Callable[[], None] | None = None) -> WeekCheck:
    """Simulate every day of the week ``replications`` times beside Erlang A.

    ``coverage``, ``calls`` and ``aht`` are (days, intervals) arrays: CSRs on shift (from the
    rosters), forecast calls and handle seconds.
    """
    coverage = np.asarray(coverage)
    calls = np.asarray(calls, dtype=float)
    aht = np.asarray(aht, dtype=float)
    if not coverage.shape == calls.shape == aht.shape:
        raise ValueError("coverage, calls and handle times need the same days and intervals")
    agents = agents_on_phones(coverage, shrinkage)
    days, week_sims = [], []
    for d in range(calls.shape[0]):
        busy = np.flatnonzero(calls[d] > 0)
        if busy.size == 0:
            continue
        span = slice(int(busy[0]), int(busy[-1]) + 1)
        day_aht = np.where(calls[d, span] > 0, aht[d, span], np.nanmean(aht[d, span]))
        scenario = Scenario(agents=agents[d, span], arrival_rate=calls[d, span] / interval_seconds,
                            aht_seconds=day_aht, patience_seconds=patience_seconds,
                            interval_seconds=interval_seconds, target_seconds=target_seconds,
                            handle_time_cv=handle_time_cv, callback=callback)
        result = simulate(scenario, replications=replications, seed=seed + d)
        week_sims.append(result)
        days.append(DayCheck(d, _simulated_outcome([result]),
                             erlang_outcome(agents[d, span], calls[d, span], day_aht,
                                            patience_seconds, target_seconds, interval_seconds)))
        if progress:
            progress()
    if not days:
        raise ValueError("the week has no calls to replay")
    erlang = erlang_outcome(agents, calls, np.nan_to_num(aht, nan=1.0), patience_seconds,
                            target_seconds, interval_seconds)
    return WeekCheck(days, _simulated_outcome(week_sims), erlang, replications)


def _simulated_outcome(results) -> Outcome:
    """Pool days (each a list of replications) into call-weighted figures per replication,
    then a mean and 95% range over replications."""
    from scipy import stats

    reps = len(results[0].replications)
    per_rep = {"los": [], "sl": [], "ab": [], "asa": [], "p90": [], "calls": []}
    for k in range(reps):
        day_rows = [r.replications[k] for r in results]
        offered = np.array([row["offered"] for row in day_rows])
        total = offered.sum()
        answered = np.array([row["answered_rate"] for row in day_rows]) * offered

        def weighted(key, weights, rows=day_rows):
            values = np.array([row[key] for row in rows])
            ok = ~np.isnan(values)
            return float((values[ok] * weights[ok]).sum() / max(weights[ok].sum(), 1e-9))

        per_rep["los"].append(float(answered.sum() / total) if total else 1.0)
        per_rep["sl"].append(weighted("service_level", offered))
        per_rep["ab"].append(weighted("abandonment_rate", offered))
        per_rep["asa"].append(weighted("asa_seconds", answered))
        per_rep["p90"].append(float(np.nanmax([row["wait_p90_seconds"] for row in day_rows])))
        per_rep["calls"].append(float(total))

    def mean_range(key, top=math.inf):
        """Mean and 95% range, kept within what the figure can be (0 to ``top``)."""
        values = np.array(per_rep[key])
        mean = float(values.mean())
        if values.size < 2:
            return mean, mean, mean
        half = stats.t.ppf(0.975, values.size - 1) * values.std(ddof=1) / math.sqrt(values.size)
        return mean, max(mean - half, 0.0), min(mean + half, top)

    sl, sl_lo, sl_hi = mean_range("sl", top=1.0)
    asa, asa_lo, asa_hi = mean_range("asa")
    return Outcome(mean_range("los")[0], sl, sl_lo, sl_hi, mean_range("ab")[0], asa, asa_lo,
                   asa_hi, mean_range("p90")[0], mean_range("calls")[0])
