"""An insight's A-11 series, drawn beside its quotes: the share who agree (Likert 4-5, plus
thumbs up where the v2 question was asked) for one driver of one service, per fiscal quarter,
read through the metrics API (`metrics.rollups.read_scores`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from civiccx.charts import Series, line_chart
from civiccx.core.dates import quarter_name
from civiccx.metrics.drivers import DRIVER_LABELS


def agree_share(scores, driver: str) -> tuple[int, int]:
    """(agree, answered) for one driver in one QuarterScores."""
    tally, thumbs = scores.likert.get(driver), scores.thumbs.get(driver)
    agree, answered = (tally.agree, tally.n) if tally else (0, 0)
    if thumbs:
        agree, answered = agree + thumbs.up, answered + thumbs.n
    return agree, answered


def insight_series(insight) -> list[tuple[str, int, int]]:
    """[(fiscal quarter, agree, answered)] oldest first, quarters with answers only."""
    from civiccx.metrics.rollups import read_scores

    if not (insight.metric_service_id and insight.metric_driver):
        return []
    rows = []
    for (quarter,), scores in sorted(read_scores({"service": insight.metric_service}).items()):
        agree, answered = agree_share(scores, insight.metric_driver)
        if answered:
            rows.append((quarter, agree, answered))
    return rows


def insight_chart(insight, evidence: dict):
    rows = insight_series(insight)
    if not rows:
        return None
    driver = str(DRIVER_LABELS[insight.metric_driver])
    service = insight.metric_service.localized_name
    shares = [round(100 * agree / answered, 1) for _quarter, agree, answered in rows]
    first, last = rows[0][0], rows[-1][0]
    summary = _("%(driver)s for %(service)s: %(start)s%% agreed in %(first)s and %(end)s%% in "
                "%(last)s. This insight cites %(count)s highlight(s) from %(people)s "
                "participant(s); the survey and the interviews are different evidence.") % {
        "driver": driver, "service": service, "start": f"{shares[0]:g}",
        "end": f"{shares[-1]:g}", "first": quarter_name(first), "last": quarter_name(last),
        "count": evidence["highlights"], "people": evidence["participants"]}
    return line_chart(
        f"insight-metric-{insight.pk}",
        _("%(driver)s, %(service)s: share who agree, by quarter") % {"driver": driver,
                                                                     "service": service},
        [quarter_name(quarter) for quarter, _agree, _answered in rows],
        [Series(_("Share who agree (%)"), shares)],
        category_label=_("Fiscal quarter"), value_range=(0, 100), summary=summary,
        value_format="{:g}%")
