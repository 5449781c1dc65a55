"""The frame of a chart with a vertical value axis (line and column charts): margins, gridlines
at the nice ticks, category labels thinned so they never overlap, an optional axis title and
the legend underneath."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from civiccx.charts.axis import Scale
from civiccx.charts.svg import (
    AXIS_COLOR,
    FONT_SIZE,
    GRID_COLOR,
    legend,
    line,
    number,
    text,
    text_width,
)


@dataclass(frozen=True)
class Frame:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    scale: Scale
    count: int
    points: bool  # True: categories sit on points (lines); False: in slots (columns)

    @property
    def slot(self) -> float:
        if self.points:
            return (self.right - self.left) / max(self.count - 1, 1)
        return (self.right - self.left) / max(self.count, 1)

    def x(self, index: int) -> float:
        if self.points:
            if self.count == 1:
                return (self.left + self.right) / 2
            return self.left + index * self.slot
        return self.left + (index + 0.5) * self.slot

    def y(self, value: float) -> float:
        return self.bottom - self.scale.fraction(value) * (self.bottom - self.top)


def draw_frame(*, width: int, height: int, categories: Sequence[str], scale: Scale,
               tick_format: Callable[[float], str], legend_entries: list[tuple[str, str]],
               points: bool, y_label: str = "") -> tuple[Frame, str]:
    """The frame's geometry and its markup (gridlines, ticks, labels, legend)."""
    tick_labels = [tick_format(tick) for tick in scale.ticks]
    axis_title = FONT_SIZE + 10 if y_label else 0
    left = axis_title + max(text_width(label) for label in tick_labels) + 14
    edge = text_width(categories[-1]) / 2 + 4 if points and categories else 0
    right = width - max(16.0, edge)
    legend_markup, legend_height = legend(legend_entries, left, 0, right)
    bottom = height - legend_height - FONT_SIZE - 22
    frame = Frame(width, height, left, right, 12 + FONT_SIZE / 2, bottom, scale,
                  len(categories), points)
    parts = []
    for tick, label in zip(scale.ticks, tick_labels, strict=True):
        y = frame.y(tick)
        color = AXIS_COLOR if tick in (scale.low, 0) else GRID_COLOR
        parts.append(line(left, y, right, y, color))
        parts.append(text(left - 8, y + FONT_SIZE / 3, label, anchor="end"))
    if y_label:
        middle = (frame.top + bottom) / 2
        parts.append(text(FONT_SIZE, middle, y_label, anchor="middle",
                          extra=f' transform="rotate(-90 {FONT_SIZE} {number(middle)})"'))
    widest = max((text_width(category) for category in categories), default=0) + 12
    every = max(1, math.ceil(widest / frame.slot)) if categories else 1
    baseline = bottom + FONT_SIZE + 8
    for index, category in enumerate(categories):
        if index % every == 0 and category:
            half = text_width(category) / 2
            x = min(max(frame.x(index), half + 2), width - half - 2)
            parts.append(text(x, baseline, category, anchor="middle"))
    if legend_entries:
        parts.append(f'<g transform="translate(0 {number(height - legend_height)})">'
                     f"{legend_markup}</g>")
    return frame, "".join(parts)
