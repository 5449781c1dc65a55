"""Benchmark the staffing math against its peers: pyworkforce (Erlang C) and SimPy (simulation).

    python bench/bench_staffing.py [--quick]

Prints medians of repeated runs and the speed-up ratio (goal: ≥ 10× for both). The machine is
small and noisy, so read the medians, not single runs. Not a test: nothing here asserts.
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
    else:
        bench_plan(1000, repeats_ours=21, repeats_peer=3)
        print()
        bench_simulation(1_000_000, repeats_ours=5, repeats_peer=3)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
