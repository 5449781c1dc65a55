"""Optional numba acceleration: the simulator's kernel is plain Python that numba compiles.

Without numba (e.g. a Python release numba does not support yet) the same code runs
interpreted — correct, roughly 100× slower. See docs/decisions/0003-staffing-queueing-math.md.
"""

from __future__ import annotations

try:
    import numba
except ImportError:  # pragma: no cover - exercised only where numba is missing
    numba = None

NUMBA_AVAILABLE = numba is not None


def jit(function):
    """Compile with numba (cached on disk) when it is installed; otherwise return as is."""
    if numba is None:  # pragma: no cover
        return function
    return numba.njit(cache=True, error_model="numpy")(function)
