"""The staffing charts, drawn with `civiccx.charts` for the planner page (translated words) and
the `civiccx staffing` command (English): no Django here, the caller passes the words."""

from __future__ import annotations

import math
from dataclasses import dataclass

from civiccx.charts import Chart, Series, column_chart


@dataclass(frozen=True)
class PlanWords:
    title: str
    scheduled: str
    required: str
    starts: str
    agents: str


ENGLISH_PLAN = PlanWords("Staffing plan", "scheduled (with shrinkage)", "required", "starts",
                         "agents")


def plan_chart(plan, words: PlanWords = ENGLISH_PLAN) -> Chart:
    """Scheduled agents (a light column) behind required agents, one pair per interval."""
    columns = plan.columns
    return column_chart(
        "staffing-plan", words.title, [str(start) for start in plan.forecast.interval_start],
        [Series(words.scheduled, columns["scheduled_agents"].tolist()),
         Series(words.required, columns["required_agents"].tolist())],
        category_label=words.starts, layout="overlaid", y_label=words.agents,
        value_format="{:g}")


def callback_comparison_chart(metrics: list[str], without: list[tuple[float, float]],
                              with_: list[tuple[float, float]]) -> Chart:
    """Percent metrics side by side, without and with callbacks, with 95% confidence whiskers.
    ``without`` and ``with_`` hold (mean, half-width) pairs as fractions (0..1)."""

    def series(name: str, pairs: list[tuple[float, float]]) -> Series:
        known = [math.isfinite(half) and half > 0 for _mean, half in pairs]
        return Series(name, [mean * 100 for mean, _half in pairs],
                      low=[(mean - half) * 100 if ok else None
                           for (mean, half), ok in zip(pairs, known, strict=True)],
                      high=[(mean + half) * 100 if ok else None
                            for (mean, half), ok in zip(pairs, known, strict=True)])

    return column_chart(
        "staffing-callbacks", "Callbacks: with and without", metrics,
        [series("without callback", without), series("with callback", with_)],
        category_label="Measure", value_range=(0, 100), value_format="{:.1f}%",
        tick_format="{:.0f}%", value_labels=True, interval_label="95% confidence interval",
        y_label="percent of calls")
