"""Walk-in wait as a range. Pure: no Django.

With `c` counters each finishing a visit in about `S` seconds (exponentially distributed),
departures come at rate c/S, so the wait for the k-th departure is Erlang(k, c/S): mean k·S/c,
standard deviation √k·S/c. A person with `n` people ahead, when `free` counters are idle, starts
at the (n − free + 1)-th departure. The range shown is the central 80% (mean ± 1.2816 sd, by
the normal approximation, never below zero).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z80 = 1.2816


@dataclass(frozen=True)
class WaitRange:
    mean_seconds: int
    low_seconds: int
    high_seconds: int

    @property
    def low_minutes(self) -> int:
        return max(0, round(self.low_seconds / 60))

    @property
    def high_minutes(self) -> int:
        return max(self.low_minutes, round(self.high_seconds / 60), 1)

    @property
    def is_zero(self) -> bool:
        return self.high_seconds == 0


def wait_range(n_ahead: int, counters: int, busy: int, service_seconds: float) -> WaitRange:
    counters = max(1, counters)
    free = max(0, counters - busy)
    departures = n_ahead - free + 1
    if departures <= 0:
        return WaitRange(0, 0, 0)
    mean = departures * service_seconds / counters
    spread = Z80 * math.sqrt(departures) * service_seconds / counters
    return WaitRange(round(mean), max(0, round(mean - spread)), round(mean + spread))
