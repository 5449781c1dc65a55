"""Horizontal bar charts: one labelled bar per item (articles, services, offices), with a
whisker where the item has an interval and an optional dashed reference line (a threshold or
a target)."""

from __future__ import annotations

from collections.abc import Sequence

from civiccx.charts.axis import nice_scale
from civiccx.charts.model import (
    MISSING,
    Bar,
    Chart,
    DataTable,
    ValueFormat,
    check_chart_id,
    formatter,
)
from civiccx.charts.svg import (
    AXIS_COLOR,
    FONT_SIZE,
    GRID_COLOR,
    PALETTE,
    dash_swatch,
    fit,
    horizontal_whisker,
    legend,
    line,
    number,
    rect,
    text,
    text_width,
)

REFERENCE_COLOR = PALETTE[1]


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], *, label_header: str,
              value_header: str, summary: str = "", value_format: ValueFormat = "{:g}",
              tick_format: ValueFormat | None = None,
              value_range: tuple[float, float] | None = None, interval_label: str = "",
              reference: float | None = None, reference_label: str = "", width: int = 960,
              bar_height: int = 34) -> Chart:
    """Bars from zero, in the order given. Long labels are cut with an ellipsis in the
    picture and kept whole in the table."""
    check_chart_id(chart_id)
    if not bars:
        raise ValueError("a bar chart needs at least one bar")
    intervals = [bar for bar in bars if bar.low is not None and bar.high is not None]
    if intervals and not interval_label:
        raise ValueError("name the whiskers: pass interval_label, e.g. "
                         "'95% confidence interval'")
    show = formatter(value_format)
    tick_show = formatter(tick_format or value_format)
    if value_range is not None:
        scale = nice_scale(*value_range)
    else:
        known = [bar.value for bar in bars] + [end for bar in intervals
                                               for end in (bar.low, bar.high)]
        known += [reference] if reference is not None else []
        scale = nice_scale(min(known), max(known))
    label_width = min(max(text_width(bar.label) for bar in bars) + 12, width * 0.36)
    left, right, top = label_width + 8, width - 24, 8
    entries = [(dash_swatch(REFERENCE_COLOR), reference_label)] if reference_label else []
    legend_markup, legend_height = legend(entries, left, 0, right)
    axis_y = top + bar_height * len(bars)
    height = round(axis_y + FONT_SIZE + 14 + (legend_height + 6 if entries else 0))

    def x(value: float) -> float:
        return left + scale.fraction(value) * (right - left)

    parts = []
    for tick in scale.ticks:
        parts.append(line(x(tick), top, x(tick), axis_y, AXIS_COLOR if tick == 0 else GRID_COLOR))
        parts.append(text(x(tick), axis_y + FONT_SIZE + 6, tick_show(tick), anchor="middle"))
    for index, bar in enumerate(bars):
        y = top + index * bar_height
        middle = y + bar_height / 2
        parts.append(text(left - 10, middle + FONT_SIZE / 3, fit(bar.label, label_width),
                          anchor="end"))
        start, end = sorted((x(0 if scale.low <= 0 <= scale.high else scale.low),
                             x(bar.value)))
        parts.append(rect(start, y + 6, end - start, bar_height - 12, PALETTE[0],
                          tooltip=f"{bar.label}: {show(bar.value)}"))
        far = end
        if bar.low is not None and bar.high is not None:
            parts.append(horizontal_whisker(middle, x(bar.low), x(bar.high)))
            far = max(far, x(bar.high))
        label = show(bar.value)
        if far + 6 + text_width(label) <= right:
            parts.append(text(far + 6, middle + FONT_SIZE / 3, label))
    if reference is not None:
        parts.append(line(x(reference), top - 4, x(reference), axis_y, REFERENCE_COLOR, 2,
                          "6 4"))
    if entries:
        parts.append(f'<g transform="translate(0 {number(height - legend_height)})">'
                     f"{legend_markup}</g>")
    headers = [label_header, value_header] + ([interval_label] if intervals else [])
    rows = []
    for bar in bars:
        row = [bar.label, show(bar.value)]
        if intervals:
            row.append(MISSING if bar.low is None or bar.high is None
                       else f"{show(bar.low)} – {show(bar.high)}")
        rows.append(tuple(row))
    table = DataTable(title, tuple(headers), tuple(rows))
    return Chart(chart_id, title, summary, width, height, "".join(parts), table)
