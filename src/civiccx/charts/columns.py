"""Column charts: vertical bars per category, side by side (``grouped``) or one in front of
the other (``overlaid``: e.g. agents required in front of agents scheduled), with whiskers
where a series has an interval."""

from __future__ import annotations

from collections.abc import Sequence

from civiccx.charts.frame import draw_frame
from civiccx.charts.line import check_series, series_table, value_scale
from civiccx.charts.model import Chart, Series, ValueFormat, check_chart_id, formatter
from civiccx.charts.svg import (
    PALETTE,
    box_swatch,
    rect,
    text,
    vertical_whisker,
)

LAYOUTS = ("grouped", "overlaid")
BACK_OPACITY = 0.3


def column_chart(chart_id: str, title: str, categories: Sequence[str],
                 series: Sequence[Series], *, category_label: str, summary: str = "",
                 layout: str = "grouped", value_format: ValueFormat = "{:g}",
                 tick_format: ValueFormat | None = None,
                 value_range: tuple[float, float] | None = None, value_labels: bool = False,
                 interval_label: str = "", y_label: str = "", width: int = 960,
                 height: int = 400) -> Chart:
    """Columns per category. ``overlaid`` draws the first series as a light outlined column
    behind the others (use it when the first series holds the others, as scheduled agents
    hold required ones); ``value_labels`` writes each value above its column."""
    check_chart_id(chart_id)
    check_series(categories, series, "column chart")
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, got {layout!r}")
    if any(item.has_interval for item in series) and not interval_label:
        raise ValueError("name the whiskers: pass interval_label, e.g. "
                         "'95% confidence interval'")
    show = formatter(value_format)
    scale = value_scale(series, value_range, include_zero=True)
    overlaid = layout == "overlaid"

    def looks(index: int) -> dict:
        color = PALETTE[index % len(PALETTE)]
        if overlaid and index == 0 and len(series) > 1:
            return {"opacity": BACK_OPACITY, "stroke": color}
        return {}

    entries = [(box_swatch(PALETTE[index % len(PALETTE)], **looks(index)), item.name)
               for index, item in enumerate(series)]
    frame, axes = draw_frame(width=width, height=height, categories=categories, scale=scale,
                             tick_format=formatter(tick_format or value_format),
                             legend_entries=entries if len(series) > 1 else [],
                             points=False, y_label=y_label)
    group = frame.slot * (0.8 if overlaid or len(series) == 1 else 0.84)
    column = group if overlaid else group / len(series)
    parts = []
    zero = frame.y(max(scale.low, min(0.0, scale.high)))
    for index, item in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        for position, value in enumerate(item.values):
            if value is None:
                continue
            x = frame.x(position) - group / 2 + (0 if overlaid else index * column)
            top = frame.y(value)
            parts.append(rect(x, min(top, zero), column, abs(zero - top), color,
                              tooltip=f"{item.name}, {categories[position]}: {show(value)}",
                              **looks(index)))
            interval = item.interval(position)
            label_y = min(top, zero) - 6
            if interval is not None:
                high = frame.y(interval[1])
                parts.append(vertical_whisker(x + column / 2, frame.y(interval[0]), high))
                label_y = min(label_y, high - 8)
            if value_labels:
                parts.append(text(x + column / 2, label_y, show(value), anchor="middle"))
    table = series_table(title, category_label, categories, series, value_format,
                         interval_label)
    return Chart(chart_id, title, summary, width, height, axes + "".join(parts), table)
