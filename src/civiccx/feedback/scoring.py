"""A-11 Section 280 score math, from counts only: the drivers and indicators, indicator rates,
response rates and the quarterly collection tally. The generic statistics (intervals, Likert and
thumbs tallies) are in `civiccx.metrics.statistics` and re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from civiccx.metrics.statistics import (
    SMALL_SAMPLE_N,
    DriverTally,
    Interval,
    LikertSummary,
    ShareSummary,
    ThumbsTally,
    check_count,
    mean_interval,
    wilson_interval,
    z_for,
)

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
        check_count("shown", self.shown)
        for name, count in self.selected.items():
            check_count(f"count for {name!r}", count)
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
        check_count("responses", self.responses)
        check_count("offered", self.offered)
        check_count("served", self.served)

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
