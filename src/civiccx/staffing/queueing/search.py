"""Vectorized search for the smallest staffing level that meets a monotone target."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

MAX_AGENTS = 10_000_000


def smallest_integer_meeting(
    meets: Callable[[np.ndarray, np.ndarray], np.ndarray], lowest: np.ndarray
) -> np.ndarray:
    """For each element, the smallest integer n ≥ lowest with meets(n) true.

    ``meets(n, idx)`` receives candidate counts for the elements ``idx`` (indices into
    ``lowest``) and must be monotone in n. Doubling finds an upper bound, bisection the answer,
    so every step is one vectorized call however many intervals there are — that is what makes a
    1,000-interval plan fast compared with a per-interval Python loop.
    """
    lowest = np.asarray(lowest, dtype=float).ravel()
    all_idx = np.arange(lowest.size)
    lo = lowest.copy()
    hi = lowest.copy()
    pending = ~meets(hi, all_idx)
    step = np.maximum(np.ceil(np.sqrt(np.maximum(lowest, 1.0))), 1.0)
    while pending.any():
        idx = all_idx[pending]
        lo[idx] = hi[idx] + 1.0
        hi[idx] = hi[idx] + step[idx]
        step[idx] *= 2.0
        if np.any(hi[idx] > MAX_AGENTS):
            raise ValueError("no staffing level up to 10 million agents meets the target")
        pending[idx] = ~meets(hi[idx], idx)
    # invariant: meets(hi) is true; every n < lo is known to fail
    open_ = lo < hi
    while open_.any():
        idx = all_idx[open_]
        mid = np.floor((lo[idx] + hi[idx]) / 2.0)
        ok = meets(mid, idx)
        hi[idx] = np.where(ok, mid, hi[idx])
        lo[idx] = np.where(ok, lo[idx], mid + 1.0)
        open_ = lo < hi
    return hi.reshape(np.shape(lowest))
