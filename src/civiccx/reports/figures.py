"""The numbers a progress report may show, and how a reference to one becomes a number.

Nobody types a number into a report: a report holds *references* (a figure key), and each is
resolved here, from the metrics API and registry only (docs/architecture.md), for the report's
service and fiscal quarter, with its sample size, its 95% interval and small-sample
suppression. Two kinds of figure are offered:

- the A-11 drivers the CX dashboard shows ("a11.trust", "a11.satisfaction", …), per service
  and quarter, read from the rollups with `metrics.rollups.read_scores` and summarized with
  `metrics.statistics`, exactly as the dashboard summarizes them;
- every operational figure an app registers (`metrics.registry.register_figure`: phone service
  level and answer times, walk-in waits, help deflection, and whatever Direct File's season
  statistics register), read for the quarter's days with `read_figure`: for the report's
  service when its app can tell services apart (the spine's customers served and resolved; a
  call's queue, a walk-in's ticket, the article a help search or vote was about; Direct File's
  returns, all its own service's), else for the whole agency, and the report says which
  (`Number.scope`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

from civiccx.core import fiscal
from civiccx.core.percentages import percent_text
from civiccx.metrics.drivers import DRIVER_LABELS
from civiccx.metrics.registry import Period, figures, read_figure
from civiccx.metrics.registry import figure as registered_figure
from civiccx.metrics.rollups import read_scores
from civiccx.metrics.statistics import SMALL_SAMPLE_N, wilson_interval

A11_PREFIX = "a11."
A11_DRIVERS = DRIVER_LABELS
SERVICE, AGENCY = "service", "agency"
"""A number's scope: the report's service's customers, or the whole agency's."""


class UnknownFigure(KeyError):
    """A reference to a figure that no app registers (any more)."""


@dataclass(frozen=True)
class FigureChoice:
    key: str
    title: str
    unit: str  # "share", "minutes" or "count" (as the registry's units)
    per_service: bool = True


@dataclass(frozen=True)
class Number:
    """One resolved figure for one quarter. `value` is None when there were no observations
    or when it is suppressed (fewer than SMALL_SAMPLE_N); `n` is always shown."""

    key: str
    quarter: str
    unit: str
    value: float | None
    n: int
    low: float | None = None
    high: float | None = None
    suppressed: bool = False
    scope: str = SERVICE

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Number:
        """From a report's data. Reports published before figures had a scope read every
        registered figure for the whole agency, and only A-11 drivers per service."""
        if "scope" not in data:
            data = {**data, "scope": SERVICE if data["key"].startswith(A11_PREFIX) else AGENCY}
        return cls(**data)

    @property
    def agency_wide(self) -> bool:
        return self.scope == AGENCY

    @property
    def display(self) -> str:
        """The value as the report prints it (HTML, PDF, feed alike)."""
        if self.value is None:
            return "—"
        return format_value(self.value, self.unit)

    @property
    def n_display(self) -> str:
        return format_value(self.n, "count")

    @property
    def interval_display(self) -> str:
        if self.low is None or self.high is None or self.value is None:
            return ""
        return f"{format_value(self.low, self.unit)} – {format_value(self.high, self.unit)}"


def format_value(value: float, unit: str) -> str:
    """As the CX dashboard prints it: whole percents for shares (`core.percentages`), minutes
    to a tenth, counts whole; with US separators in both languages ("1,234.5", as IRS.gov/es
    writes them: docs/reference/spanish.md), not Django's Spanish "1 234,5"."""
    if unit == "share":
        return percent_text(value, 0)
    if unit == "minutes":
        return f"{value:,.1f}"
    return f"{value:,.0f}"


def catalog() -> list[FigureChoice]:
    """Every figure a report may reference: the A-11 drivers, then each registered figure."""
    choices = [
        FigureChoice(
            f"{A11_PREFIX}{driver}",
            str(_("A-11: %(driver)s (share agreeing)") % {"driver": label}),
            "share",
        )
        for driver, label in A11_DRIVERS.items()
    ]
    choices += [
        FigureChoice(figure.key, str(figure.title), figure.unit, figure.per_service)
        for figure in figures()
    ]
    return choices


def figure_choice(key: str) -> FigureChoice:
    for choice in catalog():
        if choice.key == key:
            return choice
    raise UnknownFigure(key)


def _a11(driver: str, service_id: int, quarter: str) -> Number:
    """The dashboard's cell for one driver: Likert share agreeing with its Wilson interval,
    or, for an instrument that asks it as thumbs, the share of thumbs up."""
    scores = read_scores({"service_id": service_id, "fiscal_quarter": quarter}).get((quarter,))
    key = f"{A11_PREFIX}{driver}"
    likert = scores.likert.get(driver) if scores else None
    if likert is not None and likert.n:
        summary = likert.summary()
        value, n, ci = summary.percent_agree, summary.n, summary.agree_ci
    else:
        thumbs = scores.thumbs.get(driver) if scores else None
        if thumbs is None or not thumbs.n:
            return Number(key, quarter, "share", None, 0)
        summary = thumbs.summary()
        value, n, ci = summary.rate, summary.n, summary.ci
    return _suppressed(
        Number(key, quarter, "share", value, n, ci.low if ci else None, ci.high if ci else None)
    )


def _registered(key: str, service_id: int, quarter: str) -> Number:
    """A registered figure for the service's customers if its app can tell them apart, else
    for the whole agency (and marked so)."""
    choice = figure_choice(key)
    period = Period.of_quarter(quarter)
    if registered_figure(key).per_service:
        values, scope = read_figure(key, period, service_id), SERVICE
    else:
        values, scope = read_figure(key, period), AGENCY
    whole = next((v for v in values if v.group == ""), None)
    if whole is None or whole.value is None:
        return Number(key, quarter, choice.unit, None, whole.n if whole else 0, scope=scope)
    low = high = None
    if choice.unit == "share" and whole.n:
        ci = wilson_interval(round(whole.value * whole.n), whole.n)
        low, high = (ci.low, ci.high) if ci else (None, None)
    return _suppressed(
        Number(key, quarter, choice.unit, whole.value, whole.n, low, high, scope=scope)
    )


def _suppressed(number: Number) -> Number:
    if number.unit != "count" and number.n < SMALL_SAMPLE_N:
        return Number(
            number.key, number.quarter, number.unit, None, number.n, suppressed=True,
            scope=number.scope,
        )
    return number


def resolve(key: str, service_id: int, quarter: str) -> Number:
    """The number a reference stands for, for a service and a fiscal quarter ("FY2025Q3")."""
    fiscal.parse_fiscal_quarter(quarter)
    if key.startswith(A11_PREFIX):
        driver = key.removeprefix(A11_PREFIX)
        if driver not in A11_DRIVERS:
            raise UnknownFigure(key)
        return _a11(driver, service_id, quarter)
    return _registered(key, service_id, quarter)


def trend_quarters(quarter: str, count: int = 4) -> list[str]:
    """`count` quarters ending with `quarter`, oldest first."""
    last = fiscal.parse_fiscal_quarter(quarter)
    quarters = [last]
    while len(quarters) < count:
        quarters.insert(0, quarters[0].previous())
    return [str(q) for q in quarters]
