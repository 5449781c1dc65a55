"""Line charts: one line per series over ordered categories (days, weeks, quarters), with a
shaded band where a series has an interval."""

from __future__ import annotations

from collections.abc import Sequence

from civiccx.charts.axis import nice_scale
from civiccx.charts.frame import draw_frame
from civiccx.charts.model import (
    MISSING,
    Chart,
    DataTable,
    Series,
    ValueFormat,
    check_chart_id,
    formatter,
)
from civiccx.charts.svg import (
    AXIS_COLOR,
    BAND_OPACITY,
    PALETTE,
    box_swatch,
    escape,
    line_swatch,
    number,
    vertical_whisker,
)


def check_series(categories: Sequence[str], series: Sequence[Series], kind: str) -> None:
    if not categories:
        raise ValueError(f"a {kind} needs at least one category")
    if not series:
        raise ValueError(f"a {kind} needs at least one series")
    for item in series:
        if len(item.values) != len(categories):
            raise ValueError(f"series {item.name!r} has {len(item.values)} values for "
                             f"{len(categories)} categories")


def value_scale(series: Sequence[Series], value_range: tuple[float, float] | None,
                include_zero: bool):
    if value_range is not None:
        return nice_scale(*value_range, include_zero=include_zero)
    known = [value for item in series for value in item.values if value is not None]
    for item in series:
        for index in range(len(item.values)):
            known.extend(item.interval(index) or ())
    return nice_scale(min(known, default=0.0), max(known, default=1.0),
                      include_zero=include_zero)


def series_table(caption: str, category_label: str, categories: Sequence[str],
                 series: Sequence[Series], value_format: ValueFormat,
                 interval_label: str) -> DataTable:
    show = formatter(value_format)
    headers = [category_label]
    for item in series:
        headers.append(item.name)
        if item.has_interval:
            headers.append(f"{item.name}: {interval_label}" if len(series) > 1
                           else interval_label)
    rows = []
    for index, category in enumerate(categories):
        row = [category]
        for item in series:
            value = item.values[index]
            row.append(MISSING if value is None else show(value))
            if item.has_interval:
                interval = item.interval(index)
                row.append(MISSING if interval is None
                           else f"{show(interval[0])} – {show(interval[1])}")
        rows.append(tuple(row))
    return DataTable(caption, tuple(headers), tuple(rows))


def _runs(values: Sequence[float | None]) -> list[list[int]]:
    """Indexes of consecutive known values: a missing value breaks the line."""
    runs, current = [], []
    for index, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(index)
    if current:
        runs.append(current)
    return runs


def line_chart(chart_id: str, title: str, categories: Sequence[str], series: Sequence[Series],
               *, category_label: str, summary: str = "", value_format: ValueFormat = "{:g}",
               tick_format: ValueFormat | None = None,
               value_range: tuple[float, float] | None = None, include_zero: bool = True,
               interval_label: str = "", y_label: str = "", width: int = 960,
               height: int = 360) -> Chart:
    """Lines over ``categories``, a point on each known value.

    ``value_range`` fixes the axis (for shares, ``(0, 100)``); otherwise it is the nice
    scale around the data. ``interval_label`` names the band in the legend and table
    (required when a series has an interval)."""
    check_chart_id(chart_id)
    check_series(categories, series, "line chart")
    banded = [item for item in series if item.has_interval]
    if banded and not interval_label:
        raise ValueError("name the shaded interval: pass interval_label, e.g. "
                         "'95% confidence interval'")
    show = formatter(value_format)
    scale = value_scale(series, value_range, include_zero)
    entries = [(line_swatch(PALETTE[index % len(PALETTE)]), item.name)
               for index, item in enumerate(series)]
    if banded:
        # one band takes its line's colour; several are named once, in neutral grey
        color = (PALETTE[list(series).index(banded[0]) % len(PALETTE)] if len(banded) == 1
                 else AXIS_COLOR)
        entries.append((box_swatch(color, opacity=BAND_OPACITY * 1.5), interval_label))
    frame, axes = draw_frame(width=width, height=height, categories=categories, scale=scale,
                             tick_format=formatter(tick_format or value_format),
                             legend_entries=entries if len(entries) > 1 or banded else [],
                             points=True, y_label=y_label)
    bands, lines, marks = [], [], []
    radius = 3.5 if len(categories) <= 60 else 2
    for index, item in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        if item.has_interval:
            known = [i if item.interval(i) else None for i in range(len(categories))]
            for run in _runs(known):
                if len(run) == 1:
                    low, high = item.interval(run[0])
                    bands.append(vertical_whisker(frame.x(run[0]), frame.y(low), frame.y(high)))
                    continue
                upper = [(frame.x(i), frame.y(item.interval(i)[1])) for i in run]
                lower = [(frame.x(i), frame.y(item.interval(i)[0])) for i in reversed(run)]
                path = " L".join(f"{number(x)} {number(y)}" for x, y in upper + lower)
                bands.append(f'<path d="M{path} Z" fill="{color}" '
                             f'fill-opacity="{BAND_OPACITY:g}"/>')
        for run in _runs(item.values):
            if len(run) > 1:
                points = " ".join(f"{number(frame.x(i))},{number(frame.y(item.values[i]))}"
                                  for i in run)
                lines.append(f'<polyline points="{points}" fill="none" stroke="{color}" '
                             'stroke-width="2.5" stroke-linejoin="round"/>')
            for i in run:
                label = f"{item.name}, {categories[i]}: {show(item.values[i])}"
                marks.append(f'<circle cx="{number(frame.x(i))}" '
                             f'cy="{number(frame.y(item.values[i]))}" r="{radius:g}" '
                             f'fill="{color}"><title>{escape(label)}</title></circle>')
    body = axes + "".join(bands) + "".join(lines) + "".join(marks)
    table = series_table(title, category_label, categories, series, value_format,
                         interval_label)
    return Chart(chart_id, title, summary, width, height, body, table)
