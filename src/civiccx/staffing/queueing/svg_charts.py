"""Small dependency-free SVG charts for staffing plans and callback comparisons.

Hand-written SVG keeps matplotlib out of the install; the charts are simple enough (bars and a
few labels) that a plotting library would add weight without adding clarity.
"""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT = 900, 420
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 50, 70
REQUIRED_COLOR, SCHEDULED_COLOR = "#005ea2", "#a9d6f5"
WITHOUT_COLOR, WITH_COLOR = "#8f8f8f", "#00a91c"


def _nice_step(top: float, ticks: int = 5) -> float:
    raw = max(top, 1e-9) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _frame(title: str, y_top: float, y_label: str) -> tuple[list[str], float]:
    step = _nice_step(y_top)
    top = step * max(1, math.ceil(y_top / step))
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Source Sans Pro, Helvetica, Arial, '
        f'sans-serif" font-size="12" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="28" font-size="16" font-weight="bold">{escape(title)}</text>',
        f'<text x="14" y="{TOP + plot_h / 2}" transform="rotate(-90 14 {TOP + plot_h / 2})" '
        f'text-anchor="middle">{escape(y_label)}</text>',
    ]
    value = 0.0
    while value <= top + 1e-9:
        y = TOP + plot_h * (1 - value / top)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dfe1e2"/>'
        )
        label = f"{value:g}"
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
        value += step
    return parts, top


def _legend(parts: list[str], entries: list[tuple[str, str]]) -> None:
    x = WIDTH - RIGHT - 170 * len(entries)
    for color, label in entries:
        parts.append(f'<rect x="{x}" y="16" width="12" height="12" fill="{color}"/>')
        parts.append(f'<text x="{x + 18}" y="26">{escape(label)}</text>')
        x += 170


def plan_chart_svg(interval_labels: list[str], required, scheduled, title: str) -> str:
    """Scheduled agents (light) behind required agents (dark), one bar pair per interval."""
    n = len(interval_labels)
    parts, top = _frame(title, max([*scheduled, 1]), "agents")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(n, 1)
    bar = max(slot * 0.8, 0.5)
    for i, (req, sch) in enumerate(zip(required, scheduled, strict=True)):
        x = LEFT + i * slot + (slot - bar) / 2
        for value, color in ((sch, SCHEDULED_COLOR), (req, REQUIRED_COLOR)):
            h = plot_h * value / top
            parts.append(
                f'<rect x="{x:.2f}" y="{TOP + plot_h - h:.2f}" width="{bar:.2f}" '
                f'height="{h:.2f}" fill="{color}"><title>{escape(interval_labels[i])}: '
                f"{value:g}</title></rect>"
            )
    every = max(1, math.ceil(n / 12))
    for i in range(0, n, every):
        x = LEFT + (i + 0.5) * slot
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
            f"{escape(interval_labels[i])}</text>"
        )
    _legend(parts, [(SCHEDULED_COLOR, "scheduled (with shrinkage)"), (REQUIRED_COLOR, "required")])
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def comparison_chart_svg(
    metrics: list[str], without: list[tuple[float, float]], with_: list[tuple[float, float]]
) -> str:
    """Percent metrics side by side, without and with callbacks, with confidence whiskers.

    ``without``/``with_`` hold (mean, half-width) pairs as fractions (0..1).
    """
    parts, top = _frame("Callbacks: with and without", 100.0, "percent of calls")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(metrics), 1)
    bar = slot * 0.3
    for i, name in enumerate(metrics):
        for j, ((mean, half), color) in enumerate(
            ((without[i], WITHOUT_COLOR), (with_[i], WITH_COLOR))
        ):
            x = LEFT + i * slot + slot * 0.2 + j * bar
            h = plot_h * max(mean, 0.0) * 100 / top
            parts.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{color}"><title>{escape(name)}: {mean:.1%}</title></rect>'
            )
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h - h - 4:.1f}" '
                f'text-anchor="middle">{mean:.1%}</text>'
            )
            if math.isfinite(half) and half > 0:
                lo = TOP + plot_h * (1 - (mean - half) * 100 / top)
                hi = TOP + plot_h * (1 - (mean + half) * 100 / top)
                cx = x + bar / 2
                parts.append(
                    f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{lo:.1f}" y2="{hi:.1f}" '
                    'stroke="black"/>'
                )
        parts.append(
            f'<text x="{LEFT + (i + 0.5) * slot:.1f}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle">{escape(name)}</text>'
        )
    _legend(parts, [(WITHOUT_COLOR, "without callback"), (WITH_COLOR, "with callback")])
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
