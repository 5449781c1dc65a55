"""Real-time wait predictions for a caller who has just joined the queue.

Queue-length (QL) predictors of Ibrahim & Whitt, "Real-time delay estimation in overloaded
multiserver queues with abandonments", Management Science 55(10), 2009, and "Real-time delay
estimation based on delay history", MSOM 11(3), 2009. With s agents each serving at rate
μ = 1/AHT, mean patience 1/θ and n callers ahead, the caller's wait (if they stay) is a sum of
independent exponentials with rates sμ + iθ, i = 0..n, so

    E[W | n] = Σ_{i=0..n} 1/(sμ + iθ),   Var[W | n] = Σ_{i=0..n} 1/(sμ + iθ)².

Both sums have closed forms through the digamma/trigamma functions, which keeps them
vectorized. The range shown to callers comes from a gamma distribution with that mean and
variance (exact for n = 0, and a close fit for a sum of exponentials).

Delay-history predictors (head of line) need no AHT or staffing input but are biased when the
arrival rate changes within the hour (Ibrahim & Whitt, POM 20(5), 2011); prefer QL when the
number of agents on the phones is known.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special, stats


@dataclass(frozen=True)
class WaitRange:
    """Mean and central prediction interval of a caller's wait, in the units of ``aht``."""

    mean: np.ndarray
    low: np.ndarray
    high: np.ndarray


def _rates(agents, aht, patience):
    service = np.asarray(agents, dtype=float) / np.asarray(aht, dtype=float)
    if np.any(service <= 0):
        raise ValueError("agents and aht must be positive")
    theta = 1.0 / np.asarray(patience, dtype=float)
    return service, theta


def queue_length_wait(n_ahead, agents, aht, patience=np.inf) -> np.ndarray:
    """E[W | n ahead] = Σ_{i=0..n} 1/(sμ + iθ); with infinite patience, (n + 1)/(sμ)."""
    n = np.asarray(n_ahead, dtype=float)
    if np.any(n < 0):
        raise ValueError("n_ahead must be ≥ 0")
    service, theta = _rates(agents, aht, patience)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = service / theta
        with_abandonment = (special.digamma(r + n + 1.0) - special.digamma(r)) / theta
    return np.where(theta > 0, with_abandonment, (n + 1.0) / service)


def queue_length_wait_variance(n_ahead, agents, aht, patience=np.inf) -> np.ndarray:
    """Var[W | n ahead] = Σ_{i=0..n} 1/(sμ + iθ)²."""
    n = np.asarray(n_ahead, dtype=float)
    service, theta = _rates(agents, aht, patience)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = service / theta
        with_abandonment = (special.polygamma(1, r) - special.polygamma(1, r + n + 1.0)) / theta**2
    return np.where(theta > 0, with_abandonment, (n + 1.0) / service**2)


def queue_length_wait_range(
    n_ahead, agents, aht, patience=np.inf, coverage: float = 0.8
) -> WaitRange:
    """Mean wait and a ``coverage`` prediction interval, e.g. "4 to 9 minutes" for 80%."""
    if not 0.0 < coverage < 1.0:
        raise ValueError("coverage must be in (0, 1)")
    mean = queue_length_wait(n_ahead, agents, aht, patience)
    var = queue_length_wait_variance(n_ahead, agents, aht, patience)
    shape = mean**2 / var
    scale = var / mean
    tail = (1.0 - coverage) / 2.0
    return WaitRange(
        mean=mean,
        low=stats.gamma.ppf(tail, shape, scale=scale),
        high=stats.gamma.ppf(1.0 - tail, shape, scale=scale),
    )


def head_of_line_wait(hol_elapsed) -> np.ndarray:
    """HOL predictor: the new caller will wait about as long as the first in line has so far."""
    w = np.asarray(hol_elapsed, dtype=float)
    if np.any(w < 0):
        raise ValueError("hol_elapsed must be ≥ 0")
    return w


def refined_head_of_line_wait(hol_elapsed, arrival_rate, agents, aht, patience=np.inf):
    """HOL refined with the arrival rate: the queue ahead is estimated from the HOL's wait.

    Callers who arrived during the HOL caller's elapsed wait w and are still holding number
    λ(1 − e^(−θw))/θ on average (λw without abandonment); with the HOL caller that is the queue
    ahead of the new caller, which the QL formula turns into a wait. Useful when the queue
    length itself is not exposed by the phone system.
    """
    w = head_of_line_wait(hol_elapsed)
    lam = np.asarray(arrival_rate, dtype=float)
    theta = 1.0 / np.asarray(patience, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        still_waiting = np.where(theta > 0, lam * -np.expm1(-theta * w) / theta, lam * w)
    return queue_length_wait(1.0 + still_waiting, agents, aht, patience)
