"""The metrics registry: what each app declares about its numbers, in its AppConfig.ready (as
staff tools are declared in `civiccx.core.staff_tools`).

- **Rollup sources**: how to recount an app's rollup cells from its raw rows, one fiscal
  quarter at a time. `civiccx metrics rebuild` sums every source; the sum must equal the
  counts the app's writers added incrementally through `civiccx.metrics.rollups`.
- **Operational figures**: the numbers an app's operations are judged by (phone service level
  and answer times, walk-in waits, wait-estimate accuracy, help deflection), each read for a
  period of days. Dashboards and reports read them here, never from another app's views.
  A figure may also be read for one service (`read_figure(key, period, service_id=…)`) when
  its app declares how (`read_service`); a figure that does not is agency-wide only, and says
  so (`Figure.per_service`, `NotPerService`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Max, Min, QuerySet
from django.utils import timezone

from civiccx.core import fiscal
from civiccx.metrics.rollups import CellKey, Counts, quarter_of

# Rollup sources ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterSpan:
    """One fiscal quarter and the instants it covers on the agency's calendar
    (`start <= t < end`), so a source can filter raw rows by time."""

    quarter: str
    start: datetime
    end: datetime

    @classmethod
    def of(cls, quarter: str) -> QuarterSpan:
        parsed = fiscal.parse_fiscal_quarter(quarter)
        zone = timezone.get_current_timezone()
        start = datetime.combine(parsed.start, time.min, zone)
        end = datetime.combine(parsed.end + timedelta(days=1), time.min, zone)
        return cls(str(parsed), start, end)

    @staticmethod
    def covering(rows: QuerySet, moment_field: str) -> list[str]:
        """The quarters from the earliest to the latest `moment_field` of `rows`."""
        bounds = rows.aggregate(first=Min(moment_field), last=Max(moment_field))
        if bounds["first"] is None:
            return []
        return [str(q) for q in fiscal.iter_fiscal_quarters(quarter_of(bounds["first"]),
                                                            quarter_of(bounds["last"]))]


CountRows = Iterable[tuple[CellKey, str, Counts]]


@dataclass(frozen=True)
class RollupSource:
    name: str
    quarters: Callable[[], Iterable[str]]
    """The fiscal quarters ("FY2024Q2") in which the source has raw rows."""
    counts: Callable[[QuarterSpan], CountRows]
    """(key, metric, counts) for one quarter, recomputed from the raw rows. A key and metric
    may come more than once: they are summed."""


_SOURCES: dict[str, RollupSource] = {}


def register_rollup_source(name: str, *, quarters: Callable[[], Iterable[str]],
                           counts: Callable[[QuarterSpan], CountRows]) -> None:
    """Declare how to recount some rollup cells (e.g. "feedback.responses") from raw rows."""
    _SOURCES[name] = RollupSource(name, quarters, counts)


def rollup_sources() -> list[RollupSource]:
    return [_SOURCES[name] for name in sorted(_SOURCES)]


# Operational figures ----------------------------------------------------------------------

UNITS = ("share", "minutes", "count")


@dataclass(frozen=True)
class Period:
    """Whole days in the site's time zone, `first_day` to `last_day` inclusive."""

    first_day: date
    last_day: date

    @classmethod
    def last(cls, days: int, today: date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls(today - timedelta(days=days - 1), today)

    @classmethod
    def of_quarter(cls, quarter: str) -> Period:
        parsed = fiscal.parse_fiscal_quarter(quarter)
        return cls(parsed.start, parsed.end)

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first_day, time.min))

    @property
    def end(self) -> datetime:
        """The first instant after the period."""
        return timezone.make_aware(datetime.combine(self.last_day + timedelta(days=1), time.min))

    @property
    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=n)
                for n in range((self.last_day - self.first_day).days + 1)]


@dataclass(frozen=True)
class FigureValue:
    """One value of a figure over a period: for the whole line or agency (`group` ""), or for
    one of its parts (a queue, a center: `group` is its slug). `n` is how many observations
    it summarizes; `value` is None when there were none."""

    value: float | None
    n: int
    group: str = ""


@dataclass(frozen=True)
class Figure:
    key: str  # "<app>.<name>", e.g. "phone.service_level"
    title: str  # translated (lazily) for pages and reports
    unit: str  # one of UNITS: "share" (0 to 1), "minutes", "count"
    read: Callable[[Period], list[FigureValue]] = field(repr=False)
    description: str = ""
    read_service: Callable[[Period, int], list[FigureValue]] | None = field(
        default=None, repr=False)
    """The same figure for one service's customers only (its parts as in `read`)."""

    @property
    def app(self) -> str:
        return self.key.partition(".")[0]

    @property
    def per_service(self) -> bool:
        return self.read_service is not None


class NotPerService(LookupError):
    """A figure asked for one service whose app reads it only for the whole agency."""


_FIGURES: dict[str, Figure] = {}


def whole_and_parts(by_part: Mapping[str, list], measure: Callable[[list], float]
                    ) -> list[FigureValue]:
    """A figure's values from its observations per part (a queue, a center): the whole first,
    then each part by name. `measure` turns a non-empty list of observations into a value."""
    whole = [item for items in by_part.values() for item in items]
    return [FigureValue(measure(whole) if whole else None, len(whole)),
            *(FigureValue(measure(items), len(items), part)
              for part, items in sorted(by_part.items()))]


def register_figure(key: str, *, title, unit: str, read: Callable[[Period], list[FigureValue]],
                    description="",
                    read_service: Callable[[Period, int], list[FigureValue]] | None = None
                    ) -> None:
    """Declare an operational figure. `read(period)` returns its values for the period, the
    whole (`group` "") first; `read_service(period, service_id)`, if given, the same for one
    service's customers only."""
    app, dot, name = key.partition(".")
    if not (app and dot and name):
        raise ValueError(f"A figure key is '<app>.<name>', not {key!r}.")
    if unit not in UNITS:
        raise ValueError(f"Unknown unit {unit!r} for {key}; use one of {', '.join(UNITS)}.")
    _FIGURES[key] = Figure(key, title, unit, read, description, read_service)


def figures(app: str | None = None, *, per_service: bool | None = None) -> list[Figure]:
    """The registered figures (of one app, if given; only those readable per service, or only
    those that are not, if `per_service` is given), by key."""
    return [_FIGURES[key] for key in sorted(_FIGURES)
            if (app is None or key.startswith(f"{app}."))
            and (per_service is None or _FIGURES[key].per_service == per_service)]


def figure(key: str) -> Figure:
    try:
        return _FIGURES[key]
    except KeyError:
        raise KeyError(f"No figure {key!r}; registered: {', '.join(sorted(_FIGURES))}.") from None


def read_figure(key: str, period: Period, service_id: int | None = None) -> list[FigureValue]:
    """A figure's values for the period: for the whole agency, or, with `service_id`, for that
    service's customers only (`NotPerService` if the figure's app cannot tell them apart).
    Values reported from outside (`ReportedFigure`) for quarters the period wholly covers are
    added to the whole; the parts are the app's own."""
    found = figure(key)
    if service_id is None:
        values = found.read(period)
    elif found.read_service is None:
        raise NotPerService(f"{key} is read for the whole agency only.")
    else:
        values = found.read_service(period, service_id)
    return _with_reported(found, period, service_id, values)


def covered_quarters(period: Period) -> list[str]:
    """The fiscal quarters that lie wholly inside the period."""
    quarters = fiscal.iter_fiscal_quarters(fiscal.fiscal_quarter(period.first_day),
                                           fiscal.fiscal_quarter(period.last_day))
    return [str(q) for q in quarters
            if q.start >= period.first_day and q.end <= period.last_day]


def combine(unit: str, observations: Iterable[tuple[float, int]]) -> FigureValue:
    """One value from values over disjoint sets of observations: counts add up, shares and
    means are weighted by how many observations each summarizes."""
    observations = [(value, n) for value, n in observations if n]
    total = sum(n for _value, n in observations)
    if not total:
        return FigureValue(0 if unit == "count" else None, 0)
    if unit == "count":
        return FigureValue(sum(value for value, _n in observations), total)
    return FigureValue(sum(value * n for value, n in observations) / total, total)


def _with_reported(found: Figure, period: Period, service_id: int | None,
                   values: list[FigureValue]) -> list[FigureValue]:
    from civiccx.metrics.models import ReportedFigure

    quarters = covered_quarters(period)
    if not quarters:
        return values
    rows = ReportedFigure.objects.filter(key=found.key, fiscal_quarter__in=quarters)
    if service_id is not None:
        rows = rows.filter(service_id=service_id)
    reported = list(rows.values_list("value", "n"))
    if not reported:
        return values
    whole = next((v for v in values if v.group == ""), FigureValue(None, 0))
    own = [(whole.value, whole.n)] if whole.value is not None else []
    return [combine(found.unit, own + reported), *(v for v in values if v.group)]


def record_reported_figures(rows: Iterable[tuple[str, int, str, float, int]], *,
                            source: str) -> int:
    """Store figure values reported from outside: (key, service id, fiscal quarter, value, n)
    rows. Each key must be registered, a share lie from 0 to 1, n be positive. Returns how
    many were stored."""
    from civiccx.metrics.models import ReportedFigure

    stored = []
    for key, service_id, quarter, value, n in rows:
        unit = figure(key).unit
        quarter = str(fiscal.parse_fiscal_quarter(quarter))
        if n <= 0 or value < 0 or (unit == "share" and value > 1):
            raise ValueError(f"{key} in {quarter}: a value needs n > 0, and a share lies "
                             f"from 0 to 1 (got {value!r}, n={n!r}).")
        stored.append(ReportedFigure(key=key, service_id=service_id, fiscal_quarter=quarter,
                                     value=value, n=n, source=source))
    ReportedFigure.objects.bulk_create(stored)
    return len(stored)


# Call volume history ----------------------------------------------------------------------


@dataclass(frozen=True)
class VolumeSource:
    """A line whose past calls per interval an app can give: for staffing's season forecasts.

    `read()` returns (interval start as a naive local datetime, calls offered, mean handle
    seconds) rows, oldest first."""

    key: str  # "<app>.<name>", e.g. "phone.main-line"
    title: str
    read: Callable[[], list[tuple[datetime, float, float]]] = field(repr=False)


_VOLUME_PROVIDERS: dict[str, Callable[[], list[VolumeSource]]] = {}


def register_volume_sources(app: str, sources: Callable[[], list[VolumeSource]]) -> None:
    """Declare that `app` can list its lines' call histories (read lazily, per request)."""
    _VOLUME_PROVIDERS[app] = sources


def volume_sources() -> list[VolumeSource]:
    return [source for app in sorted(_VOLUME_PROVIDERS) for source in _VOLUME_PROVIDERS[app]()]


def read_volume_history(key: str) -> list[tuple[datetime, float, float]]:
    for source in volume_sources():
        if source.key == key:
            return source.read()
    raise KeyError(f"No call history {key!r}.")
