"""The chart module as a page, a command or a report uses it: ids the caller chooses and that
never collide, every piece of text escaped, one axis rule, bands and whiskers where there are
intervals, the numbers again as a table, and no Django anywhere in it."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from civiccx.charts import (
    Bar,
    Series,
    bar_chart,
    chart_id,
    column_chart,
    line_chart,
    nice_scale,
)

pytestmark = pytest.mark.pure

SVG = "{http://www.w3.org/2000/svg}"
NASTY = '<script>&"'


def parse(markup: str) -> ET.Element:
    """Parsing fails on anything unescaped; the tree lets a test read text as a person would."""
    return ET.fromstring(markup)  # noqa: S314 (our own output, not untrusted input)


def texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def quarters_chart(name: str, **extra):
    return line_chart(
        chart_id(name, "cx"), f"{name}: share agreeing", ["2024Q1", "2024Q2", "2024Q3"],
        [Series("Agree (%)", [60.0, None, 72.5], low=[52.0, None, 66.0],
                high=[67.0, None, 78.0])],
        category_label="Quarter", value_range=(0, 100), value_format="{:.0f}%",
        interval_label="95% confidence interval", **extra)


def every_chart(prefix: str):
    return [
        quarters_chart(f"{prefix} trust"),
        quarters_chart(f"{prefix} ease"),
        bar_chart(f"{prefix}-bars", "Helpful", [Bar("Refunds", 40, 30, 50)],
                  label_header="Article", value_header="Helpful",
                  interval_label="95% interval"),
        column_chart(f"{prefix}-columns", "Plan", ["08:00", "08:30"],
                     [Series("scheduled", [5, 6]), Series("required", [4, 5])],
                     category_label="Starts", layout="overlaid"),
    ]


def test_ids_on_a_page_with_several_charts_are_unique_and_every_reference_resolves():
    page = "<div>" + "".join(chart.svg for chart in every_chart("p")) + "</div>"
    root = parse(page)
    ids = [node.get("id") for node in root.iter() if node.get("id")]
    assert len(ids) == len(set(ids)), ids
    for svg in root.iter(f"{SVG}svg"):
        inside = {node.get("id") for node in svg.iter() if node.get("id")}
        for attribute in ("aria-labelledby", "aria-describedby"):
            for reference in (svg.get(attribute) or "").split():
                assert reference in inside, f"{svg.get('id')} {attribute} -> {reference}"


def test_the_same_name_gives_the_same_id_and_different_names_different_ids():
    assert chart_id("Trust") == chart_id("Trust") == "chart-trust"
    assert chart_id("Año 2024: ¿confianza?", "cx") == "cx-ano-2024-confianza"
    assert chart_id("Trust") != chart_id("Trust 2")
    assert quarters_chart("Trust").svg == quarters_chart("Trust").svg  # nothing random


@pytest.mark.parametrize("bad", ["", "1st", "two words", "quote\"", "<b>"])
def test_a_chart_id_that_could_break_the_page_is_refused_by_name(bad):
    with pytest.raises(ValueError, match="must start with a letter"):
        line_chart(bad, "T", ["a"], [Series("s", [1])], category_label="c")


def test_a_name_with_nothing_to_make_an_id_from_is_refused():
    with pytest.raises(ValueError, match="no letters or digits"):
        chart_id("¿?")


def test_every_text_is_escaped_in_the_picture_and_kept_whole_in_the_table():
    line = line_chart("nasty-line", NASTY, [NASTY, "b"],
                      [Series(NASTY, [1, 2], low=[0, 1], high=[2, 3])],
                      category_label=NASTY, value_format=lambda v: f"{v:g} {NASTY}",
                      interval_label=NASTY, summary=NASTY, y_label=NASTY)
    bars = bar_chart("nasty-bars", NASTY, [Bar(NASTY, 5, 4, 6)], label_header=NASTY,
                     value_header=NASTY, value_format=lambda v: f"{v:g}{NASTY}",
                     interval_label=NASTY, reference=3, reference_label=NASTY)
    columns = column_chart("nasty-columns", NASTY, [NASTY], [Series(NASTY, [3])],
                           category_label=NASTY, value_labels=True,
                           value_format=lambda v: f"{v:g}{NASTY}")
    for chart in (line, bars, columns):
        for markup in (chart.svg, chart.document()):
            assert "<script" not in markup and '&"' not in markup
            root = parse(markup)  # would fail on a stray < or &
            assert "".join(root.find(f"{SVG}title").itertext()) == NASTY
            assert any(NASTY in text for text in texts(root))
        assert NASTY in chart.table.caption and NASTY in chart.table.headers[0]
    assert "".join(parse(line.svg).find(f"{SVG}desc").itertext()) == NASTY
    assert line.table.rows[0][0] == NASTY and line.table.rows[0][1] == f"1 {NASTY}"


def test_the_svg_has_no_inline_style_or_script_and_scales_with_its_container():
    for chart in every_chart("csp"):
        markup = chart.svg
        assert " style=" not in markup and "<style" not in markup and "<script" not in markup
        root = parse(markup)
        assert root.get("class") == "civiccx-chart" and root.get("viewBox")
        assert root.get("width") is None and root.get("height") is None
        assert root.get("role") == "img"
        sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', markup)]
        assert min(sizes) >= 15  # 12 px once drawn 768 px wide (the CSS min-width)


@pytest.mark.parametrize(("low", "high", "ticks"), [
    (0, 97, [0, 20, 40, 60, 80, 100]),
    (0, 100, [0, 20, 40, 60, 80, 100]),
    (0, 7, [0, 2, 4, 6, 8]),
    (-3.2, 5, [-4, -2, 0, 2, 4, 6]),
    (0, 0.37, [0, 0.1, 0.2, 0.3, 0.4]),
    (0, 0.07, [0, 0.02, 0.04, 0.06, 0.08]),
    (12, 12, [0, 5, 10, 15]),
    (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]),
    (-7, -2, [-8, -6, -4, -2, 0]),
    (0, 1_000_001, [0, 500_000, 1_000_000, 1_500_000]),
])
def test_the_axis_rule_rounds_out_to_round_ticks(low, high, ticks):
    assert nice_scale(low, high).ticks == ticks


def test_the_axis_rule_need_not_start_at_zero_and_refuses_nonsense():
    assert nice_scale(41, 59, include_zero=False).ticks == [40, 45, 50, 55, 60]
    assert nice_scale(5, 1).ticks == nice_scale(1, 5).ticks
    with pytest.raises(ValueError, match="finite"):
        nice_scale(0, float("nan"))
    with pytest.raises(ValueError, match="at least one interval"):
        nice_scale(0, 1, max_ticks=0)


def test_a_chart_labels_its_axis_with_the_rule():
    chart = line_chart("ticks", "Searches", ["a", "b", "c"], [Series("n", [3, 97, 41])],
                       category_label="Day")
    assert [t for t in texts(parse(chart.svg)) if t.isdigit()] == ["0", "20", "40", "60", "80",
                                                                  "100"]


def test_a_negative_value_stays_inside_the_plot():
    chart = line_chart("bias", "Bias", ["a", "b"], [Series("bias", [-3.5, 4.0])],
                       category_label="Day")
    root = parse(chart.svg)
    box = [float(n) for n in root.get("viewBox").split()]
    for circle in root.iter(f"{SVG}circle"):
        assert 0 < float(circle.get("cy")) < box[3]
    assert "-4" in texts(root)


def test_an_interval_is_a_band_on_lines_and_a_whisker_on_columns_and_bars():
    line = quarters_chart("band")
    root = parse(line.svg)
    # Q1 and Q3 have no known neighbour (Q2 is missing): each gets a whisker, not a band
    assert not [p for p in root.iter(f"{SVG}path") if p.get("fill-opacity")]
    assert len([n for n in root.iter(f"{SVG}line") if n.get("stroke-width") == "1.5"]) == 6
    assert line.table.headers == ("Quarter", "Agree (%)", "95% confidence interval")
    assert line.table.rows == (("2024Q1", "60%", "52% – 67%"), ("2024Q2", "—", "—"),
                               ("2024Q3", "72%", "66% – 78%"))
    joined = line_chart("joined", "T", ["a", "b", "c"],
                        [Series("s", [1, 2, 3], low=[0, 1, 2], high=[2, 3, 4])],
                        category_label="c", interval_label="CI")
    assert len([p for p in parse(joined.svg).iter(f"{SVG}path") if p.get("fill-opacity")]) == 1
    bars = bar_chart("whisker", "Helpful", [Bar("Refunds", 40, 30, 50), Bar("Amend", 70)],
                     label_header="Article", value_header="Helpful", interval_label="CI")
    assert bars.table.rows == (("Refunds", "40", "30 – 50"), ("Amend", "70", "—"))


def test_an_interval_without_a_name_or_with_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="interval_label"):
        line_chart("x", "T", ["a"], [Series("s", [1], low=[0], high=[2])], category_label="c")
    with pytest.raises(ValueError, match="1 values but 2 interval ends"):
        Series("s", [1], low=[0, 1], high=[2, 3])
    with pytest.raises(ValueError, match="both low and high"):
        Series("s", [1], low=[0])
    with pytest.raises(ValueError, match="'s' has 1 values for 2 categories"):
        line_chart("x", "T", ["a", "b"], [Series("s", [1])], category_label="c")
    with pytest.raises(ValueError, match="layout must be one of grouped, overlaid"):
        column_chart("x", "T", ["a"], [Series("s", [1])], category_label="c", layout="stack")
    with pytest.raises(ValueError, match="at least one bar"):
        bar_chart("x", "T", [], label_header="a", value_header="b")


def test_many_categories_keep_every_row_in_the_table_and_labels_that_do_not_overlap():
    days = [f"Mar {day}" for day in range(1, 91)]
    chart = line_chart("days", "Searches", days, [Series("n", list(range(90)))],
                       category_label="Day")
    assert len(chart.table.rows) == 90
    shown = [t for t in texts(parse(chart.svg)) if t.startswith("Mar")]
    assert 4 <= len(shown) < 20


def test_a_long_bar_label_is_cut_in_the_picture_only():
    title = "How to amend a return when the IRS already accepted the first one"
    chart = bar_chart("long", "Helpful", [Bar(title, 40)], label_header="Article",
                      value_header="Helpful")
    assert title not in texts(parse(chart.svg))
    assert any(t.endswith("…") for t in texts(parse(chart.svg)))
    assert chart.table.rows[0][0] == title


def test_a_standalone_document_has_a_size_a_background_and_a_visible_title():
    document = quarters_chart("doc").document()
    root = parse(document)
    assert root.get("width") == "960" and int(root.get("height")) > 360
    assert "doc: share agreeing" in texts(root)


def test_the_chart_package_imports_no_django():
    code = ("import sys, civiccx.charts, civiccx.staffing.plan_charts; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
