"""Charts for every page, command and report: SVG drawn in pure Python (no Django, no script,
no inline style; see docs/decisions/0010-one-chart-module.md).

    from civiccx.charts import Series, line_chart
    chart = line_chart("cx-trust", _("Trust by quarter"), quarters,
                       [Series(_("Agree (%)"), shares, low=lows, high=highs)],
                       category_label=_("Quarter"), value_range=(0, 100),
                       value_format="{:.0f}%", interval_label=_("95% confidence interval"))
    chart.svg         # inline markup for a page (use the core/chart.html include)
    chart.document()  # a standalone .svg file (CLI, PDF reports)
    chart.table       # the same numbers as a DataTable (caption, headers, rows of text)

Callers pass every word already translated; ids come from the caller (or `chart_id(name)`) and
must be unique on a page.
"""

from civiccx.charts.axis import Scale, nice_scale
from civiccx.charts.bars import bar_chart
from civiccx.charts.columns import column_chart
from civiccx.charts.line import line_chart
from civiccx.charts.model import Bar, Chart, DataTable, Markup, Series, chart_id
from civiccx.charts.svg import PALETTE

__all__ = ["PALETTE", "Bar", "Chart", "DataTable", "Markup", "Scale", "Series", "bar_chart",
           "chart_id", "column_chart", "line_chart", "nice_scale"]
