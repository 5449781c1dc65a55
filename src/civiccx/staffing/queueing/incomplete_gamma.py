"""Log-space incomplete-gamma pieces that Erlang B and Erlang A are built from.

Erlang formulas written with factorials overflow past ~170 agents; written with scipy's
regularized incomplete gamma they underflow deep in a tail. Both are avoided here by working
with logarithms and switching to a short, fast-converging series exactly where scipy's value
would underflow.
"""

from __future__ import annotations

import numpy as np
from scipy import special

_UNDERFLOW = 1e-250
_SERIES_TOLERANCE = 1e-17


def log_scaled_lower_gamma(a, z) -> np.ndarray:
    """log S(a, z), where S(a, z) = Γ(a)·e^z·z^(−a)·P(a, z) = Σ_k z^k / (a(a+1)…(a+k)).

    S is the building block of Erlang A: A(x, y) = x·S(x, y) = ₁F₁(1; x+1; y) in Mandelbaum &
    Zeltyn's notation, and the offered-wait integrals reduce to S at shifted arguments.
    """
    a, z = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(z, dtype=float))
    out = np.empty(a.shape, dtype=float)
    positive = z > 0
    out[~positive] = -np.log(a[~positive])
    a_pos, z_pos = a[positive], z[positive]
    p = special.gammainc(a_pos, z_pos)
    via_gamma = p > _UNDERFLOW
    values = np.empty(a_pos.shape, dtype=float)
    ag, zg = a_pos[via_gamma], z_pos[via_gamma]
    values[via_gamma] = special.gammaln(ag) + zg - ag * np.log(zg) + np.log(p[via_gamma])
    values[~via_gamma] = np.log(_lower_gamma_series(a_pos[~via_gamma], z_pos[~via_gamma]))
    out[positive] = values
    return out


def _lower_gamma_series(a: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Σ_k z^k / (a)_(k+1); only called where z ≪ a, so the ratio z/(a+k) is well below 1."""
    term = 1.0 / a
    total = term.copy()
    k = 0
    active = np.ones(a.shape, dtype=bool)
    while active.any():
        k += 1
        term = np.where(active, term * z / (a + k), 0.0)
        total += term
        active = term > _SERIES_TOLERANCE * total
    return total


def log_inverse_erlang_b(agents, load) -> np.ndarray:
    """log(1/B(n, a)) = log Σ_{k≤n} (a^k/k!) / (a^n/n!) for real load a ≥ 0 and integer n ≥ 0.

    Uses the Poisson identity B = pmf(n; a) / cdf(n; a) with cdf(n; a) = Q(n+1, a); where that
    underflows (n far below a) the finite sum Σ_m n(n−1)…(n−m+1)/a^m converges geometrically.
    """
    n, a = np.broadcast_arrays(np.asarray(agents, dtype=float), np.asarray(load, dtype=float))
    out = np.zeros(n.shape, dtype=float)
    zero_load = a <= 0
    out[zero_load & (n > 0)] = np.inf
    work = ~zero_load & (n > 0)
    nw, aw = n[work], a[work]
    q = special.gammaincc(nw + 1.0, aw)
    via_gamma = q > _UNDERFLOW
    values = np.empty(nw.shape, dtype=float)
    ng, ag = nw[via_gamma], aw[via_gamma]
    values[via_gamma] = ag - ng * np.log(ag) + special.gammaln(ng + 1.0) + np.log(q[via_gamma])
    values[~via_gamma] = np.log(_inverse_erlang_b_series(nw[~via_gamma], aw[~via_gamma]))
    out[work] = values
    return out


def _inverse_erlang_b_series(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Σ_m n(n−1)…(n−m+1)/a^m; only called where n ≪ a (heavy overload)."""
    term = np.ones(n.shape, dtype=float)
    total = term.copy()
    m = 0
    active = np.ones(n.shape, dtype=bool)
    while active.any():
        term = np.where(active, term * np.maximum(n - m, 0.0) / a, 0.0)
        m += 1
        total += term
        active = term > _SERIES_TOLERANCE * total
    return total
