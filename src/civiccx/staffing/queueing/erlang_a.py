"""Erlang A (M/M/n+M): Erlang C plus callers who hang up, with exponential patience.

Callers abandon, so the queue is stable at any staffing and answers are less pessimistic than
Erlang C's. Notation of Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to
call centers" (2007) and Garnett, Mandelbaum & Reiman, MSOM 4(3), 2002:

    x = nμ/θ,  y = λ/θ,  A(x, y) = ₁F₁(1; x+1; y) = x·S(x, y)   (S: incomplete_gamma)
    π_n = B / (1 + (A − 1)·B),  P(W > 0) = A·π_n,
    P(abandon | wait) = 1/(ρA) + 1 − 1/ρ,  ρ = λ/(nμ),  E[W] = P(abandon)/θ.

The offered wait V (the wait of an infinitely patient caller) has density on (0, ∞)
f(v) = π_n·nμ·exp(−nμv + y(1 − e^(−θv))); integrating it against the patience survival e^(−θv)
gives the service level and the mean wait of answered callers in closed form through S — all in
log space, so hundreds or thousands of agents are fine.

All rates share one time unit (e.g. seconds): ``arrival_rate`` per unit, ``aht`` and
``patience`` (the mean patience, 1/θ) in units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from civiccx.staffing.queueing import erlang_c
from civiccx.staffing.queueing.incomplete_gamma import (
    log_inverse_erlang_b,
    log_scaled_lower_gamma,
)
from civiccx.staffing.queueing.search import smallest_integer_meeting

_DERIVATIVE_STEP = 1e-3


@dataclass(frozen=True)
class ErlangAResult:
    """Steady-state performance of M/M/n+M; every field is an array shaped like the inputs."""

    wait_probability: np.ndarray
    abandon_probability: np.ndarray
    mean_wait: np.ndarray
    """E[W] over all callers, abandoners included (their time until they hang up)."""
    average_speed_of_answer: np.ndarray
    """E[W | answered]: the ASA a contact center reports."""
    service_level: np.ndarray
    """P(answered within target_time), over all callers offered."""
    occupancy: np.ndarray


def erlang_a(agents, arrival_rate, aht, patience, target_time=0.0) -> ErlangAResult:
    """Performance of n agents facing Poisson arrivals, exponential service and patience."""
    n, lam, aht_, pat, t = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (agents, arrival_rate, aht, patience, target_time))
    )
    if np.any(n < 0) or np.any(lam < 0) or np.any(aht_ <= 0) or np.any(pat <= 0):
        raise ValueError("agents and arrival_rate must be ≥ 0; aht and patience must be > 0")
    shape = n.shape
    n, lam, aht_, pat, t = (v.ravel() for v in (n, lam, aht_, pat, t))
    out = {
        "wait_probability": np.ones(n.size),
        "abandon_probability": np.ones(n.size),
        "mean_wait": pat.copy(),
        "average_speed_of_answer": np.full(n.size, np.nan),
        "service_level": np.zeros(n.size),
        "occupancy": np.zeros(n.size),
    }
    idle = lam == 0
    for key, value in (
        ("wait_probability", 0.0),
        ("abandon_probability", 0.0),
        ("mean_wait", 0.0),
        ("average_speed_of_answer", 0.0),
        ("service_level", 1.0),
    ):
        out[key][idle] = value
    patient = ~idle & (n > 0) & np.isinf(pat)
    if patient.any():
        for key, value in _erlang_c_limit(
            n[patient], lam[patient], aht_[patient], t[patient]
        ).items():
            out[key][patient] = value
    busy = ~idle & (n > 0) & ~patient
    if busy.any():
        computed = _erlang_a_positive(n[busy], lam[busy], aht_[busy], pat[busy], t[busy])
        for key, value in computed.items():
            out[key][busy] = value
    return ErlangAResult(**{k: v.reshape(shape) for k, v in out.items()})


def _erlang_c_limit(n, lam, aht, t) -> dict[str, np.ndarray]:
    """Infinite patience: Erlang A is Erlang C (nobody hangs up; waits are infinite if N ≤ A)."""
    load = lam * aht
    asa = erlang_c.average_speed_of_answer(n, load, aht)
    return {
        "wait_probability": erlang_c.wait_probability(n, load),
        "abandon_probability": np.zeros(n.size),
        "mean_wait": asa,
        "average_speed_of_answer": asa,
        "service_level": erlang_c.service_level(n, load, aht, t),
        "occupancy": erlang_c.occupancy(n, load),
    }


def _erlang_a_positive(n, lam, aht, pat, t) -> dict[str, np.ndarray]:
    theta = 1.0 / pat
    x = n * pat / aht
    y = lam * pat
    rho = lam * aht / n
    log_b = -log_inverse_erlang_b(n, lam * aht)
    log_a = np.log(x) + log_scaled_lower_gamma(x, y)
    with np.errstate(divide="ignore"):
        log_p_wait = -np.logaddexp(0.0, np.log1p(-np.exp(log_b)) - (log_a + log_b))
    p_wait = np.exp(log_p_wait)
    log_pi_n = log_p_wait - log_a
    p_ab_given_wait = np.clip(np.exp(-np.log(rho) - log_a) + 1.0 - 1.0 / rho, 0.0, 1.0)
    p_ab = p_wait * p_ab_given_wait

    # ∫ e^(−θv) f(v) dv pieces: π_n·nμ/θ·S(x+1, y) is the mass answered after a wait
    log_s1 = log_scaled_lower_gamma(x + 1.0, y)
    log_answered_after_wait = log_pi_n + np.log(x) + log_s1
    y_t = y * np.exp(-theta * t)
    log_tail = (y - y_t) - theta * t * (x + 1.0) + log_scaled_lower_gamma(x + 1.0, y_t) - log_s1
    answered_within = np.exp(log_answered_after_wait) * -np.expm1(np.minimum(log_tail, 0.0))
    service_level = np.clip(1.0 - p_wait + answered_within, 0.0, 1.0)

    h = _DERIVATIVE_STEP
    dlog_s = (log_scaled_lower_gamma(x + 1.0 + h, y) - log_scaled_lower_gamma(x + 1.0 - h, y)) / (
        2.0 * h
    )
    wait_of_answered = np.exp(log_answered_after_wait) * -dlog_s / theta
    answered = 1.0 - p_ab
    with np.errstate(divide="ignore", invalid="ignore"):
        asa = np.where(answered > 0, wait_of_answered / answered, np.inf)
    return {
        "wait_probability": p_wait,
        "abandon_probability": p_ab,
        "mean_wait": p_ab / theta,
        "average_speed_of_answer": asa,
        "service_level": service_level,
        "occupancy": np.minimum(lam * answered * aht / n, 1.0),
    }


def required_agents(
    arrival_rate,
    aht,
    patience,
    *,
    target_service_level: float = 0.8,
    target_time: float = 60.0,
    max_asa: float | None = None,
    max_abandon: float | None = None,
    max_occupancy: float = 1.0,
) -> np.ndarray:
    """Smallest n meeting every target under Erlang A; 0 for intervals with no calls.

    Unlike Erlang C, n may be below the offered load: callers who hang up relieve the queue.
    """
    if not 0.0 <= target_service_level < 1.0:
        raise ValueError("target_service_level must be in [0, 1)")
    if not 0.0 < max_occupancy <= 1.0:
        raise ValueError("max_occupancy must be in (0, 1]")
    lam, aht_, pat = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (arrival_rate, aht, patience))
    )

    def meets_targets(n: np.ndarray, idx: np.ndarray) -> np.ndarray:
        r = erlang_a(n, lam.ravel()[idx], aht_.ravel()[idx], pat.ravel()[idx], target_time)
        ok = r.service_level >= target_service_level
        ok &= r.occupancy <= max_occupancy
        if max_asa is not None:
            ok &= r.average_speed_of_answer <= max_asa
        if max_abandon is not None:
            ok &= r.abandon_probability <= max_abandon
        return ok

    n = smallest_integer_meeting(meets_targets, np.ones(lam.size))
    return np.where(lam.ravel() > 0, n, 0.0).astype(np.int64).reshape(lam.shape)
