"""SVG pieces shared by every chart: the house colours and type sizes, escaping, and elements
with presentation attributes only (no ``style`` attribute, no script: the CSP allows them)."""

from __future__ import annotations

import html
import math

# USWDS type and colours. Every colour of a mark has at least 3:1 contrast with white
# (WCAG 1.4.11), and the palette's first four stay apart for the common colour blindnesses.
FONT_FAMILY = "Source Sans Pro Web, Helvetica Neue, Helvetica, Roboto, Arial, sans-serif"
FONT_SIZE = 15  # user units; 12 px or more wherever the chart is drawn 768 px wide or more
TITLE_SIZE = 18
TEXT_COLOR = "#1b1b1b"
MUTED_TEXT = "#565c65"
GRID_COLOR = "#dfe1e2"
AXIS_COLOR = "#71767a"
PALETTE = ("#005ea2", "#c05600", "#008817", "#8168b3", "#d83933", "#1a4480", "#936f38")
BAND_OPACITY = 0.18
CHAR_WIDTH = 0.56  # average advance of a Source Sans character, as a share of its size


def escape(value: object) -> str:
    """Text for an SVG element or attribute: ``<``, ``>``, ``&`` and both quotes escaped."""
    return html.escape(str(value), quote=True)


def number(value: float) -> str:
    """A coordinate, short: one decimal, none when it is whole."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def text_width(content: str, size: float = FONT_SIZE) -> float:
    return len(content) * size * CHAR_WIDTH


def fit(content: str, width: float, size: float = FONT_SIZE) -> str:
    """``content`` cut with an ellipsis to fit ``width`` (the data table has it in full)."""
    if text_width(content, size) <= width:
        return content
    keep = max(1, math.floor(width / (size * CHAR_WIDTH)) - 1)
    return content[:keep].rstrip() + "…"


def text(x: float, y: float, content: str, *, anchor: str = "start", size: int = FONT_SIZE,
         fill: str = TEXT_COLOR, extra: str = "") -> str:
    sized = "" if size == FONT_SIZE else f' font-size="{size}"'
    anchored = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return (f'<text x="{number(x)}" y="{number(y)}"{anchored}{sized} fill="{fill}"{extra}>'
            f"{escape(content)}</text>")


def line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1,
         dash: str = "") -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{number(x1)}" y1="{number(y1)}" x2="{number(x2)}" y2="{number(y2)}" '
            f'stroke="{stroke}" stroke-width="{width:g}"{dashed}/>')


def rect(x: float, y: float, width: float, height: float, fill: str, *, stroke: str = "",
         tooltip: str = "", opacity: float = 1.0) -> str:
    outlined = f' stroke="{stroke}" stroke-width="1"' if stroke else ""
    faded = f' fill-opacity="{opacity:g}"' if opacity < 1 else ""
    shape = (f'<rect x="{number(x)}" y="{number(y)}" width="{number(max(width, 0))}" '
             f'height="{number(max(height, 0))}" fill="{fill}"{faded}{outlined}')
    return f"{shape}><title>{escape(tooltip)}</title></rect>" if tooltip else f"{shape}/>"


def vertical_whisker(x: float, y_low: float, y_high: float) -> str:
    """An interval on a vertical axis: a line between its ends with a short cap at each."""
    return "".join(line(x1, y1, x2, y2, TEXT_COLOR, 1.5) for x1, y1, x2, y2 in (
        (x, y_low, x, y_high), (x - 5, y_low, x + 5, y_low), (x - 5, y_high, x + 5, y_high)))


def horizontal_whisker(y: float, x_low: float, x_high: float) -> str:
    """An interval on a horizontal axis."""
    return "".join(line(x1, y1, x2, y2, TEXT_COLOR, 1.5) for x1, y1, x2, y2 in (
        (x_low, y, x_high, y), (x_low, y - 5, x_low, y + 5), (x_high, y - 5, x_high, y + 5)))


def legend(entries: list[tuple[str, str]], left: float, top: float, right: float) -> tuple[
        str, float]:
    """Legend entries (swatch, label) in rows from ``top``, wrapping at ``right``. Each swatch
    is SVG drawn with its top-left corner at (0, 0). Returns the markup and the height used."""
    parts, x, y, row = [], left, top, FONT_SIZE + 10
    for swatch, label in entries:
        advance = 26 + text_width(label) + 24
        if x > left and x + advance - 24 > right:
            x, y = left, y + row
        parts.append(f'<g transform="translate({number(x)} {number(y)})">{swatch}'
                     f"{text(22, 12, label)}</g>")
        x += advance
    return "".join(parts), (y - top + row) if entries else 0.0


def line_swatch(color: str) -> str:
    return line(0, 7, 16, 7, color, 2.5) + f'<circle cx="8" cy="7" r="3.5" fill="{color}"/>'


def box_swatch(color: str, *, opacity: float = 1.0, stroke: str = "") -> str:
    return rect(0, 0, 16, 14, color, opacity=opacity, stroke=stroke)


def dash_swatch(color: str) -> str:
    return line(0, 7, 16, 7, color, 2, "6 4")
