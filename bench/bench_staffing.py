"""Benchmark the staffing math against its peers: pyworkforce (Erlang C) and SimPy (simulation).

    python bench/bench_staffing.py [--quick]

Prints medians of repeated runs and the speed-up ratio (goal: ≥ 10× for both). The machine is
small and noisy, so read the medians, not single runs. Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

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


def bench_simulation(n_calls: int, repeats_ours: int, repeats_peer: int) -> None:
    agents, aht, load = 200, 600.0, 190.0
    rate = load / aht
    scenario = Scenario(agents=agents, arrival_rate=rate, aht_seconds=aht, calls=n_calls)
    started = time.perf_counter()
    first = simulate(scenario, replications=1, seed=0)
    first_run = time.perf_counter() - started
    t_ours, ours = timed(lambda: simulate(scenario, replications=1, seed=1), repeats_ours)
    t_peer, peer_asa = timed(lambda: simpy_mmc(n_calls, agents, rate, aht, seed=1), repeats_peer)
    theory = float(erlang_c.average_speed_of_answer(agents, load, aht))
    print(f"M/M/{agents} simulation, {n_calls:,} calls (A = {load:g} Erlangs, AHT {aht:g} s, "
          f"no abandonment)")  # fmt: skip
    print(f"  SimPy Resource model                        : {t_peer:9.2f} s  "
          f"(median of {repeats_peer}; ASA {peer_asa:.1f} s)")  # fmt: skip
    print(f"  civiccx simulate, kernel already loaded     : {t_ours:9.2f} s  -> "
          f"{t_peer / t_ours:5.0f}x   (goal >= 10x; ASA "
          f"{ours.estimate('asa_seconds').mean:.1f} s)")  # fmt: skip
    print(f"  civiccx first call in this process          : {first_run:9.2f} s  -> "
          f"{t_peer / first_run:5.0f}x   (includes loading numba's cache or compiling; "
          f"ASA {first.estimate('asa_seconds').mean:.1f} s)")  # fmt: skip
    print(f"  Erlang C ASA for the same model: {theory:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs, fewer repeats")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    compile_seconds = compile_kernel()
    print(f"numba available: {NUMBA_AVAILABLE}; kernel compile or cache load: "
          f"{compile_seconds:.2f} s (once per process; cache=True keeps compiling "
          "off later runs)\n")  # fmt: skip
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
