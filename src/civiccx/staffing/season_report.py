"""A season plan as the planner page keeps it (plain JSON on the run) and shows it: charts with
their data tables, the headline, and the rows of each CSV download."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
from django.utils import formats
from django.utils.translation import gettext as _

from civiccx.charts import Series, column_chart, line_chart
from civiccx.core.dates import clock
from civiccx.staffing.forms import WEEKDAYS
from civiccx.staffing.planning.season import SeasonPlan
from civiccx.staffing.season_cli import roster_rows

DOWNLOADS = ("forecast", "hiring", "budgets", "rosters")


def _round(value: float, digits: int = 2) -> float:
    return round(float(value), digits)


def _json_ready(value):
    """Plain Python numbers (numpy's become int/float) and None where a figure is unknown:
    JSON has no NaN or infinity."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    return value


def result_of(season: SeasonPlan) -> dict:
    """Everything the page and the downloads need, as JSON-ready values."""
    forecast = season.forecast
    head = season.headline()
    chosen = season.chosen
    accuracy = forecast.accuracy
    out = {
        "headline": {
            "hires": head["hires"],
            "first_class": head["first_class"].isoformat() if head["first_class"] else None,
            "last_class": head["last_class"].isoformat() if head["last_class"] else None,
            "level_of_service": head["level_of_service"],
            "peak_month": head["peak_month"].isoformat(),
            "cost": head["cost"],
            "season_level_of_service": head["season_level_of_service"],
            "season_service_level": head["season_service_level"],
            "goal": head["goal"], "full_hires": head["full_hires"],
            "full_cost": head["full_cost"],
        },
        "forecast": {
            "method": forecast.method,
            "calls": _round(forecast.daily.sum(), 0),
            "seconds": _round(season.seconds.get("backtest", 0)
                              + season.seconds.get("forecast", 0)),
            "accuracy": None if accuracy is None else {
                "weeks": accuracy.holdout_days // 7, "mase": accuracy.mase,
                "naive_mase": accuracy.naive_mase,
                "coverage_80": accuracy.coverage.get(80), "coverage_95": accuracy.coverage.get(95)},
            "daily": [[d.isoformat(), _round(m, 0), _round(lo, 0), _round(hi, 0)]
                      for d, m, lo, hi in zip(forecast.dates(), forecast.daily,
                                              forecast.daily_lower[80], forecast.daily_upper[80],
                                              strict=True)],
            "intervals": [[r["interval_start"], _round(r["calls_offered"]),
                           _round(r["calls_low_80"]), _round(r["calls_high_80"]),
                           _round(r["aht_seconds"], 1)]
                          for r in forecast.rows() if r["calls_offered"] > 0],
        },
        "weeks": [[season.week_start(w).isoformat(), _round(season.need[w], 1),
                   int(chosen.hires[w]), _round(chosen.productive[w], 1),
                   _round(chosen.paid[w], 1), _round(chosen.shortfall[w], 1)]
                  for w in range(season.need.size)],
        "classes": [[c["starts"].isoformat(), c["hires"], c["on_phones"].isoformat()]
                    for c in chosen.classes(season.settings.first_week)],
        "budgets": [[p.budget, p.cost, p.hires, p.level_of_service, p.service_level]
                    for p in season.budgets],
        "seconds": {k: _round(v) for k, v in season.seconds.items()},
        "schedule": None,
        "check": None,
    }
    schedule = season.schedule
    if schedule is not None:
        under, over = schedule.gap_person_hours()
        out["schedule"] = {
            "week_of": season.scheduled_week_start.isoformat(),
            "status": schedule.status, "solver": schedule.solver,
            "seconds": _round(schedule.seconds), "headcount": schedule.headcount,
            "under_hours": under, "over_hours": over,
            "interval_minutes": schedule.rules.interval_minutes,
            "short": schedule.short_intervals()[:200],
            "requirement": schedule.requirement.tolist(),
            "coverage": schedule.coverage.tolist(),
            "tours": [[t.shift_type.name, t.start_slot * schedule.rules.interval_minutes,
                       list(t.days), count]
                      for t, count in sorted(schedule.tours, key=lambda tc: -tc[1])],
            "rosters": [list(row.values()) for row in roster_rows(schedule)],
        }
    if season.check is not None:
        def outcome(o):
            return {"los": o.level_of_service, "sl": o.service_level,
                    "sl_low": o.service_level_low, "sl_high": o.service_level_high,
                    "abandon": o.abandonment, "asa": o.asa_seconds, "asa_low": o.asa_low,
                    "asa_high": o.asa_high, "p90": o.wait_p90_seconds}
        out["check"] = {"replications": season.check.replications,
                        "simulated": outcome(season.check.simulated),
                        "erlang": outcome(season.check.erlang),
                        "days": [[d.day, outcome(d.simulated), outcome(d.erlang)]
                                 for d in season.check.days]}
    return _json_ready(out)


def _clock(minutes: int) -> str:
    """Minutes after midnight as the reader's clock says them: "7 a.m." / "2:30 p. m."."""
    return clock(datetime(2000, 1, 1, minutes // 60 % 24, minutes % 60))


def _day(text: str) -> str:
    return formats.date_format(date.fromisoformat(text), "SHORT_DATE_FORMAT")


def _money(value: float) -> str:
    return f"${value / 1e6:,.1f}M"


def charts(result: dict) -> dict:
    """The page's charts, with translated words."""
    out = {}
    daily = result["forecast"]["daily"]
    out["forecast"] = line_chart(
        "season-forecast", _("Calls forecast per day"), [_day(d[0]) for d in daily],
        [Series(_("Calls"), [d[1] for d in daily], low=[d[2] for d in daily],
                high=[d[3] for d in daily])],
        category_label=_("Day"), value_format="{:,.0f}",
        # xgettext:no-python-format
        interval_label=_("80% prediction interval"), y_label=_("calls"))
    weeks = [w for w in result["weeks"] if w[1] or w[2]]
    out["hiring"] = line_chart(
        "season-hiring", _("Full-time equivalents needed and on the phones, per week"),
        [_day(w[0]) for w in weeks],
        [Series(_("Needed"), [w[1] for w in weeks]),
         Series(_("Productive (trained and ramping up)"), [w[3] for w in weeks]),
         Series(_("On the payroll (trainees included)"), [w[4] for w in weeks])],
        category_label=_("Week of"), value_format="{:,.0f}", y_label=_("FTE"))
    budgets = result["budgets"]
    out["budgets"] = line_chart(
        "season-budgets", _("What each budget buys over the season"),
        [_money(b[0]) for b in budgets],
        [Series(_("Level of service (calls answered)"), [100 * b[3] for b in budgets]),
         Series(_("Service level (answered within the target time)"),
                [100 * b[4] for b in budgets])],
        category_label=_("Budget"), value_range=(0, 100), value_format="{:.1f}%",
        tick_format="{:.0f}%", y_label=_("percent of calls"))
    schedule = result.get("schedule")
    if schedule:
        requirement, coverage = schedule["requirement"], schedule["coverage"]
        busiest = max(range(len(requirement)), key=lambda d: sum(requirement[d]))
        step = schedule["interval_minutes"]
        slots = [s for s in range(len(requirement[busiest]))
                 if requirement[busiest][s] or coverage[busiest][s]]
        out["schedule"] = column_chart(
            "season-schedule",
            _("People on shift against the requirement, %(day)s")
            % {"day": dict(WEEKDAYS)[busiest]},
            [_clock(s * step) for s in slots],
            [Series(_("On shift (not at lunch)"), [coverage[busiest][s] for s in slots]),
             Series(_("Required"), [requirement[busiest][s] for s in slots])],
            category_label=_("Starts"), value_format="{:,.0f}", y_label=_("people"))
    check = result.get("check")
    if check:
        sim, erlang = check["simulated"], check["erlang"]
        names = [_("Level of service"), _("Service level"), _("Abandoned")]
        keys = ["los", "sl", "abandon"]
        out["check"] = column_chart(
            "season-check", _("The scheduled week: simulated and Erlang A"), names,
            [Series(_("Simulated"), [100 * sim[k] for k in keys],
                    low=[None, 100 * sim["sl_low"], None],
                    high=[None, 100 * sim["sl_high"], None]),
             Series(_("Erlang A"), [100 * erlang[k] for k in keys])],
            category_label=_("Measure"), value_range=(0, 100), value_format="{:.1f}%",
            tick_format="{:.0f}%", value_labels=True,
            # xgettext:no-python-format
            interval_label=_("95% confidence interval"), y_label=_("percent of calls"))
    return out


def download_rows(result: dict, kind: str) -> tuple[list[str], list[list]]:
    """Header and rows of one CSV download."""
    if kind == "forecast":
        return (["interval_start", "calls_offered", "calls_low_80", "calls_high_80",
                 "aht_seconds"], result["forecast"]["intervals"])
    if kind == "hiring":
        return (["week_of", "needed_fte", "hires", "productive_fte", "on_payroll",
                 "short_fte"], result["weeks"])
    if kind == "budgets":
        return (["budget", "cost", "hires", "level_of_service", "service_level"],
                result["budgets"])
    if kind == "rosters" and result.get("schedule"):
        return (["csr", "shift_type", "day", "start", "end", "lunch", "breaks"],
                result["schedule"]["rosters"])
    raise KeyError(kind)


def budget_note(result: dict, level: float = 0.85) -> dict | None:
    """The cheapest budget tried that still answers ``level`` of the season's calls."""
    enough = [b for b in result["budgets"] if b[3] >= level]
    if not enough or enough[0] == result["budgets"][-1]:
        return None
    budget, cost, hires, los, _sl = min(enough, key=lambda b: b[0])
    return {"budget": budget, "hires": hires, "level_of_service": los,
            "saving": result["budgets"][-1][0] - budget}


def headline(result: dict) -> dict:
    """The result's headline with dates as dates, for the page to format."""
    head = dict(result["headline"])
    for key in ("first_class", "last_class", "peak_month"):
        head[key] = date.fromisoformat(head[key]) if head[key] else None
    head["budget_note"] = None if head.get("goal") else budget_note(result)
    return head


def classes(result: dict) -> list[dict]:
    return [{"starts": date.fromisoformat(starts), "hires": hires,
             "on_phones": date.fromisoformat(on_phones)}
            for starts, hires, on_phones in result["classes"]]


def shift_patterns(result: dict, limit: int = 15) -> list[dict]:
    schedule = result.get("schedule") or {}
    names = dict(WEEKDAYS)
    return [{"shift_type": name, "starts": _clock(start),
             "days": ", ".join(str(names[d]) for d in days), "count": count}
            for name, start, days, count in schedule.get("tours", [])[:limit]]


def short_intervals(result: dict, limit: int = 20) -> list[dict]:
    schedule = result.get("schedule") or {}
    names, step = dict(WEEKDAYS), schedule.get("interval_minutes", 30)
    return [{"day": names[d], "starts": _clock(s * step),
             "missing": m} for d, s, m in schedule.get("short", [])[:limit]]
