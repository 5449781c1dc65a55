"""Benchmark the staffing math against its peers: pyworkforce (Erlang C and shift scheduling)
and SimPy (simulation), and the season forecast against its goal.

    python bench/bench_staffing.py [--quick]

Prints medians of repeated runs and ratios (goals: ≥ 10× for Erlang C and simulation; a week of
half-hours for a 2,000-person center scheduled in under 60 s; a season of half-hours forecast in
under 10 s). The machine is small and noisy, so read the medians, not single runs. Not a test:
nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from civiccx.staffing.queueing import erlang_c  # noqa: E402
from civiccx.staffing.queueing._jit import NUMBA_AVAILABLE  # noqa: E402
from civiccx.staffing.queueing.plan import Forecast, PlanSettings, staffing_plan  # noqa: E402
from civiccx.staffing.queueing.simulator import Scenario, compile_kernel, simulate  # noqa: E402

INTERVAL_MINUTES = 30
TARGET_SL, TARGET_MINUTES, MAX_OCCUPANCY, SHRINKAGE = 0.8, 1.0, 0.85, 0.3


def timed(function, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def bench_plan(intervals: int, repeats_ours: int, repeats_peer: int) -> None:
    from pyworkforce.queuing import ErlangC

    rng = np.random.default_rng(2024)
    calls = rng.integers(20, 1200, intervals).astype(float)
    aht = rng.uniform(300, 720, intervals).round()
    forecast = Forecast([str(i) for i in range(intervals)], calls, aht)
    settings = PlanSettings(
        target_service_level=TARGET_SL,
        target_seconds=TARGET_MINUTES * 60,
        shrinkage=SHRINKAGE,
        max_occupancy=MAX_OCCUPANCY,
        interval_seconds=INTERVAL_MINUTES * 60,
    )

    def peer():
        return [
            ErlangC(
                transactions=c, aht=h / 60, asa=TARGET_MINUTES, interval=INTERVAL_MINUTES,
                shrinkage=SHRINKAGE,
            ).required_positions(service_level=TARGET_SL, max_occupancy=MAX_OCCUPANCY)
            for c, h in zip(calls, aht, strict=True)
        ]  # fmt: skip

    def required_only():
        load = erlang_c.offered_load(calls, aht, INTERVAL_MINUTES * 60)
        return erlang_c.required_agents(
            load, aht, target_service_level=TARGET_SL, target_time=TARGET_MINUTES * 60,
            max_occupancy=MAX_OCCUPANCY,
        )  # fmt: skip

    t_peer, peer_rows = timed(peer, repeats_peer)
    t_required, required = timed(required_only, repeats_ours)
    t_plan, plan = timed(lambda: staffing_plan(forecast, settings), repeats_ours)
    same = np.array_equal(required, [r["raw_positions"] for r in peer_rows])
    same_plan = np.array_equal(plan.columns["required_agents"], required)
    low, high = (calls * aht).min() / 1800, (calls * aht).max() / 1800
    print(f"Erlang C required agents, {intervals:,} half-hour intervals "
          f"(loads {low:.0f}–{high:.0f} Erlangs)")  # fmt: skip
    print(f"  pyworkforce ErlangC.required_positions loop : {t_peer * 1000:9.1f} ms "
          f"(median of {repeats_peer})")  # fmt: skip
    print(f"  civiccx erlang_c.required_agents (vector)   : {t_required * 1000:9.1f} ms "
          f"-> {t_peer / t_required:6.0f}x")  # fmt: skip
    print(f"  civiccx staffing_plan (+SL, ASA, occupancy) : {t_plan * 1000:9.1f} ms "
          f"-> {t_peer / t_plan:6.0f}x   (goal >= 10x)")  # fmt: skip
    print(f"  same required agents as pyworkforce: {same and same_plan}")


def simpy_mmc(n_calls: int, agents: int, arrival_rate: float, aht: float, seed: int) -> float:
    import simpy

    rng = random.Random(seed)
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=agents)
    waits = []

    def call(env):
        arrived = env.now
        with desk.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(1.0 / aht))

    def source(env):
        for _ in range(n_calls):
            env.process(call(env))
            yield env.timeout(rng.expovariate(arrival_rate))

    env.process(source(env))
    env.run()
    return statistics.fmean(waits)


def cold_compile_seconds() -> float | None:
    """Compile the kernel in a fresh process with an empty numba cache; None without numba."""
    if not NUMBA_AVAILABLE:
        return None
    code = "from civiccx.staffing.queueing.simulator import compile_kernel; print(compile_kernel())"
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache, "PYTHONPATH": str(SRC)}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
    return float(done.stdout)


def bench_simulation(n_calls: int, repeats_ours: int, repeats_peer: int) -> None:
    agents, aht, load = 200, 600.0, 190.0
    rate = load / aht
    scenario = Scenario(agents=agents, arrival_rate=rate, aht_seconds=aht, calls=n_calls)
    t_ours, ours = timed(lambda: simulate(scenario, replications=1, seed=1), repeats_ours)
    t_peer, peer_asa = timed(lambda: simpy_mmc(n_calls, agents, rate, aht, seed=1), repeats_peer)
    compile_seconds = cold_compile_seconds()
    theory = float(erlang_c.average_speed_of_answer(agents, load, aht))
    print(f"M/M/{agents} simulation, {n_calls:,} calls (A = {load:g} Erlangs, AHT {aht:g} s, "
          f"no abandonment)")  # fmt: skip
    engine = "numba" if NUMBA_AVAILABLE else "pure Python"
    print(f"  {'SimPy Resource model':<44}: {t_peer:9.2f} s  "
          f"(median of {repeats_peer}; ASA {peer_asa:.1f} s)")  # fmt: skip
    print(f"  {f'civiccx simulate ({engine})':<44}: {t_ours:9.2f} s  -> {t_peer / t_ours:5.0f}x  "
          f"(goal >= 10x; median of {repeats_ours}; "
          f"ASA {ours.estimate('asa_seconds').mean:.1f} s)")  # fmt: skip
    if compile_seconds is not None:
        total = t_ours + compile_seconds
        label = f"... plus a cold numba compile ({compile_seconds:.1f} s)"
        print(f"  {label:<44}: {total:9.2f} s  -> {t_peer / total:5.1f}x  "
              "(first run after install only; cached after)")  # fmt: skip
    print(f"  Erlang C ASA for the same model: {theory:.1f} s")


def bench_season(repeats: int) -> None:
    from datetime import date

    from staffing_peers import pyworkforce_schedule

    from civiccx.staffing.planning.forecasting import ForecastSettings, season_forecast
    from civiccx.staffing.planning.scheduling import ScheduleRules, make_schedule
    from civiccx.staffing.planning.synthetic import filing_season_history

    started = time.perf_counter()
    history = filing_season_history(date(2023, 12, 1), date(2026, 11, 30))
    made = time.perf_counter() - started
    print(f"Season forecast: {history.days:,} days of half-hour history "
          f"({history.calls.sum() / 1e6:.1f} M calls, generated aggregated in {made:.1f} s)")
    season = ForecastSettings(date(2027, 1, 4), date(2027, 4, 30), holdout_weeks=2)
    no_backtest = ForecastSettings(date(2027, 1, 4), date(2027, 4, 30), holdout_weeks=0)
    t_first, forecast = timed(lambda: season_forecast(history, season), 1)
    t_full, forecast = timed(lambda: season_forecast(history, season), repeats)
    t_only, _ = timed(lambda: season_forecast(history, no_backtest), repeats)
    intervals = forecast.calls.size
    accuracy = forecast.accuracy
    print(f"  {intervals:,} half-hours ({forecast.days} days), {forecast.method}")
    print(f"  first run in this process (imports, numba compile): {t_first:6.2f} s")
    print(f"  forecast alone                                     : {t_only:6.2f} s "
          f"(goal < 10 s; median of {repeats})")
    print(f"  forecast + backtest on 2 held-back weeks           : {t_full:6.2f} s")
    print(f"  MASE on the held-back weeks: {accuracy.mase:.3f} against seasonal-naive "
          f"{accuracy.naive_mase:.3f} -> {accuracy.naive_mase / accuracy.mase:.1f}x smaller "
          f"error; 80% interval holds {accuracy.coverage[80]:.0%} of half-hours")

    plan = staffing_plan(
        Forecast([str(i) for i in range(intervals)], forecast.calls.ravel(),
                 forecast.aht.ravel()),
        PlanSettings(target_service_level=0.8, target_seconds=300, shrinkage=0.15,
                     max_occupancy=0.9, model="erlang-a", patience_seconds=720))
    scheduled = plan.columns["scheduled_agents"].reshape(forecast.calls.shape)
    busiest = int(np.argmax([scheduled[d:d + 7].sum() for d in range(0, forecast.days - 6, 7)]))
    week = scheduled[7 * busiest: 7 * busiest + 7]
    print(f"\nShift scheduling: the busiest week ({forecast.dates()[7 * busiest]}), "
          f"{week.size} half-hours, peak {week.max():,} people on shift")
    rows = []
    for solver, band in (("highs", 0), ("cp-sat", 0), ("highs", 60), ("cp-sat", 60)):
        rules = ScheduleRules(solver=solver, time_limit_seconds=60, start_band_minutes=band)
        seconds, schedule = timed(lambda rules=rules: make_schedule(week, rules), repeats)
        under, over = schedule.gap_person_hours()
        label = f"civiccx {solver}" + (f", starts ±{band} min" if band else "")
        rows.append((f"{label} (weekly rosters)", seconds, under, over,
                     f"{schedule.headcount:,} CSRs, {schedule.status}"))
    rules = ScheduleRules()
    for name in ("MinAbsDifference", "MinRequiredResources"):
        seconds, result = timed(lambda name=name: pyworkforce_schedule(week, rules, 60)[name],
                                repeats)
        rows.append((f"pyworkforce {name} (daily)", result["seconds"],
                     result["shortfall"].sum() / 2, result["surplus"].sum() / 2,
                     f"{result['person_days']:,} shifts, {result['status']}"))
    for label, seconds, under, over, note in rows:
        print(f"  {label:<48}: {seconds:6.2f} s  short {under:8,.1f}  over {over:9,.1f} "
              f"person-hours  ({note})")
    ours = rows[0]
    print(f"  goal < 60 s: HiGHS {ours[1]:.1f} s; over-staffing vs pyworkforce "
          f"MinRequiredResources (the one that also leaves nobody short): "
          f"{rows[-1][3] / max(ours[3], 1e-9):.1f}x more for pyworkforce")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs, fewer repeats")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    compile_seconds = compile_kernel()
    print(f"numba available: {NUMBA_AVAILABLE}; loading the compiled kernel took "
          f"{compile_seconds:.2f} s in this process\n")  # fmt: skip
    if args.quick:
        bench_plan(1000, repeats_ours=5, repeats_peer=1)
        print()
        bench_simulation(100_000, repeats_ours=3, repeats_peer=1)
        print()
        bench_season(repeats=1)
    else:
        bench_plan(1000, repeats_ours=21, repeats_peer=3)
        print()
        bench_simulation(1_000_000, repeats_ours=5, repeats_peer=3)
        print()
        bench_season(repeats=3)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
