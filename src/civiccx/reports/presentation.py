"""A report's data as every format shows it: page sections with charts, the PDF's rows, the
open-data CSV and JSON, and the data dictionary. One place formats every number, so the HTML,
the PDF, the CSV and the feed print the same text for the same number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civiccx.charts import Chart, Series, chart_id, line_chart
from civiccx.core.dates import quarter_name
from civiccx.core.languages import current_language
from civiccx.reports.figures import Number, UnknownFigure, figure_choice, format_value
from civiccx.reports.models import Commitment

UNIT_LABELS = {
    "share": gettext_lazy("share (percent)"),
    "minutes": gettext_lazy("minutes"),
    "count": gettext_lazy("count"),
}


@dataclass
class FigureSection:
    key: str
    title: str
    unit: str
    numbers: list[Number]
    chart: Chart
    target: str = ""
    """The open commitment's target on this figure and its due quarter ("75% by FY2027Q3")."""

    @property
    def latest(self) -> Number:
        return self.numbers[-1]

    @property
    def previous(self) -> Number | None:
        return self.numbers[-2] if len(self.numbers) > 1 else None

    @property
    def change(self) -> str:
        """The change from the previous quarter, in the figure's unit ("+3.1 points")."""
        before, now = self.previous, self.latest
        if before is None or before.value is None or now.value is None:
            return ""
        delta = now.value - before.value
        if self.unit == "share":
            if round(abs(delta) * 100, 1) == 0:
                return _("No change")
            return _("%(sign)s%(points).1f points") % {
                "sign": "+" if delta >= 0 else "−",
                "points": abs(delta) * 100,
            }
        size = format_value(abs(delta), self.unit)
        if not size.strip("0.,"):
            return _("No change")  # "+0" reads as a code, not as "the same as last quarter"
        return f"{'+' if delta >= 0 else '−'}{size}"


def _plot(number: Number, value: float | None) -> float | None:
    if value is None or number.value is None:
        return None
    return round(value * 100, 1) if number.unit == "share" else round(value, 2)


def figure_chart(figure: dict, numbers: list[Number]) -> Chart:
    share = figure["unit"] == "share"
    latest = numbers[-1]
    summary = ""
    if latest.value is not None:
        summary = _("In %(quarter)s: %(value)s, from %(n)s observations.") % {
            "quarter": quarter_name(latest.quarter),
            "value": latest.display,
            "n": latest.n_display,
        }
        if latest.interval_display:
            summary += " " + _("95%% confidence interval: %(interval)s.") % {
                "interval": latest.interval_display
            }
    elif latest.suppressed:
        summary = _("In %(quarter)s there were too few answers (%(n)s) to publish a value.") % {
            "quarter": quarter_name(latest.quarter),
            "n": latest.n,
        }
    banded = share and any(n.low is not None for n in numbers)
    series = Series(
        _("Percent") if share else str(UNIT_LABELS.get(figure["unit"], "")).capitalize(),
        [_plot(n, n.value) for n in numbers],
        low=[_plot(n, n.low) for n in numbers] if banded else None,
        high=[_plot(n, n.high) for n in numbers] if banded else None,
    )
    return line_chart(
        chart_id(figure["key"], "report"),
        figure["title"],
        [quarter_name(n.quarter) for n in numbers],
        [series],
        category_label=_("Quarter"),
        value_range=(0, 100) if share else None,
        value_format="{:.0f}%" if share else partial(format_value, unit=figure["unit"]),
        interval_label=_("%(percent)s%% confidence interval") % {"percent": 95} if banded else "",
        summary=summary,
    )


def figure_title(figure: dict) -> str:
    """The figure's title in the reader's language (the registry's), or, for a figure no app
    registers any more, the title it was published with."""
    try:
        return figure_choice(figure["key"]).title
    except UnknownFigure:
        return figure["title"]


def _targets(data: dict) -> dict[str, str]:
    return {
        row["metric"]: _("%(target)s by %(quarter)s")
        % {"target": _target(row), "quarter": quarter_name(row["due_quarter"])}
        for row in data.get("commitments", [])
        if row["status"] == Commitment.Status.OPEN
    }


def figure_sections(data: dict) -> list[FigureSection]:
    sections = []
    targets = _targets(data)
    for figure in data["figures"]:
        numbers = [Number.from_dict(item) for item in figure["numbers"]]
        figure = {**figure, "title": figure_title(figure)}
        sections.append(
            FigureSection(
                figure["key"],
                figure["title"],
                figure["unit"],
                numbers,
                figure_chart(figure, numbers),
                targets.get(figure["key"], ""),
            )
        )
    return sections


@dataclass
class CommitmentRow:
    title: str
    owner: str
    unit: str
    target: str
    due_quarter: str
    status: str
    status_label: str
    baseline: Number
    latest: Number
    history: list[dict]


def commitment_rows(data: dict) -> list[CommitmentRow]:
    spanish = current_language() == "es"
    labels = dict(Commitment.Status.choices)
    return [
        CommitmentRow(
            (row["title_es"] if spanish and row["title_es"] else row["title"]),
            row["owner"],
            row["unit"],
            _target(row),
            row["due_quarter"],
            row["status"],
            str(labels.get(row["status"], row["status"])),
            Number.from_dict(row["baseline"]),
            Number.from_dict(row["latest"]),
            [
                {
                    **event,
                    "date": date.fromisoformat(event["date"]),
                    "label": str(labels.get(event["status"], event["status"])),
                }
                for event in row["history"]
            ],
        )
        for row in data["commitments"]
    ]


def _target(row: dict) -> str:
    text = format_value(row["target"], row["unit"])
    return f"{text} {UNIT_LABELS['minutes']}" if row["unit"] == "minutes" else text


@dataclass(frozen=True)
class QuoteText:
    """A quote in the reader's language, or in English (`lang` "en") when it has no
    translation, so a Spanish page marks the English words for screen readers."""

    text: str
    lang: str = ""

    def __str__(self) -> str:
        return self.text


def quotes(data: dict) -> list[QuoteText]:
    spanish = current_language() == "es"
    return [
        QuoteText(q["text_es"]) if spanish and q["text_es"]
        else QuoteText(q["text"], "en" if spanish else "")
        for q in data["quotes"]
    ]


# Open data ---------------------------------------------------------------------------------

CSV_COLUMNS = (
    "service",
    "quarter",
    "figure",
    "title",
    "unit",
    "value",
    "display",
    "n",
    "ci_low",
    "ci_high",
    "suppressed",
    "scope",
)

DATA_DICTIONARY = (
    ("service", gettext_lazy("The service's short name (slug) in the service catalog.")),
    ("quarter", gettext_lazy("Federal fiscal quarter, e.g. FY2025Q3 (April to June 2025).")),
    (
        "figure",
        gettext_lazy(
            "The figure's key: a11.<driver> for the A-11 survey drivers, "
            "<app>.<name> for operational figures."
        ),
    ),
    ("title", gettext_lazy("What the figure measures.")),
    ("unit", gettext_lazy("share (0 to 1), minutes, or count.")),
    (
        "value",
        gettext_lazy(
            "The figure's value; empty when there were no observations or "
            "fewer than 30 (suppressed)."
        ),
    ),
    ("display", gettext_lazy("The value as the report prints it.")),
    ("n", gettext_lazy("How many observations (responses, calls, visits) it summarizes.")),
    ("ci_low", gettext_lazy("Lower end of the confidence interval at 95%, for shares (Wilson).")),
    ("ci_high", gettext_lazy("Upper end of the confidence interval at 95%, for shares (Wilson).")),
    ("suppressed", gettext_lazy("true when fewer than 30 observations: the value is withheld.")),
    (
        "scope",
        gettext_lazy(
            "service: the figure counts this service's customers only; agency: it is read for "
            "all the agency's services together (its app cannot tell services apart)."
        ),
    ),
)


def csv_rows(data: dict) -> list[list[object]]:
    rows = []
    for figure in data["figures"]:
        for item in figure["numbers"]:
            number = Number.from_dict(item)
            rows.append(
                [
                    data["service"],
                    number.quarter,
                    figure["key"],
                    figure_title(figure),
                    figure["unit"],
                    "" if number.value is None else number.value,
                    number.display,
                    number.n,
                    "" if number.low is None else number.low,
                    "" if number.high is None else number.high,
                    "true" if number.suppressed else "false",
                    number.scope,
                ]
            )
    return rows
