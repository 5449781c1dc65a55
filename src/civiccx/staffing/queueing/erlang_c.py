"""Erlang C (M/M/N): the classic staffing formulas, vectorized over intervals.

Every function broadcasts over numpy arrays so a whole forecast (one load per interval) is
computed at once; scalars in, 0-d arrays out (``float()`` them if needed). Time units are the
caller's, as long as ``aht`` and ``target_time`` share them.

Formulas (see docs/decisions/0003-staffing-queueing-math.md and docs/reference/queueing.md):
    A = λ·AHT (Erlangs),  B = Erlang B(N, A),  C = N·B / (N − A(1 − B)),
    SL(t) = 1 − C·e^(−(N−A)t/AHT),  ASA = C·AHT/(N − A),  occupancy = A/N.
"""

from __future__ import annotations

import numpy as np

from civiccx.staffing.queueing.incomplete_gamma import log_inverse_erlang_b
from civiccx.staffing.queueing.search import smallest_integer_meeting


def offered_load(calls, aht_seconds, interval_seconds) -> np.ndarray:
    """Offered load in Erlangs: calls in an interval times handle time over the interval."""
    return np.asarray(calls, dtype=float) * np.asarray(aht_seconds, dtype=float) / interval_seconds


def erlang_b(agents, load) -> np.ndarray:
    """Blocking probability of M/M/N/N (Erlang B), stable for thousands of agents."""
    return np.exp(-log_inverse_erlang_b(agents, load))


def wait_probability(agents, load) -> np.ndarray:
    """Erlang C: probability that a caller waits at all; 1 when N ≤ A (the queue is unstable)."""
    n, a = np.broadcast_arrays(np.asarray(agents, dtype=float), np.asarray(load, dtype=float))
    b = erlang_b(n, a)
    stable = n > a
    with np.errstate(divide="ignore", invalid="ignore"):
        c = n * b / (n - a * (1.0 - b))
    return np.where(stable, np.clip(c, 0.0, 1.0), 1.0)


def service_level(agents, load, aht, target_time) -> np.ndarray:
    """Share of callers answered within ``target_time``; 0 when N ≤ A."""
    n, a = np.broadcast_arrays(np.asarray(agents, dtype=float), np.asarray(load, dtype=float))
    c = wait_probability(n, a)
    sl = 1.0 - c * np.exp(-(n - a) * np.asarray(target_time, dtype=float) / aht)
    return np.where(n > a, np.clip(sl, 0.0, 1.0), 0.0)


def average_speed_of_answer(agents, load, aht) -> np.ndarray:
    """Mean wait over all callers (ASA); infinite when N ≤ A."""
    n, a = np.broadcast_arrays(np.asarray(agents, dtype=float), np.asarray(load, dtype=float))
    c = wait_probability(n, a)
    with np.errstate(divide="ignore", invalid="ignore"):
        asa = c * np.asarray(aht, dtype=float) / (n - a)
    return np.where(n > a, asa, np.inf)


def occupancy(agents, load) -> np.ndarray:
    """Share of agents' time spent handling calls (A/N, capped at 1)."""
    n, a = np.broadcast_arrays(np.asarray(agents, dtype=float), np.asarray(load, dtype=float))
    with np.errstate(divide="ignore", invalid="ignore"):
        occ = np.where(n > 0, a / n, 0.0)
    return np.minimum(occ, 1.0)


def required_agents(
    load,
    aht,
    *,
    target_service_level: float = 0.8,
    target_time: float = 60.0,
    max_asa: float | None = None,
    max_occupancy: float = 1.0,
) -> np.ndarray:
    """Smallest N > A meeting the service-level target (and the ASA target if given), then
    raised to ⌈A / max_occupancy⌉ if the occupancy cap binds — the same rule as pyworkforce.

    The search starts at ⌊A⌋ + 1, the smallest stable N; pyworkforce starts at round(A + 1),
    which can skip ⌊A⌋ + 1 when A has a fractional part ≥ 0.5 (see the ADR).
    """
    if not 0.0 <= target_service_level < 1.0:
        raise ValueError("target_service_level must be in [0, 1)")
    if not 0.0 < max_occupancy <= 1.0:
        raise ValueError("max_occupancy must be in (0, 1]")
    shape = np.broadcast_shapes(np.shape(load), np.shape(aht))
    a = np.broadcast_to(np.asarray(load, dtype=float), shape).ravel()
    aht_arr = np.broadcast_to(np.asarray(aht, dtype=float), shape).ravel()
    if np.any(a < 0) or np.any(aht_arr <= 0):
        raise ValueError("load must be ≥ 0 and aht > 0")

    def meets_targets(n: np.ndarray, idx: np.ndarray) -> np.ndarray:
        ok = service_level(n, a[idx], aht_arr[idx], target_time) >= target_service_level
        if max_asa is not None:
            ok &= average_speed_of_answer(n, a[idx], aht_arr[idx]) <= max_asa
        return ok

    lowest = np.floor(a) + 1.0
    n = smallest_integer_meeting(meets_targets, lowest)
    with np.errstate(divide="ignore", invalid="ignore"):
        over_cap = np.where(n > 0, a / n, 0.0) > max_occupancy
    n = np.where(over_cap, np.ceil(a / max_occupancy), n)
    return np.where(a > 0, n, 0.0).astype(np.int64).reshape(shape)


def scheduled_agents(required, shrinkage: float) -> np.ndarray:
    """Agents to put on the schedule so ``required`` remain after shrinkage (breaks, training…).

    ⌈N / (1 − shrinkage)⌉, computed with a 1e-9 guard so 21 / (1 − 0.3) = 30.000000000000004
    does not schedule a 31st person (pyworkforce does; see the ADR).
    """
    if not 0.0 <= shrinkage < 1.0:
        raise ValueError("shrinkage must be in [0, 1)")
    raw = np.asarray(required, dtype=float) / (1.0 - shrinkage)
    return np.ceil(raw - 1e-9).astype(np.int64)
