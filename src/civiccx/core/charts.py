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


def line_chart(title: str, categories: list[str], series: list[Series], *,
               y_max: float | None = None, y_format: str = "{:.0f}", width: int = 640,
               height: int = 260) -> str:
    left, right, top, bottom = 48, 40, 16, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    top_value = y_max if y_max is not None else (max(values) * 1.1 if values else 1) or 1
    step = plot_w / max(len(categories) - 1, 1)

    def x(i: int) -> float:
        return left + i * step if len(categories) > 1 else left + plot_w / 2

    def y(v: float) -> float:
        return top + plot_h - (v / top_value) * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-labelledby="chart-title-{id(series)}" class="civiccx-chart">',
             f'<title id="chart-title-{id(series)}">{escape(title)}</title>']
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
