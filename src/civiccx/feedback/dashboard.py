"""What the CX dashboard shows, computed from rollups: per driver per quarter, volumes and
response rates, and which v2 indicators go with trust."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civiccx.charts import Chart, Series, line_chart
from civiccx.core.dates import quarter_name
from civiccx.feedback.rollups import QuarterScores, read_scores
from civiccx.feedback.scoring import SMALL_SAMPLE_N, DriverTally, ShareSummary, ThumbsTally
from civiccx.metrics.drivers import DRIVER_LABELS

DRIVERS = DRIVER_LABELS
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
    kind: str  # "likert", "thumbs" or "mixed" (both, pooled)


def _cell(quarter: str, likert: DriverTally | None, thumbs: ThumbsTally | None) -> DriverCell:
    """One driver's quarter. Where the filters span surveys that ask the driver on the 1-5
    scale and others that ask it as thumbs (trust, when every service is shown), the share
    agreeing counts both, as the page's introduction says, and no mean is shown: a mean of the
    1-5 answers alone would sit beside an n that is not its own (decision 0029)."""
    likert_n = likert.n if likert is not None else 0
    thumbs_n = thumbs.n if thumbs is not None else 0
    if likert_n and thumbs_n:
        share = ShareSummary.of(likert.agree + thumbs.up, likert_n + thumbs_n)
        return DriverCell(quarter, share.n, None, share.rate, share.ci.low, share.ci.high,
                          share.n < SMALL_SAMPLE_N, "mixed")
    if likert_n:
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


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def driver_chart(driver: str, cells: list[DriverCell]) -> Chart:
    """The share agreeing per quarter, with its 95% Wilson interval as a band, and a sentence
    on the latest quarter that has answers."""
    label = str(DRIVERS[driver])
    latest = next((cell for cell in reversed(cells) if cell.agree is not None), None)
    summary = ""
    if latest is not None and latest.agree_low is not None:
        summary = gettext("In %(quarter)s, %(share).0f%% agreed or gave a thumbs up (95%% "
                          "confidence interval %(low).0f%% to %(high).0f%%), from %(n)s "
                          "responses.") % {
            "quarter": quarter_name(latest.quarter), "share": latest.agree * 100,
            "low": latest.agree_low * 100, "high": latest.agree_high * 100,
            "n": f"{latest.n:,}"}
    return line_chart(
        f"cx-{driver}",
        gettext("%(driver)s: share agreeing (or thumbs up), by fiscal quarter")
        % {"driver": label},
        [quarter_name(cell.quarter) for cell in cells],
        [Series(gettext("Agree or thumbs up (%)"), [_percent(cell.agree) for cell in cells],
                low=[_percent(cell.agree_low) for cell in cells],
                high=[_percent(cell.agree_high) for cell in cells])],
        category_label=gettext("Quarter"), value_range=(0, 100), value_format="{:.0f}%",
        interval_label=gettext("%(percent)s%% confidence interval") % {"percent": 95},
        summary=summary)


def driver_sections(rows: dict[str, list[DriverCell]]) -> list[dict]:
    """One section per driver on the dashboard: its name, its quarters and their chart."""
    return [{"driver": driver, "label": DRIVERS[driver], "cells": cells,
             "chart": driver_chart(driver, cells)} for driver, cells in rows.items()]


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
    # A quarter in which the filtered services served nobody and nobody answered (rollup cells
    # exist for other figures) would show as a row of zeros: leave it out.
    by_quarter = {key: scores for key, scores in read_scores(filters).items()
                  if scores.served or scores.offered or scores.responses or scores.likert
                  or scores.thumbs}
    rows = driver_rows(by_quarter)
    return {"drivers": rows, "driver_sections": driver_sections(rows),
            "volumes": volume_rows(by_quarter),
            "indicators": indicator_rows(by_quarter), "quarters": sorted(k[0] for k in by_quarter)}
