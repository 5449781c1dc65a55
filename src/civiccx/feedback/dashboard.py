"""What the CX dashboard shows, computed from rollups: per driver per quarter, volumes and
response rates, and which v2 indicators go with trust."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from civiccx.core.charts import Series, line_chart
from civiccx.feedback.rollups import QuarterScores, read_scores
from civiccx.feedback.scoring import SMALL_SAMPLE_N, DriverTally, ThumbsTally

DRIVERS = {
    "satisfaction": _("Satisfaction"), "trust": _("Trust"),
    "effectiveness": _("Effectiveness"), "ease": _("Ease"), "efficiency": _("Efficiency"),
    "transparency": _("Transparency"), "employee": _("Employee helpfulness"),
}
INDICATORS = {
    "effectiveness": _("Effectiveness"), "ease": _("Ease"), "efficiency": _("Efficiency"),
    "transparency": _("Transparency"), "humanity": _("Humanity"),
    "employee": _("Employee helpfulness"), "other": _("Other"),
}


@dataclass
class DriverCell:
    quarter: str
    n: int
    mean: float | None
    agree: float | None
    agree_low: float | None
    agree_high: float | None
    small_sample: bool
    kind: str  # "likert" or "thumbs"


def _cell(quarter: str, likert: DriverTally | None, thumbs: ThumbsTally | None) -> DriverCell:
    if likert is not None and likert.n:
        summary = likert.summary()
        ci = summary.agree_ci
        return DriverCell(quarter, summary.n, summary.mean, summary.percent_agree,
                          ci.low if ci else None, ci.high if ci else None,
                          summary.small_sample, "likert")
    tally = thumbs or ThumbsTally()
    share = tally.summary()
    return DriverCell(quarter, share.n, None, share.rate, share.ci.low if share.ci else None,
                      share.ci.high if share.ci else None, share.n < SMALL_SAMPLE_N, "thumbs")


def driver_rows(by_quarter: dict[tuple, QuarterScores]) -> dict[str, list[DriverCell]]:
    rows = {}
    for driver in DRIVERS:
        cells = [_cell(key[0], scores.likert.get(driver), scores.thumbs.get(driver))
                 for key, scores in sorted(by_quarter.items())]
        if any(cell.n for cell in cells):
            rows[driver] = cells
    return rows


def driver_charts(rows: dict[str, list[DriverCell]]) -> dict[str, str]:
    charts = {}
    for driver, cells in rows.items():
        label = str(DRIVERS[driver])
        charts[driver] = line_chart(
            f"{label}: share agreeing (or thumbs up), by fiscal quarter",
            [cell.quarter for cell in cells],
            [Series(str(_("Agree or thumbs up (%)")),
                    [None if cell.agree is None else round(cell.agree * 100, 1)
                     for cell in cells])],
            y_max=100, y_format="{:.0f}%")
    return charts


def volume_rows(by_quarter: dict[tuple, QuarterScores]) -> list[dict]:
    rows = []
    for key, scores in sorted(by_quarter.items()):
        rows.append({
            "quarter": key[0], "served": scores.served, "offered": scores.offered,
            "responses": scores.responses,
            "rate_offered": scores.responses / scores.offered if scores.offered else None,
            "rate_served": scores.responses / scores.served if scores.served else None,
        })
    return rows


def indicator_rows(by_quarter: dict[tuple, QuarterScores]) -> list[dict]:
    """Among people who trusted us (thumbs up), the share naming each indicator as going well;
    among those who did not, the share naming it as not going well."""
    up = sum(s.thumbs.get("trust", ThumbsTally()).up for s in by_quarter.values())
    down = sum(s.thumbs.get("trust", ThumbsTally()).down for s in by_quarter.values())
    rows = []
    for indicator, label in INDICATORS.items():
        went = sum(s.went_well.get(indicator, 0) for s in by_quarter.values())
        not_well = sum(s.not_well.get(indicator, 0) for s in by_quarter.values())
        rows.append({"indicator": indicator, "label": label, "went_well": went,
                     "went_well_share": went / up if up else None, "not_well": not_well,
                     "not_well_share": not_well / down if down else None})
    rows.sort(key=lambda row: -(row["not_well_share"] or 0))
    return rows


def dashboard_data(filters: dict) -> dict:
    by_quarter = read_scores(filters)
    rows = driver_rows(by_quarter)
    return {"drivers": rows, "charts": driver_charts(rows), "volumes": volume_rows(by_quarter),
            "indicators": indicator_rows(by_quarter), "quarters": sorted(k[0] for k in by_quarter)}
