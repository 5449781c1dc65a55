"""A-11 Section 280 score math, from counts only.

A-11 scores were historically published as means out of 5 (e.g. satisfaction 4.33/5) and are
also read as agreement rates (the share answering 4 "agree" or 5 "strongly agree"). Both come
from the count at each answer point, which is all we store, so every figure here is computed
from counts and every tally adds with ``+``: a dashboard rollup is the sum of per-day or
per-channel tallies, updated incrementally, never a re-scan of responses.

Intervals
- Mean: normal approximation, mean +/- z * s / sqrt(n), where s is the sample standard
  deviation (n - 1 denominator) of the answer distribution. Bounds are clipped to the 1-5 scale.
- Shares (agree rate, thumbs-up rate, indicator rates): Wilson score interval (Wilson 1927;
  recommended over the Wald interval by Brown, Cai & DasGupta, Statistical Science 16(2), 2001),
  which stays inside [0, 1] and behaves at small n and near 0 or 1.

Small samples: ``small_sample`` is true when n < 30 (``SMALL_SAMPLE_N``). Thirty is the usual
rule of thumb for trusting the normal approximation to a mean; we flag rather than suppress, and
a page should show the flag next to the score. Wilson intervals remain valid below 30, but the
flag still applies to them because a share from a handful of people is easy to over-read.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import NormalDist
from types import MappingProxyType

__all__ = [
    "DRIVERS",
    "INDICATORS",
    "SMALL_SAMPLE_N",
    "CollectionTally",
    "DriverTally",
    "IndicatorTally",
    "Interval",
    "LikertSummary",
    "ResponseRates",
    "ShareSummary",
    "ThumbsTally",
    "mean_interval",
    "wilson_interval",
    "z_for",
]

SMALL_SAMPLE_N = 30
POINTS = (1, 2, 3, 4, 5)
AGREE_POINTS = (4, 5)

# The seven A-11 drivers, in the order of the legacy q1..q7 columns
# (GSA Touchpoints docs/models/omb_cx_reporting_collections.md).
DRIVERS = (
    "satisfaction",
    "trust",
    "effectiveness",
    "ease",
    "efficiency",
    "transparency",
    "employee",
)

# The A-11 v2 indicator options, in Touchpoints' export order (app/models/form.rb,
# to_a11_v2_csv): effectiveness, ease, efficiency, transparency, humanity, employee, other.
INDICATORS = (
    "effectiveness",
    "ease",
    "efficiency",
    "transparency",
    "humanity",
    "employee",
    "other",
)


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


def _check_count(name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> Interval | None:
    """Wilson score interval for a proportion; None when n is 0."""
    _check_count("successes", successes)
    _check_count("n", n)
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
            _check_count(f"count at point {point}", count)

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
        _check_count("up", self.up)
        _check_count("down", self.down)

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


def _frozen(mapping: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class IndicatorTally:
    """How often each A-11 v2 indicator was ticked among those who were shown the question.

    ``shown`` is the number of respondents who saw "What went well?" (or "What didn't go so
    well?"), i.e. the thumbs-up (or thumbs-down) count, so a rate reads "x% of satisfied
    customers named ease".
    """

    shown: int = 0
    selected: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_count("shown", self.shown)
        for name, count in self.selected.items():
            _check_count(f"count for {name!r}", count)
            if count > self.shown:
                raise ValueError(f"{name!r} ticked {count} times but shown only {self.shown}")
        object.__setattr__(self, "selected", _frozen(self.selected))

    def __add__(self, other: IndicatorTally) -> IndicatorTally:
        if not isinstance(other, IndicatorTally):
            return NotImplemented
        names = dict.fromkeys([*self.selected, *other.selected])
        merged = {k: self.selected.get(k, 0) + other.selected.get(k, 0) for k in names}
        return IndicatorTally(self.shown + other.shown, merged)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IndicatorTally):
            return NotImplemented
        nonzero = {k: v for k, v in self.selected.items() if v}
        other_nonzero = {k: v for k, v in other.selected.items() if v}
        return self.shown == other.shown and nonzero == other_nonzero

    __hash__ = None  # type: ignore[assignment]

    def rates(self, confidence: float = 0.95) -> dict[str, ShareSummary]:
        names = dict.fromkeys([*INDICATORS, *self.selected])
        return {k: ShareSummary.of(self.selected.get(k, 0), self.shown, confidence) for k in names}


@dataclass(frozen=True)
class ResponseRates:
    """Responses over people offered the survey, and over people served.

    Both denominators are reported by A-11 (volume_of_customers and
    volume_of_customers_provided_survey_opportunity); a rate is None when its denominator is 0.
    """

    responses: int
    offered: int
    served: int

    def __post_init__(self) -> None:
        _check_count("responses", self.responses)
        _check_count("offered", self.offered)
        _check_count("served", self.served)

    def __add__(self, other: ResponseRates) -> ResponseRates:
        if not isinstance(other, ResponseRates):
            return NotImplemented
        return ResponseRates(
            self.responses + other.responses,
            self.offered + other.offered,
            self.served + other.served,
        )

    @property
    def of_offered(self) -> float | None:
        return self.responses / self.offered if self.offered else None

    @property
    def of_served(self) -> float | None:
        return self.responses / self.served if self.served else None

    @property
    def offer_rate(self) -> float | None:
        """Share of customers served who were offered the survey."""
        return self.offered / self.served if self.served else None

    def problems(self) -> list[str]:
        """Volumes that cannot all be true together (listed, not raised: agencies send them)."""
        found = []
        if self.responses > self.offered:
            found.append(f"responses ({self.responses}) exceed surveys offered ({self.offered})")
        if self.offered > self.served:
            found.append(f"surveys offered ({self.offered}) exceed people served ({self.served})")
        return found


def _merge(left: Mapping[str, DriverTally], right: Mapping[str, DriverTally]):
    names = dict.fromkeys([*left, *right])
    return {k: left.get(k, DriverTally()) + right.get(k, DriverTally()) for k in names}


@dataclass(frozen=True)
class CollectionTally:
    """Everything one quarterly row needs for one service, channel and survey; adds with ``+``."""

    volumes: ResponseRates = field(default_factory=lambda: ResponseRates(0, 0, 0))
    drivers: Mapping[str, DriverTally] = field(default_factory=dict)
    thumbs: ThumbsTally = field(default_factory=ThumbsTally)
    positive: IndicatorTally = field(default_factory=IndicatorTally)
    negative: IndicatorTally = field(default_factory=IndicatorTally)

    def __post_init__(self) -> None:
        object.__setattr__(self, "drivers", MappingProxyType(dict(self.drivers)))

    def __add__(self, other: CollectionTally) -> CollectionTally:
        if not isinstance(other, CollectionTally):
            return NotImplemented
        return CollectionTally(
            volumes=self.volumes + other.volumes,
            drivers=_merge(self.drivers, other.drivers),
            thumbs=self.thumbs + other.thumbs,
            positive=self.positive + other.positive,
            negative=self.negative + other.negative,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CollectionTally):
            return NotImplemented
        mine = {k: v for k, v in self.drivers.items() if v.n}
        theirs = {k: v for k, v in other.drivers.items() if v.n}
        return (self.volumes, mine, self.thumbs, self.positive, self.negative) == (
            other.volumes,
            theirs,
            other.thumbs,
            other.positive,
            other.negative,
        )

    __hash__ = None  # type: ignore[assignment]

    def driver(self, name: str) -> DriverTally:
        return self.drivers.get(name, DriverTally())
