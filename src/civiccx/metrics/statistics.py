"""Statistics from counts: Wilson intervals for shares, normal-approximation intervals for a
1-5 scale's mean, and tallies that add with ``+``. Pure (no Django): used by feedback's A-11
scores, help's helpfulness votes, the metrics readers and anything that reports a share.

A-11 scores were historically published as means out of 5 (e.g. satisfaction 4.33/5) and are
also read as agreement rates (the share answering 4 "agree" or 5 "strongly agree"). Both come
from the count at each answer point, which is all a rollup stores, so every figure here is
computed from counts: a dashboard rollup is the sum of per-quarter or per-channel tallies,
updated incrementally, never a re-scan of responses.

Intervals
- Mean: normal approximation, mean +/- z * s / sqrt(n), where s is the sample standard
  deviation (n - 1 denominator) of the answer distribution. Bounds are clipped to the 1-5 scale.
- Shares (agree rate, thumbs-up rate, indicator rates, helpful votes): Wilson score interval
  (Wilson 1927; recommended over the Wald interval by Brown, Cai & DasGupta, Statistical
  Science 16(2), 2001), which stays inside [0, 1] and behaves at small n and near 0 or 1.

Small samples: ``small_sample`` is true when n < 30 (``SMALL_SAMPLE_N``). Thirty is the usual
rule of thumb for trusting the normal approximation to a mean; we flag rather than suppress, and
a page should show the flag next to the score. Wilson intervals remain valid below 30, but the
flag still applies to them because a share from a handful of people is easy to over-read.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import NormalDist

__all__ = [
    "SMALL_SAMPLE_N",
    "DriverTally",
    "Interval",
    "LikertSummary",
    "ShareSummary",
    "ThumbsTally",
    "check_count",
    "mean_interval",
    "wilson_interval",
    "z_for",
]

SMALL_SAMPLE_N = 30
POINTS = (1, 2, 3, 4, 5)
AGREE_POINTS = (4, 5)


def z_for(confidence: float) -> float:
    """Two-sided standard normal quantile: 0.95 -> 1.959963984540054."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high


def check_count(name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> Interval | None:
    """Wilson score interval for a proportion; None when n is 0."""
    check_count("successes", successes)
    check_count("n", n)
    if successes > n:
        raise ValueError(f"successes ({successes}) cannot exceed n ({n})")
    if n == 0:
        return None
    z = z_for(confidence)
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return Interval(low, high)


def mean_interval(
    counts: Mapping[int, int] | Iterable[int], confidence: float = 0.95
) -> Interval | None:
    """Normal-approximation interval of the mean of a 1-5 answer distribution.

    ``counts`` is either a mapping point -> count or five counts for points 1..5.
    None when fewer than two answers (no variance to speak of).
    """
    return DriverTally.of(counts).summary(confidence).mean_ci


@dataclass(frozen=True)
class ShareSummary:
    """A share with its Wilson interval; ``rate`` and ``ci`` are None when n is 0."""

    successes: int
    n: int
    rate: float | None
    ci: Interval | None
    small_sample: bool

    @classmethod
    def of(cls, successes: int, n: int, confidence: float = 0.95) -> ShareSummary:
        ci = wilson_interval(successes, n, confidence)
        return cls(
            successes=successes,
            n=n,
            rate=successes / n if n else None,
            ci=ci,
            small_sample=n < SMALL_SAMPLE_N,
        )


@dataclass(frozen=True)
class LikertSummary:
    n: int
    mean: float | None
    std_dev: float | None
    mean_ci: Interval | None
    percent_agree: float | None
    """Share of answers at 4 or 5, from 0 to 1 (multiply by 100 to print a percentage)."""
    agree_ci: Interval | None
    small_sample: bool


@dataclass(frozen=True)
class DriverTally:
    """Answer counts at points 1..5 for one Likert question (one A-11 driver)."""

    counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)

    def __post_init__(self) -> None:
        if not isinstance(self.counts, tuple) or len(self.counts) != 5:
            raise ValueError("counts must be a tuple of five counts, for points 1..5")
        for point, count in zip(POINTS, self.counts, strict=True):
            check_count(f"count at point {point}", count)

    @classmethod
    def of(cls, counts: Mapping[int, int] | Iterable[int]) -> DriverTally:
        """From ``{1: a, ..., 5: e}`` (missing points are 0) or from five counts in order."""
        if isinstance(counts, DriverTally):
            return counts
        if isinstance(counts, Mapping):
            unknown = set(counts) - set(POINTS)
            if unknown:
                raise ValueError(f"answer points must be 1-5, got {sorted(unknown, key=str)}")
            return cls(tuple(counts.get(point, 0) for point in POINTS))
        return cls(tuple(counts))

    @classmethod
    def from_answers(cls, answers: Iterable[int | None]) -> DriverTally:
        """Count raw answers; None (question skipped) is not counted."""
        counts = [0] * 5
        for answer in answers:
            if answer is None:
                continue
            if isinstance(answer, bool) or not isinstance(answer, int) or answer not in POINTS:
                raise ValueError(f"a Likert answer must be 1-5, got {answer!r}")
            counts[answer - 1] += 1
        return cls(tuple(counts))

    def __add__(self, other: DriverTally) -> DriverTally:
        if not isinstance(other, DriverTally):
            return NotImplemented
        return DriverTally(tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)))

    def count(self, point: int) -> int:
        return self.counts[point - 1]

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def agree(self) -> int:
        return sum(self.count(point) for point in AGREE_POINTS)

    @property
    def mean(self) -> float | None:
        if not self.n:
            return None
        return sum(p * c for p, c in zip(POINTS, self.counts, strict=True)) / self.n

    def summary(self, confidence: float = 0.95) -> LikertSummary:
        n, mean = self.n, self.mean
        std_dev = mean_ci = None
        if n >= 2 and mean is not None:
            squares = sum(c * (p - mean) ** 2 for p, c in zip(POINTS, self.counts, strict=True))
            std_dev = math.sqrt(squares / (n - 1))
            half = z_for(confidence) * std_dev / math.sqrt(n)
            mean_ci = Interval(max(1.0, mean - half), min(5.0, mean + half))
        agree = ShareSummary.of(self.agree, n, confidence)
        return LikertSummary(
            n=n,
            mean=mean,
            std_dev=std_dev,
            mean_ci=mean_ci,
            percent_agree=agree.rate,
            agree_ci=agree.ci,
            small_sample=n < SMALL_SAMPLE_N,
        )


@dataclass(frozen=True)
class ThumbsTally:
    """A-11 v2 question 1 answered thumbs up (1) or thumbs down (0)."""

    up: int = 0
    down: int = 0

    def __post_init__(self) -> None:
        check_count("up", self.up)
        check_count("down", self.down)

    @classmethod
    def from_answers(cls, answers: Iterable[int | None]) -> ThumbsTally:
        up = down = 0
        for answer in answers:
            if answer is None:
                continue
            if answer == 1 and not isinstance(answer, bool):
                up += 1
            elif answer == 0 and not isinstance(answer, bool):
                down += 1
            else:
                raise ValueError(f"a thumbs answer must be 1 (up) or 0 (down), got {answer!r}")
        return cls(up, down)

    def __add__(self, other: ThumbsTally) -> ThumbsTally:
        if not isinstance(other, ThumbsTally):
            return NotImplemented
        return ThumbsTally(self.up + other.up, self.down + other.down)

    @property
    def n(self) -> int:
        return self.up + self.down

    def summary(self, confidence: float = 0.95) -> ShareSummary:
        """Thumbs-up rate with its Wilson interval."""
        return ShareSummary.of(self.up, self.n, confidence)
