"""What a chart is made of (series, bars) and what drawing one gives back (a `Chart`: the SVG, a
standalone SVG document, and the same numbers as a data table)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from civiccx.charts.svg import FONT_FAMILY, FONT_SIZE, TEXT_COLOR, TITLE_SIZE, escape

ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
MISSING = "—"

ValueFormat = str | Callable[[float], str]


class Markup(str):
    """Text that is already safe HTML. Templates that know ``__html__`` (Django's, Jinja's)
    insert it as it is; the drawing code escapes every piece of text that goes into it."""

    __slots__ = ()

    def __html__(self) -> str:
        return self


def check_chart_id(chart_id: str) -> str:
    """The id of a chart's root element; its title, description and clip path ids start with
    it. Ids come from the caller because only the page knows which other charts it holds."""
    if not isinstance(chart_id, str) or not ID_PATTERN.fullmatch(chart_id):
        raise ValueError(f"chart id {chart_id!r} must start with a letter and hold only letters, "
                         "digits, '-' and '_'")
    return chart_id


def chart_id(name: str, prefix: str = "chart") -> str:
    """A chart id derived from a name the caller gives (the same name always gives the same
    id): ``chart_id("Trust")`` is ``"chart-trust"``, ``chart_id("Año 2024", "cx")`` is
    ``"cx-ano-2024"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot make a chart id from {name!r}: it has no letters or digits")
    return check_chart_id(f"{prefix}-{slug}" if prefix else slug)


def formatter(value_format: ValueFormat) -> Callable[[float], str]:
    if callable(value_format):
        return value_format
    return value_format.format


@dataclass(frozen=True)
class Series:
    """One named line (or set of columns): a value per category, ``None`` where unknown.

    ``low`` and ``high``, when given, hold an interval per category (e.g. a 95% confidence
    interval): a line chart draws them as a shaded band, a column chart as whiskers."""

    name: str
    values: Sequence[float | None]
    low: Sequence[float | None] | None = None
    high: Sequence[float | None] | None = None

    def __post_init__(self):
        if (self.low is None) != (self.high is None):
            raise ValueError(f"series {self.name!r}: give both low and high, or neither")
        for bound in (self.low, self.high):
            if bound is not None and len(bound) != len(self.values):
                raise ValueError(f"series {self.name!r}: {len(self.values)} values but "
                                 f"{len(bound)} interval ends")

    @property
    def has_interval(self) -> bool:
        return self.low is not None

    def interval(self, index: int) -> tuple[float, float] | None:
        if self.low is None or self.high is None:
            return None
        low, high = self.low[index], self.high[index]
        return None if low is None or high is None else (low, high)


@dataclass(frozen=True)
class Bar:
    """One labelled horizontal bar, with an optional interval drawn as a whisker."""

    label: str
    value: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class DataTable:
    """The numbers a chart shows, as text, for the table that follows every chart. The first
    cell of each row names the row (a category or a bar)."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """A drawn chart. ``svg`` goes into a web page (it scales to its container through the
    ``civiccx-chart`` class); ``document()`` is a file on its own (CLI output, PDF reports)."""

    id: str
    title: str
    summary: str
    width: int
    height: int
    body: str = field(repr=False)
    table: DataTable = field(repr=False)

    def _opening(self, extra: str) -> str:
        described = f' aria-describedby="{self.id}-desc"' if self.summary else ""
        desc = (f'<desc id="{self.id}-desc">{escape(self.summary)}</desc>'
                if self.summary else "")
        return (f'<svg xmlns="http://www.w3.org/2000/svg" id="{self.id}"{extra} role="img" '
                f'aria-labelledby="{self.id}-title"{described} font-family="{FONT_FAMILY}" '
                f'font-size="{FONT_SIZE}">'
                f'<title id="{self.id}-title">{escape(self.title)}</title>{desc}')

    @property
    def svg(self) -> Markup:
        opening = self._opening(f' viewBox="0 0 {self.width} {self.height}" '
                                'class="civiccx-chart"')
        return Markup(f"{opening}{self.body}</svg>")

    def document(self) -> str:
        """A standalone SVG file: fixed size, white background, the title drawn above."""
        band = TITLE_SIZE * 2 + 8
        height = self.height + band
        opening = self._opening(f' width="{self.width}" height="{height}" '
                                f'viewBox="0 0 {self.width} {height}"')
        return (f'{opening}\n<rect width="{self.width}" height="{height}" fill="#ffffff"/>\n'
                f'<text x="16" y="{TITLE_SIZE + 12}" font-size="{TITLE_SIZE}" '
                f'font-weight="bold" fill="{TEXT_COLOR}">{escape(self.title)}</text>\n'
                f'<g transform="translate(0 {band})">{self.body}</g>\n</svg>\n')
