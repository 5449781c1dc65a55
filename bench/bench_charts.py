"""Our chart module beside pygal and Vega-Lite (vl-convert-python), on the two charts of ADR
0009: a 52-point line chart with 3 series and a confidence band, and a 20-bar chart.

For each: median render time (after one warm-up render; the first render is printed apart),
output size (raw and gzipped), and what a page with our CSP and our screen-reader needs would
have to undo (style attributes, <style> and <script> elements, an accessible name).

    python bench/bench_charts.py [--repeat 50]

pygal and vl-convert-python are not dependencies of the project; install them in a scratch
virtualenv to compare (`pip install pygal==3.1.3 vl-convert-python==1.9.0.post1`), with
PYTHONPATH=src. A peer that is not installed is skipped.
"""

from __future__ import annotations

import argparse
import gzip
import math
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from civiccx.charts import Bar, Series, bar_chart, line_chart  # noqa: E402

WEEKS = [f"W{week}" for week in range(1, 53)]


def data():
    rng = random.Random(9)
    lines = {}
    for name, base in (("Trust", 62), ("Ease", 45), ("Effectiveness", 28)):
        lines[name] = [round(base + 9 * math.sin(i / 6) + rng.uniform(-3, 3), 1)
                       for i in range(52)]
    band = [(round(v - 5.5, 1), round(v + 5.5, 1)) for v in lines["Trust"]]
    bars = [(f"Article {i}: how to check a refund", round(rng.uniform(20, 90), 1))
            for i in range(20)]
    return lines, band, bars


def ours_line(lines, band):
    series = [Series(name, values) for name, values in lines.items()]
    series[0] = Series("Trust", lines["Trust"], low=[b[0] for b in band],
                       high=[b[1] for b in band])
    return line_chart("bench-line", "Share agreeing, by week", WEEKS, series,
                      category_label="Week", value_range=(0, 100), value_format="{:.0f}%",
                      interval_label="95% confidence interval",
                      summary="Trust stayed above ease and effectiveness all year.").svg


def ours_bars(bars):
    return bar_chart("bench-bars", "Helpful votes by article",
                     [Bar(label, value) for label, value in bars], label_header="Article",
                     value_header="Helpful", value_range=(0, 100), value_format="{:.0f}%").svg


def pygal_line(lines, band):
    import pygal

    chart = pygal.Line(title="Share agreeing, by week", js=[], disable_xml_declaration=True,
                       range=(0, 100), x_label_rotation=0, show_minor_x_labels=False)
    chart.x_labels = WEEKS
    chart.x_labels_major = WEEKS[::4]
    for name, values in lines.items():
        if name == "Trust":  # pygal has no band: its nearest is a whisker per point
            chart.add(name, [{"value": v, "ci": {"low": lo, "high": hi}}
                             for v, (lo, hi) in zip(values, band, strict=True)])
        else:
            chart.add(name, values)
    return chart.render(is_unicode=True)


def pygal_bars(bars):
    import pygal

    chart = pygal.HorizontalBar(title="Helpful votes by article", js=[],
                                disable_xml_declaration=True, range=(0, 100))
    chart.x_labels = [label for label, _value in bars]
    chart.add("Helpful", [value for _label, value in bars])
    return chart.render(is_unicode=True)


def vega_line(lines, band):
    import vl_convert

    rows = [{"week": week, "series": name, "value": values[i], "order": i}
            for name, values in lines.items() for i, week in enumerate(WEEKS)]
    bands = [{"week": week, "low": lo, "high": hi, "order": i}
             for i, (week, (lo, hi)) in enumerate(zip(WEEKS, band, strict=True))]
    x = {"field": "week", "type": "ordinal", "sort": WEEKS, "title": "Week"}
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": "Share agreeing, by week",
        "description": "Trust stayed above ease and effectiveness all year.",
        "width": 880, "height": 280,
        "layer": [
            {"data": {"values": bands}, "mark": {"type": "area", "opacity": 0.2},
             "encoding": {"x": x, "y": {"field": "low", "type": "quantitative",
                                        "scale": {"domain": [0, 100]}},
                          "y2": {"field": "high"}}},
            {"data": {"values": rows}, "mark": {"type": "line", "point": True},
             "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"},
                          "color": {"field": "series", "type": "nominal"}}},
        ],
    }
    return vl_convert.vegalite_to_svg(spec)


def vega_bars(bars):
    import vl_convert

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": "Helpful votes by article", "width": 600,
        "data": {"values": [{"article": label, "helpful": value} for label, value in bars]},
        "mark": "bar",
        "encoding": {"y": {"field": "article", "type": "nominal", "sort": None},
                     "x": {"field": "helpful", "type": "quantitative",
                           "scale": {"domain": [0, 100]}}},
    }
    return vl_convert.vegalite_to_svg(spec)


def measure(render, repeat: int) -> tuple[float, float, str]:
    start = time.perf_counter()
    output = render()
    first = time.perf_counter() - start
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    return first, statistics.median(times), output


def audit(svg: str, again: str) -> str:
    root = svg[svg.index("<svg"):svg.index(">", svg.index("<svg")) + 1]
    # px and unitless sizes only (pygal's CSS also has em sizes for its tooltips)
    sizes = [float(size) for size in re.findall(r'font-size[=:]"?\s*([\d.]+)(?:px)?[";}]', svg)]
    named = ('role="img"' in root and ("aria-label" in root or "aria-labelledby" in root))
    return (f"style= {svg.count(' style=')}, <style> {svg.count('<style')}, "
            f"<script> {svg.count('<script')}, root role=img+name {'yes' if named else 'no'}, "
            f"<title> {svg.count('<title')}, aria-label {svg.count('aria-label=')}, "
            f"smallest font {min(sizes, default=0):g}, "
            f"same output twice {'yes' if svg == again else 'no'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    lines, band, bars = data()
    peers = {"ours": (ours_line, ours_bars), "pygal": (pygal_line, pygal_bars),
             "vega-lite": (vega_line, vega_bars)}
    medians = {}
    for name, (line_render, bar_render) in peers.items():
        for chart, render in (("line", lambda r=line_render: r(lines, band)),
                              ("bars", lambda r=bar_render: r(bars))):
            try:
                first, median, svg = measure(render, args.repeat)
            except ImportError as missing:
                print(f"{name:9} {chart}: skipped ({missing.name} is not installed)")
                break
            medians[name, chart] = median
            size, packed = len(svg.encode()), len(gzip.compress(svg.encode()))
            print(f"{name:9} {chart}: median {median * 1000:8.2f} ms (first {first * 1000:7.1f} "
                  f"ms), {size / 1024:6.1f} KiB, gzip {packed / 1024:5.1f} KiB; "
                  f"{audit(svg, render())}")
    for chart in ("line", "bars"):
        ours = medians.get(("ours", chart))
        for name in ("pygal", "vega-lite"):
            if ours and (name, chart) in medians:
                print(f"{chart}: {name} takes {medians[name, chart] / ours:.0f}x our render time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
