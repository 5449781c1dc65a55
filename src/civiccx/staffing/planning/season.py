"""The whole season plan in one call: forecast → staffing per half-hour → weekly need → hiring
plan and budget trade-off → shifts for the peak week → that week replayed by simulation.

Used by ``civiccx staffing`` and by the planner page's background task, so both give the same
numbers for the same inputs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np

from civiccx.staffing.planning.forecasting import (
    ForecastSettings,
    IntervalHistory,
    SeasonForecast,
    season_forecast,
)
from civiccx.staffing.planning.hiring import (
    BudgetPoint,
    HiringPlan,
    HiringSettings,
    budget_tradeoff,
    cheapest_plan_reaching,
    hiring_plan,
    season_outcome,
    weekly_need,
)
from civiccx.staffing.planning.replay import WeekCheck, replay_week
from civiccx.staffing.planning.scheduling import Schedule, ScheduleRules, make_schedule
from civiccx.staffing.queueing.plan import Forecast, Plan, PlanSettings, staffing_plan

STAGES = ("backtest", "forecast", "plan", "hire", "budgets", "schedule", "simulate")
BUDGET_SHARES = (0.0, 0.25, 0.5, 0.75, 0.9, 1.0)
"""Budgets tried, as shares of what the full hiring plan adds to the current staff's pay."""

# A season with fewer weeks left than this is too late to re-plan: the default moves on to
# next year's (hiring and shift changes need a couple of weeks to take effect).
SHORTEST_REST_OF_SEASON = timedelta(weeks=2)


def _filing_season(year: int) -> tuple[date, date]:
    """A filing season: the first Monday of January to April 30."""
    january = date(year, 1, 1)
    return january + timedelta(days=(7 - january.weekday()) % 7), date(year, 4, 30)


def next_season(today: date) -> dict:
    """Form defaults: the season a workforce planner would plan on ``today``, with hiring
    from this week.

    Before a season starts, that season. While one runs (issue #19), the rest of it from next
    Monday: mid-season a planner re-forecasts the weeks left with the calls just taken and
    adjusts shifts and late hiring classes, and the forecast can only start after the
    history, which runs to yesterday (a default of the season's own first Monday could not be
    forecast at all). In its last two weeks, and from May, next year's season: too little is
    left to change, and next season's hiring is what is planned then."""
    this_monday = today - timedelta(days=today.weekday())
    first, last = _filing_season(today.year)
    if first <= today:
        first = this_monday + timedelta(weeks=1)
        if last - first < SHORTEST_REST_OF_SEASON:
            first, last = _filing_season(today.year + 1)
    return {"first_day": first, "last_day": last, "hiring_from": min(this_monday, first)}


@dataclass(frozen=True)
class SeasonSettings:
    first_day: date
    last_day: date
    hiring_from: date
    """The first week in which a class can start (it is moved back to its Monday)."""
    target_service_level: float = 0.8
    target_seconds: float = 300.0
    patience_seconds: float = 720.0
    in_shift_shrinkage: float = 0.15
    """Share of time on shift off the phones: breaks, coaching, meetings."""
    absence: float = 0.12
    """Share of paid time away: leave, sick days, training days."""
    max_occupancy: float = 0.9
    hours_per_fte: float = 40.0
    schedule_efficiency: float = 0.92
    hiring: HiringSettings = field(default_factory=HiringSettings)
    rules: ScheduleRules = field(default_factory=ScheduleRules)
    growth: float = 1.0
    holdout_weeks: int = 2
    replications: int = 5
    schedule: bool = True
    simulate: bool = True
    level_of_service_goal: float | None = None
    """Also find the cheapest plan that answers this share of the season's calls (e.g. 0.85,
    the IRS's recent seasons), besides the plan that meets the service goal everywhere."""
    schedule_week: date | None = None
    """The week to schedule and simulate (its Monday); None = the week with the most need."""

    def __post_init__(self):
        if self.hiring_from > self.first_day:
            raise ValueError("hiring must start on or before the season's first day")

    @property
    def first_week(self) -> date:
        return self.hiring_from - timedelta(days=self.hiring_from.weekday())


@dataclass
class SeasonPlan:
    settings: SeasonSettings
    forecast: SeasonForecast
    plan: Plan
    need: np.ndarray
    """Productive FTE needed per week from ``settings.first_week``."""
    hiring: HiringPlan
    budgets: list[BudgetPoint]
    peak_week: int
    """The week with the most need."""
    scheduled_week: int
    schedule: Schedule | None
    check: WeekCheck | None
    level_of_service: float
    service_level: float
    peak_month_level_of_service: float
    seconds: dict[str, float]
    goal: dict | None = None
    """The cheapest plan reaching ``level_of_service_goal``: its hiring plan, level of service,
    service level and the peak month's level of service."""

    @property
    def peak_week_start(self) -> date:
        return self.settings.first_week + timedelta(weeks=self.peak_week)

    @property
    def scheduled_week_start(self) -> date:
        return self.settings.first_week + timedelta(weeks=self.scheduled_week)

    def week_start(self, week: int) -> date:
        return self.settings.first_week + timedelta(weeks=week)

    @property
    def chosen(self) -> HiringPlan:
        """The plan to act on: the cheapest reaching the level-of-service goal when one was
        asked for and is reachable, otherwise the plan meeting the service goal everywhere."""
        return self.goal["plan"] if self.goal else self.hiring

    def headline(self) -> dict:
        """The plan in one sentence's numbers: hire N by a date to reach a level in a month."""
        chosen = self.chosen
        classes = chosen.classes(self.settings.first_week)
        peak = self.peak_week_start
        goal = self.goal or {}
        return {"hires": int(chosen.hires.sum()),
                "first_class": classes[0]["starts"] if classes else None,
                "last_class": classes[-1]["starts"] if classes else None,
                "level_of_service": goal.get("peak_month_level_of_service",
                                             self.peak_month_level_of_service),
                "peak_month": date(peak.year, peak.month, 1),
                "cost": chosen.cost,
                "season_level_of_service": goal.get("level_of_service", self.level_of_service),
                "season_service_level": goal.get("service_level", self.service_level),
                "goal": self.settings.level_of_service_goal if self.goal else None,
                "full_hires": int(self.hiring.hires.sum()), "full_cost": self.hiring.cost}


def build_season_plan(history: IntervalHistory, settings: SeasonSettings,
                      progress: Callable[[str], None] | None = None) -> SeasonPlan:
    """``progress(stage)`` is called as each of ``STAGES`` begins."""
    seconds: dict[str, float] = {}
    current: list = [None, time.perf_counter()]

    def begin(name: str | None) -> None:
        now = time.perf_counter()
        if current[0]:
            seconds[current[0]] = now - current[1]
        current[:] = [name, now]
        if progress and name:
            progress(name)

    forecast = season_forecast(history, ForecastSettings(
        settings.first_day, settings.last_day, holdout_weeks=settings.holdout_weeks,
        growth=settings.growth), progress=begin)
    begin("plan")
    interval_seconds = forecast.interval_minutes * 60.0
    starts = forecast.interval_starts()
    plan = staffing_plan(
        Forecast([s.isoformat(sep=" ", timespec="minutes") for s in starts],
                 forecast.calls.ravel(), forecast.aht.ravel()),
        PlanSettings(target_service_level=settings.target_service_level,
                     target_seconds=settings.target_seconds,
                     shrinkage=settings.in_shift_shrinkage,
                     max_occupancy=settings.max_occupancy, model="erlang-a",
                     patience_seconds=settings.patience_seconds,
                     interval_seconds=interval_seconds))
    begin("hire")
    offset = (settings.first_day - settings.first_week).days
    week_of_interval = (offset + np.repeat(np.arange(forecast.days), forecast.calls.shape[1])
                        ) // 7
    weeks = int(week_of_interval.max()) + 1
    need = np.zeros(weeks)
    season_need = weekly_need(plan.columns["scheduled_agents"], week_of_interval,
                              interval_seconds, hours_per_fte=settings.hours_per_fte,
                              absence=settings.absence,
                              schedule_efficiency=settings.schedule_efficiency)
    need[:season_need.size] = season_need
    hiring = hiring_plan(need, settings.hiring)
    begin("budgets")
    required = plan.columns["required_agents"]
    outcome_args = {"week_of_interval": week_of_interval, "calls": forecast.calls.ravel(),
                    "aht_seconds": forecast.aht.ravel(), "required_agents": required,
                    "patience_seconds": settings.patience_seconds,
                    "target_seconds": settings.target_seconds,
                    "interval_seconds": interval_seconds}
    full_extra = hiring.cost - settings.hiring.weekly_cost * settings.hiring.current_staff * float(
        (settings.hiring.weekly_survival ** np.arange(weeks)).sum())
    base = hiring.cost - full_extra
    budgets = budget_tradeoff(need, settings.hiring,
                              [base + share * full_extra for share in BUDGET_SHARES],
                              **outcome_args)
    ratio = np.where(need > 0, hiring.productive / np.maximum(need, 1e-9), 1.0)
    los, sl = season_outcome(ratio, **outcome_args)
    peak_week = int(np.argmax(need))
    scheduled_week = peak_week
    if settings.schedule_week is not None:
        scheduled_week = (settings.schedule_week - settings.first_week).days // 7
        if not 0 <= scheduled_week < weeks or not need[scheduled_week] > 0:
            week = settings.schedule_week
            raise ValueError(f"the week of {week:%B} {week.day}, {week.year} is not in the "
                             "season")
    peak_start = settings.first_week + timedelta(weeks=peak_week)
    month = np.array([d.month == peak_start.month and d.year == peak_start.year
                      for d in forecast.dates()])
    month_mask = np.repeat(month, forecast.calls.shape[1])
    peak_los, _ = season_outcome(ratio, week_of_interval[month_mask],
                                 forecast.calls.ravel()[month_mask],
                                 forecast.aht.ravel()[month_mask], required[month_mask],
                                 settings.patience_seconds, settings.target_seconds,
                                 interval_seconds)
    goal = None
    if settings.level_of_service_goal is not None:
        found = cheapest_plan_reaching(need, settings.hiring, settings.level_of_service_goal,
                                       low=base, high=hiring.cost, **outcome_args)
        if found is not None:
            goal_plan, goal_los, goal_sl = found
            goal_ratio = np.where(need > 0, goal_plan.productive / np.maximum(need, 1e-9), 1.0)
            goal_peak, _ = season_outcome(goal_ratio, week_of_interval[month_mask],
                                          forecast.calls.ravel()[month_mask],
                                          forecast.aht.ravel()[month_mask], required[month_mask],
                                          settings.patience_seconds, settings.target_seconds,
                                          interval_seconds)
            goal = {"plan": goal_plan, "level_of_service": goal_los, "service_level": goal_sl,
                    "peak_month_level_of_service": goal_peak}
    schedule = check = None
    if settings.schedule:
        first = (settings.first_week + timedelta(weeks=scheduled_week)
                 - settings.first_day).days
        days = slice(max(first, 0), max(first, 0) + 7)
        slots = forecast.calls.shape[1]
        requirement = plan.columns["scheduled_agents"].reshape(forecast.days, slots)[days]
        week_calls = forecast.calls[days]
        week_aht = forecast.aht[days]
        rules = settings.rules
        if rules.interval_minutes != forecast.interval_minutes:
            rules = replace(rules, interval_minutes=forecast.interval_minutes)
        begin("schedule")
        schedule = make_schedule(requirement, rules)
        if goal is not None and rules.max_headcount is None:
            # the recommended plan has fewer people than the requirement needs: schedule the
            # ones it has (in proportion to its productive staff that week) and show the gaps
            share = goal["plan"].productive[scheduled_week] / max(
                hiring.productive[scheduled_week], 1e-9)
            if share < 1:
                schedule = make_schedule(requirement, replace(
                    rules, max_headcount=int(schedule.headcount * share)))
        if settings.simulate:
            begin("simulate")
            check = replay_week(schedule.coverage, week_calls, week_aht,
                                shrinkage=settings.in_shift_shrinkage,
                                patience_seconds=settings.patience_seconds,
                                target_seconds=settings.target_seconds,
                                interval_seconds=interval_seconds,
                                replications=settings.replications)
    begin(None)
    return SeasonPlan(settings, forecast, plan, need, hiring, budgets, peak_week,
                      scheduled_week, schedule, check, los, sl, peak_los, seconds, goal)
