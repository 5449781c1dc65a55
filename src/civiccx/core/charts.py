"""Small, accessible SVG charts drawn on the server (no scripts, no inline styles: CSP-safe).

Each chart has a title and description for screen readers; pages show the numbers in a table
beside it, so nothing is conveyed by the picture alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

PALETTE = ["#005ea2", "#c05600", "#00a91c", "#8168b3", "#e52207", "#1a4480", "#936f38"]


@dataclass
class Series:
    name: str
    values: list[float | None]


def _labelled(chart_id: str, title: str, description: str) -> list[str]:
    """The opening tag with its accessible name (the title) and, if given, its description."""
    described = f' aria-describedby="{chart_id}-desc"' if description else ""
    parts = [f'role="img" aria-labelledby="{chart_id}-title"{described} class="civiccx-chart">',
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    if description:
        parts.append(f'<desc id="{chart_id}-desc">{escape(description)}</desc>')
    return parts


def line_chart(title: str, categories: list[str], series: list[Series], *,
               y_max: float | None = None, y_format: str = "{:.0f}", width: int = 640,
               height: int = 260, description: str = "") -> str:
    left, right, top, bottom = 48, 40, 16, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    top_value = y_max if y_max is not None else (max(values) * 1.1 if values else 1) or 1
    step = plot_w / max(len(categories) - 1, 1)

    def x(i: int) -> float:
        return left + i * step if len(categories) > 1 else left + plot_w / 2

    def y(v: float) -> float:
        return top + plot_h - (v / top_value) * plot_h

    opening, *labels = _labelled(f"chart-{id(series)}", title, description)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             + opening, *labels]
    for tick in range(5):
        value = top_value * tick / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" '
                     f'y2="{y(value):.1f}" stroke="#dfe1e2" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                     f'font-size="12" fill="#1b1b1b">{escape(y_format.format(value))}</text>')
    for i, category in enumerate(categories):
        parts.append(f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                     f'font-size="12" fill="#1b1b1b">{escape(category)}</text>')
    for index, item in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        points = [(x(i), y(v)) for i, v in enumerate(item.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" '
                         f'stroke-width="2.5"/>')
        for px, py in points:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{color}"/>')
        legend_x = left + index * 150
        parts.append(f'<rect x="{legend_x}" y="{height - 24}" width="12" height="12" '
                     f'fill="{color}"/>')
        parts.append(f'<text x="{legend_x + 18}" y="{height - 14}" font-size="12" '
                     f'fill="#1b1b1b">{escape(item.name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass
class Bar:
    label: str
    value: float
    low: float | None = None  # an interval drawn as a whisker, e.g. a 95% confidence interval
    high: float | None = None


def bar_chart(title: str, bars: list[Bar], *, x_max: float = 100, x_format: str = "{:.0f}%",
              reference: float | None = None, reference_label: str = "", width: int = 640,
              label_width: int = 240, bar_height: int = 22, description: str = "") -> str:
    """Horizontal bars, one per labelled item (long labels are cut with an ellipsis: the table
    beside the chart has them in full), with optional whiskers and a dashed reference line."""
    left, right, top, bottom = label_width, 24, 12, 40
    plot_w = width - left - right
    height = top + bottom + bar_height * max(len(bars), 1)

    def x(value: float) -> float:
        return left + max(0.0, min(value, x_max)) / x_max * plot_w

    opening, *labels = _labelled(f"chart-{id(bars)}", title, description)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             + opening, *labels]
    axis_y = height - bottom
    for tick in range(5):
        value = x_max * tick / 4
        parts.append(f'<line x1="{x(value):.1f}" x2="{x(value):.1f}" y1="{top}" '
                     f'y2="{axis_y}" stroke="#dfe1e2" stroke-width="1"/>')
        parts.append(f'<text x="{x(value):.1f}" y="{axis_y + 16}" text-anchor="middle" '
                     f'font-size="12" fill="#1b1b1b">{escape(x_format.format(value))}</text>')
    for index, bar in enumerate(bars):
        y = top + index * bar_height
        label = bar.label if len(bar.label) <= 34 else bar.label[:33].rstrip() + "…"
        parts.append(f'<text x="{left - 8}" y="{y + bar_height / 2 + 4:.1f}" '
                     f'text-anchor="end" font-size="12" fill="#1b1b1b">{escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{x(bar.value) - left:.1f}" '
                     f'height="{bar_height - 8}" fill="{PALETTE[0]}"/>')
        if bar.low is not None and bar.high is not None:
            middle = y + bar_height / 2
            parts.append(f'<line x1="{x(bar.low):.1f}" x2="{x(bar.high):.1f}" '
                         f'y1="{middle:.1f}" y2="{middle:.1f}" stroke="#1b1b1b" '
                         f'stroke-width="1.5"/>')
            for end in (bar.low, bar.high):
                parts.append(f'<line x1="{x(end):.1f}" x2="{x(end):.1f}" '
                             f'y1="{middle - 5:.1f}" y2="{middle + 5:.1f}" stroke="#1b1b1b" '
                             f'stroke-width="1.5"/>')
    if reference is not None:
        parts.append(f'<line x1="{x(reference):.1f}" x2="{x(reference):.1f}" y1="{top - 4}" '
                     f'y2="{axis_y}" stroke="{PALETTE[1]}" stroke-width="2" '
                     f'stroke-dasharray="6 4"/>')
        if reference_label:
            parts.append(f'<text x="{x(reference):.1f}" y="{height - 6}" text-anchor="middle" '
                         f'font-size="12" fill="{PALETTE[1]}">{escape(reference_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
