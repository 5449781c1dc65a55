"""The season's statistics as people read them: the headline sentence, this season beside
last season, weeks, states, reject codes, and their CSV and JSON rows. Everything here reads
the rollups (`season.read_season`), so a page costs the same at any volume."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from civiccx.charts import Bar, Series, bar_chart, column_chart
from civiccx.core.percentages import percent_text
from civiccx.directfile.eligibility import reason_title
from civiccx.directfile.rejections import rejection
from civiccx.directfile.season import (
    Season,
    change,
    read_checker_reasons,
    read_funnel,
    read_season,
    seasons,
)
from civiccx.taxengine.money import usd


@dataclass
class Report:
    season: Season
    last: Season

    @property
    def refund_change(self) -> float | None:
        return change(self.season.average_refund_cents, self.last.average_refund_cents)

    @property
    def received_change(self) -> float | None:
        return change(self.season.returns_received, self.last.returns_received)


def report(tax_year: int | None = None) -> Report | None:
    years = seasons()
    if tax_year is None:
        if not years:
            return None
        tax_year = years[0]
    return Report(read_season(tax_year), read_season(tax_year - 1))


def headline(r: Report) -> str:
    s = r.season
    share = percent_text(s.processed_share, 0)
    text = _("%(share)s of the %(received)s returns received for %(year)s have been "
             "processed.") % {"share": share, "received": f"{s.returns_received:,}",
                              "year": s.tax_year}
    if r.refund_change is not None:
        if r.refund_change >= 0:
            text += " " + _("The average refund is %(change)s higher than last year.") % {
                "change": percent_text(r.refund_change, 0)}
        else:
            text += " " + _("The average refund is %(change)s lower than last year.") % {
                "change": percent_text(-r.refund_change, 0)}
    return text


def money(value: int | None) -> str:
    return usd(value) if value is not None else "—"


def summary_rows(r: Report) -> list[tuple[str, str, str]]:
    """(measure, this season, last season) as shown on the page and in the CSV."""
    def pair(get, show=lambda v: f"{v:,}" if v is not None else "—"):
        return show(get(r.season)), show(get(r.last))

    share = lambda v: percent_text(v, 1)  # noqa: E731
    return [
        (_("Returns received"), *pair(lambda s: s.returns_received)),
        (_("Submissions received, with resubmissions"), *pair(lambda s: s.submissions_received)),
        (_("Submissions processed"), *pair(lambda s: s.decided)),
        (_("Share processed"), *pair(lambda s: s.processed_share, share)),
        (_("Submissions accepted"), *pair(lambda s: s.accepted)),
        (_("Submissions rejected"), *pair(lambda s: s.rejected)),
        (_("Returns with a refund"), *pair(lambda s: s.refunds)),
        (_("Average refund"), *pair(lambda s: s.average_refund_cents, money)),
        (_("Refunds sent"), *pair(lambda s: s.refunds_sent)),
        (_("Returns with a balance due"), *pair(lambda s: s.owing)),
    ]


LATE_WEEK = 54  # week 53 ends on December 31; later weeks are late filers, summed in one row


def week_rows(r: Report) -> list[tuple[int, int, int, int]]:
    """(week, returns received this season, last season, accepted this season); weeks after the
    filing year are summed into one LATE_WEEK row, so a late filer does not stretch the axis."""
    rows: dict[int, list[int]] = {}
    for season, column in ((r.season, 0), (r.last, 1)):
        for week, counts in season.weeks.items():
            row = rows.setdefault(min(week, LATE_WEEK), [0, 0, 0])
            row[column] += counts[0]
            if column == 0:
                row[2] += counts[1]
    return [(w, *rows[w]) for w in sorted(rows)]


def weekly_chart(r: Report):
    rows = week_rows(r)
    if not rows:
        return None
    categories = [str(w) if w < LATE_WEEK else str(_("Later")) for w, *_rest in rows]
    series = [Series(_("%(year)s season") % {"year": r.season.tax_year},
                     [float(this) for _w, this, _l, _a in rows]),
              Series(_("%(year)s season") % {"year": r.last.tax_year},
                     [float(last) for _w, _t, last, _a in rows])]
    return column_chart("directfile-weekly", _("Returns received by week of the season"),
                        categories, series, category_label=_("Week"),
                        summary=_("Returns received each week, this season beside last "
                                  "season. Week 1 starts on January 1; \"Later\" counts returns "
                                  "received after the filing year ended."),
                        value_format="{:,.0f}", y_label=_("Returns"))


def reject_rows(r: Report) -> list[tuple[str, int, str]]:
    return [(code, n, str(rejection(code).text)) for code, n in r.season.reject_codes.items()]


def state_rows(r: Report) -> list[tuple[str, str, str, str]]:
    """(state, received, accepted, average refund), as shown."""
    out = []
    for state, (received, accepted, _rejected, refunds, cents) in r.season.states.items():
        average = round(cents / refunds) if refunds else None
        out.append((state, f"{received:,}", f"{accepted:,}", money(average)))
    return out


def as_json(r: Report) -> dict:
    def one(s: Season) -> dict:
        return {"taxYear": s.tax_year, "returnsReceived": s.returns_received,
                "submissionsReceived": s.submissions_received, "processed": s.decided,
                "processedShare": s.processed_share, "accepted": s.accepted,
                "rejected": s.rejected, "refunds": s.refunds,
                "averageRefundCents": s.average_refund_cents, "refundsSent": s.refunds_sent,
                "balanceDue": s.owing, "rejectCodes": s.reject_codes,
                "weeks": {str(w): dict(zip(("received", "accepted", "rejected", "refunds",
                                                "refundCents"), c, strict=True))
                          for w, c in s.weeks.items()},
                "states": {st: dict(zip(("received", "accepted", "rejected", "refunds",
                                         "refundCents"), c, strict=True))
                           for st, c in s.states.items()}}
    return {"season": one(r.season), "lastSeason": one(r.last),
            "averageRefundChange": r.refund_change,
            "funnel": funnel_json(r.season.tax_year), "funnelAllSeasons": funnel_json(None)}


def _step_labels() -> dict[str, str]:
    return {"checker_started": _("Started the eligibility checker"),
            "checker_finished": _("Finished the checker"),
            "return_started": _("Signed in and started a return"),
            "submitted": _("Submitted a return"), "accepted": _("Return accepted")}


def funnel_json(tax_year: int | None) -> dict:
    """The funnel's steps (people, share kept from the step before) for one tax year or all."""
    steps, sections = read_funnel(tax_year)
    people, reasons = read_checker_reasons(tax_year)
    return {"taxYear": tax_year,
            "steps": [{"step": step, "people": n, "keptFromStepBefore": kept}
                      for step, n, kept in steps],
            "sectionsCompleted": sections,
            "checkerOutOfScope": {
                "people": people,
                "reasons": [{"reason": code, "people": n,
                             "shareOfPeople": n / people if people else None}
                            for code, n in reasons.items()]}}


def checker_reasons(tax_year: int | None = None) -> tuple[str, list[tuple[str, str, str]]]:
    """Why the checker found people out of scope: how many people (for the tax year when it
    has any, else all seasons), and per reason (title, people, share of those people). A
    person may have several reasons, so the shares add up to more than 100%."""
    people, reasons = read_checker_reasons(tax_year) if tax_year else (0, {})
    if not people:
        people, reasons = read_checker_reasons()
    return f"{people:,}", [(reason_title(code), f"{n:,}", percent_text(n / people, 0)
                            if people else "—") for code, n in reasons.items()]


def funnel(tax_year: int | None = None):
    """(chart, rows, sections): the Direct File funnel of one tax year beside all seasons,
    each step with the share kept from the step before, and interview sections completed
    (where people stop: the section after the last one completed). The chart and the
    sections are the tax year's when it has any steps, else all seasons'. A row is (label,
    people, kept) for the year then for all seasons; a tax year's checker start is "—" (the
    year is chosen on the checker's first screen)."""
    from civiccx.directfile.flow import FLOW

    every, sections_all = read_funnel()
    if not any(n for _step, n, _kept in every):
        return None, [], []
    year_steps, year_sections = read_funnel(tax_year) if tax_year else ([], {})
    has_year = any(n for _step, n, _kept in year_steps)
    if not has_year:
        year_steps = [(step, None, None) for step, _n, _kept in every]

    def shown(n, kept):
        return (f"{n:,}" if n is not None else "—",
                percent_text(kept, 0) if kept is not None else "—")

    labels = _step_labels()
    rows = [(labels[step], *shown(n_year, kept_year), *shown(n, kept))
            for (step, n_year, kept_year), (_s, n, kept) in zip(year_steps, every, strict=True)]
    charted = year_steps if has_year else every
    summary = (_("How many people reached each step of Direct File for tax year %(year)s "
                 "(the checker's start is not known by tax year).") % {"year": tax_year}
               if has_year else _("How many people reached each step of Direct File, all "
                                  "seasons."))
    chart = bar_chart("directfile-funnel", _("From the eligibility checker to an accepted "
                                             "return"),
                      [Bar(labels[step], float(n or 0)) for step, n, _kept in charted
                       if n is not None],
                      label_header=_("Step"), value_header=_("People"), summary=summary,
                      value_format="{:,.0f}")
    sections = year_sections if has_year else sections_all
    titles = {section.key: str(section.title) for section in FLOW}
    return chart, rows, [(titles.get(key, key), f"{sections.get(key, 0):,}") for key in titles]


def feedback_rows() -> list[tuple[str, str, str]]:
    """Direct File's A-11 survey beside the funnel: per driver, the share who agreed (4 or 5
    of 5) and how many answered, all seasons, from the feedback rollups."""
    from civiccx.directfile.season import SERVICE
    from civiccx.metrics.drivers import DRIVER_LABELS
    from civiccx.metrics.rollups import read_scores

    scores = read_scores({"service__slug": SERVICE}, group_by=()).get(())
    if scores is None:
        return []
    return [(str(label), percent_text(t.agree / t.n, 0), f"{t.n:,}")
            for d, label in DRIVER_LABELS.items()
            if (t := scores.likert.get(d)) is not None and t.n]
