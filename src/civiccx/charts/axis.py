"""The one axis-rounding rule: value axes start and end on round numbers with round steps.

A step is 1, 2 or 5 times a power of ten, the smallest that covers the range in at most
``max_ticks`` intervals (Heckbert's "nice numbers", without 2.5 so that a tick never needs one
more decimal than its neighbours). Zero is always on the axis when the data is all on one side
of it, because bars and rates read wrong from a cut-off baseline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

NICE_MULTIPLES = (1, 2, 5)  # times 10**k, trying k upwards from the raw step's magnitude


@dataclass(frozen=True)
class Scale:
    """A value axis: from ``low`` to ``high`` with a tick every ``step``."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        digits = max(0, -math.floor(math.log10(self.step)) + 1)
        return [round(self.low + index * self.step, digits) + 0.0 for index in range(count + 1)]

    def fraction(self, value: float) -> float:
        """Where ``value`` falls between the ends of the axis, 0 at ``low`` and 1 at ``high``,
        clamped so that an outlier stays on the plot."""
        return min(1.0, max(0.0, (value - self.low) / (self.high - self.low)))


def nice_scale(low: float, high: float, *, max_ticks: int = 5,
               include_zero: bool = True) -> Scale:
    """The shortest round axis that holds every value between ``low`` and ``high``."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"an axis needs finite ends, got {low!r} and {high!r}")
    if max_ticks < 1:
        raise ValueError(f"an axis needs at least one interval, got max_ticks={max_ticks}")
    if low > high:
        low, high = high, low
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max_ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    while True:
        for multiple in NICE_MULTIPLES:
            step = multiple * magnitude
            bottom = math.floor(low / step + 1e-9) * step
            top = math.ceil(high / step - 1e-9) * step
            if round((top - bottom) / step) <= max_ticks:
                return Scale(bottom, top, step)
        magnitude *= 10
