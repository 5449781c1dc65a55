"""Capacity and hiring: how many CSRs to hire, and when, to meet each week's need.

A new CSR is paid from the day their class starts, takes no calls during training (the lead
time), then answers calls at a fraction of a trained CSR's rate for the first weeks (ramp-up).
Everyone, trainees included, leaves at the monthly attrition rate. The plan is the cheapest
set of weekly classes whose productive staff meets the weekly full-time-equivalent (FTE) need;
where no hiring can meet it (weeks before the first class could finish training) the shortfall
is reported. A budget below that plan's cost buys less: ``budget_tradeoff`` finds the best plan
for each budget and what level of service it gives, interval by interval, through Erlang A.

Linear integer programs, solved with HiGHS (``scipy.optimize.milp``) to within 0.1% of the
best possible objective (a tighter gap took 30 s instead of 0.03 s on a season of weeks).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from civiccx.staffing.queueing import erlang_a


class HiringError(ValueError):
    """Settings the hiring plan cannot use; the message names the setting."""


@dataclass(frozen=True)
class HiringSettings:
    current_staff: float = 0.0
    """Trained CSRs on staff in the first week."""
    training_weeks: int = 6
    """Weeks from a class's first day until its CSRs take calls."""
    ramp_up: tuple[float, ...] = (0.5, 0.75, 0.9)
    """Productivity in the first weeks on the phones, as a share of a trained CSR's."""
    monthly_attrition: float = 0.03
    weekly_cost: float = 1_150.0
    """Pay and benefits of one CSR for one week."""
    hire_cost: float = 4_000.0
    """Recruiting, onboarding and the trainer's time, per hire."""
    max_class_size: int | None = None
    class_every_weeks: int = 1
    """Classes may start every this many weeks, from the first week."""
    last_class_week: int | None = None
    """No class starts after this week (e.g. hiring freezes once the season opens)."""

    def __post_init__(self):
        problems = []
        if self.current_staff < 0:
            problems.append("current staff: must be ≥ 0")
        if self.training_weeks < 0:
            problems.append("training weeks: must be ≥ 0")
        if any(not 0 < p <= 1 for p in self.ramp_up):
            problems.append("ramp-up: each week's productivity must be above 0 and at most 1")
        if not 0 <= self.monthly_attrition < 1:
            problems.append("attrition: must be at least 0 and below 1 (a share per month)")
        if self.weekly_cost < 0 or self.hire_cost < 0:
            problems.append("costs: must be ≥ 0")
        if self.max_class_size is not None and self.max_class_size < 0:
            problems.append("class size: must be ≥ 0")
        if self.class_every_weeks < 1:
            problems.append("class frequency: must be at least every 1 week")
        if problems:
            raise HiringError("; ".join(problems))

    @property
    def weekly_survival(self) -> float:
        return (1.0 - self.monthly_attrition) ** (12 / 52)

    def productivity(self, weeks_since_hire: np.ndarray) -> np.ndarray:
        """Share of a trained CSR's output, by weeks since the class started."""
        k = np.asarray(weeks_since_hire)
        on_phones = k - self.training_weeks
        ramp = np.asarray(self.ramp_up + (1.0,), dtype=float)
        out = ramp[np.clip(on_phones, 0, len(self.ramp_up))]
        return np.where(on_phones < 0, 0.0, out)


@dataclass
class HiringPlan:
    settings: HiringSettings
    need: np.ndarray
    """Productive FTE needed, per week."""
    hires: np.ndarray
    """CSRs whose class starts in each week."""
    productive: np.ndarray
    """Productive FTE (trained staff and ramping hires, after attrition) per week."""
    paid: np.ndarray
    """CSRs on the payroll per week (trainees included)."""
    cost: float
    status: str
    budget: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def shortfall(self) -> np.ndarray:
        return np.maximum(self.need - self.productive, 0.0)

    def meets_need(self, tolerance: float = 1e-6) -> np.ndarray:
        return self.productive + tolerance >= self.need

    def classes(self, first_week: date) -> list[dict]:
        """Each class: start date, size, the date it takes calls."""
        out = []
        for week in np.flatnonzero(self.hires > 0):
            start = first_week + timedelta(weeks=int(week))
            out.append({"week": int(week), "starts": start, "hires": int(self.hires[week]),
                        "on_phones": start + timedelta(weeks=self.settings.training_weeks)})
        return out


def _survival_matrix(weeks: int, settings: HiringSettings) -> tuple[np.ndarray, np.ndarray]:
    """M[w, h]: productive FTE in week w per CSR hired in week h; P[w, h]: on the payroll."""
    w = np.arange(weeks)[:, None]
    h = np.arange(weeks)[None, :]
    age = w - h
    alive = np.where(age >= 0, settings.weekly_survival ** np.maximum(age, 0), 0.0)
    return alive * settings.productivity(np.maximum(age, 0)) * (age >= 0), alive


def _allowed_class_weeks(weeks: int, settings: HiringSettings) -> np.ndarray:
    allowed = np.arange(weeks) % settings.class_every_weeks == 0
    if settings.last_class_week is not None:
        allowed &= np.arange(weeks) <= settings.last_class_week
    return allowed


def hiring_plan(need, settings: HiringSettings, *, budget: float | None = None,
                weights=None, time_limit_seconds: float = 30.0) -> HiringPlan:
    """The cheapest classes that meet ``need`` (productive FTE per week) where hiring can.

    With ``budget``, the total cost may not exceed it and the plan instead minimizes the
    shortfall, each week's weighted by ``weights`` (e.g. calls per FTE that week).
    """
    need = np.asarray(need, dtype=float)
    if need.ndim != 1 or need.size == 0 or np.any(need < 0) or not np.all(np.isfinite(need)):
        raise HiringError("need: give one FTE figure ≥ 0 per week")
    weeks = need.size
    survive = settings.weekly_survival ** np.arange(weeks)
    staff_productive = settings.current_staff * survive
    produce, alive = _survival_matrix(weeks, settings)
    cost_per_hire = settings.hire_cost + settings.weekly_cost * alive.sum(axis=0)
    base_cost = settings.weekly_cost * float(staff_productive.sum())
    allowed = _allowed_class_weeks(weeks, settings)
    cap = settings.max_class_size if settings.max_class_size is not None else np.inf
    upper_hires = np.where(allowed, cap, 0.0)
    weights = np.ones(weeks) if weights is None else np.asarray(weights, dtype=float)
    # variables: hires (weeks), shortfall (weeks)
    a_cover = np.hstack([produce, np.eye(weeks)])
    constraints = [LinearConstraint(a_cover, need - staff_productive, np.inf)]
    scale = max(float(cost_per_hire.max()), 1.0)  # costs in units of the dearest hire
    if budget is None:
        # a missing FTE-week costs more than the hires that could cover it
        lowest = min(settings.ramp_up, default=1.0)
        c = np.concatenate([cost_per_hire / scale, np.full(weeks, 10.0 / lowest)])
    else:
        if budget < 0:
            raise HiringError("budget: must be ≥ 0")
        room = budget - base_cost
        constraints.append(LinearConstraint(
            np.concatenate([cost_per_hire / scale, np.zeros(weeks)])[None, :], -np.inf,
            max(room, 0.0) / scale))
        c = np.concatenate([cost_per_hire / scale * 1e-6, weights / max(weights.max(), 1e-9)])
    result = milp(c, integrality=np.concatenate([np.ones(weeks), np.zeros(weeks)]),
                  bounds=Bounds(0, np.concatenate([upper_hires, np.full(weeks, np.inf)])),
                  constraints=constraints,
                  options={"time_limit": time_limit_seconds, "mip_rel_gap": 1e-3})
    if result.x is None:
        raise HiringError(f"no hiring plan found: {result.message}")
    hires = np.rint(result.x[:weeks])
    productive = staff_productive + produce @ hires
    paid = staff_productive + alive @ hires
    cost = base_cost + float(cost_per_hire @ hires)
    status = "optimal" if result.status == 0 else "best found in the time limit"
    return HiringPlan(settings, need, hires.astype(int), productive, paid, cost, status, budget)


def weekly_need(scheduled_agents, week_of_interval, interval_seconds: float = 1800.0, *,
                hours_per_fte: float = 40.0, absence: float = 0.1,
                schedule_efficiency: float = 0.9) -> np.ndarray:
    """Productive FTE needed each week from a plan's people-on-shift per interval.

    ``scheduled_agents`` already allows for shrinkage during the shift (breaks, coaching).
    ``absence`` is the share of paid time away (leave, sick days, training days);
    ``schedule_efficiency`` is how much of scheduled time can fall where the calls are (shifts
    come in whole blocks, so some hours are over-staffed; a schedule from ``make_schedule``
    says what it actually achieved).
    """
    if not 0 <= absence < 1 or not 0 < schedule_efficiency <= 1 or hours_per_fte <= 0:
        raise HiringError("absence must be in [0, 1), efficiency in (0, 1], hours > 0")
    week = np.asarray(week_of_interval, dtype=int)
    hours = np.bincount(week, weights=np.asarray(scheduled_agents, dtype=float)
                        * interval_seconds / 3600.0)
    return hours / hours_per_fte / (1.0 - absence) / schedule_efficiency


@dataclass(frozen=True)
class BudgetPoint:
    budget: float
    cost: float
    hires: int
    level_of_service: float
    """Share of calls answered (not abandoned) over the season, Erlang A."""
    service_level: float
    """Share of calls answered within the target time."""
    shortfall_fte_weeks: float


def season_outcome(capacity_ratio, week_of_interval, calls, aht_seconds, required_agents,
                   patience_seconds: float, target_seconds: float,
                   interval_seconds: float = 1800.0) -> tuple[float, float]:
    """Level of service and service level over the season when each week has only
    ``capacity_ratio`` of the agents its intervals require (Erlang A, call-weighted)."""
    ratio = np.minimum(np.asarray(capacity_ratio, dtype=float), 1.0)[
        np.asarray(week_of_interval, dtype=int)]
    calls = np.asarray(calls, dtype=float)
    agents = np.floor(np.asarray(required_agents, dtype=float) * ratio + 1e-9)
    busy = calls > 0
    r = erlang_a.erlang_a(agents[busy], calls[busy] / interval_seconds,
                          np.asarray(aht_seconds, dtype=float)[busy], patience_seconds,
                          target_seconds)
    offered = calls[busy]
    total = offered.sum()
    if total == 0:
        return 1.0, 1.0
    los = float((offered * (1.0 - r.abandon_probability)).sum() / total)
    sl = float((offered * r.service_level).sum() / total)
    return los, sl


def budget_tradeoff(need, settings: HiringSettings, budgets, *, week_of_interval, calls,
                    aht_seconds, required_agents, patience_seconds: float,
                    target_seconds: float, interval_seconds: float = 1800.0,
                    progress=None) -> list[BudgetPoint]:
    """For each budget, the best hiring plan it buys and the season it gives callers."""
    need = np.asarray(need, dtype=float)
    calls = np.asarray(calls, dtype=float)
    per_week_calls = np.bincount(np.asarray(week_of_interval, dtype=int), weights=calls,
                                 minlength=need.size)
    weights = np.where(need > 0, per_week_calls / np.maximum(need, 1e-9), 0.0)
    points = []
    for budget in budgets:
        plan = hiring_plan(need, settings, budget=float(budget), weights=weights)
        ratio = np.where(need > 0, plan.productive / np.maximum(need, 1e-9), 1.0)
        los, sl = season_outcome(ratio, week_of_interval, calls, aht_seconds, required_agents,
                                 patience_seconds, target_seconds, interval_seconds)
        points.append(BudgetPoint(float(budget), plan.cost, int(plan.hires.sum()), los, sl,
                                  float(plan.shortfall.sum())))
        if progress:
            progress()
    return points


def first_week_meeting(plan: HiringPlan, from_week: int = 0) -> int | None:
    """The first week from ``from_week`` on whose need the plan meets, or None."""
    meets = plan.meets_need()
    for week in range(from_week, meets.size):
        if meets[week]:
            return week
    return None


def weeks_until(first_week: date, day: date) -> int:
    return math.floor((day - first_week).days / 7)


def cheapest_plan_reaching(need, settings: HiringSettings, goal: float, *, low: float,
                           high: float, iterations: int = 12,
                           **outcome) -> tuple[HiringPlan, float, float] | None:
    """The cheapest plan (to 1/4096 of the budget range) whose season answers at least
    ``goal`` of the calls, with its level of service and service level; None when even the
    ``high`` budget falls short. ``outcome`` holds ``season_outcome``'s arguments."""
    need = np.asarray(need, dtype=float)
    calls = np.asarray(outcome["calls"], dtype=float)
    per_week_calls = np.bincount(np.asarray(outcome["week_of_interval"], dtype=int),
                                 weights=calls, minlength=need.size)
    weights = np.where(need > 0, per_week_calls / np.maximum(need, 1e-9), 0.0)

    def evaluate(budget: float):
        plan = hiring_plan(need, settings, budget=budget, weights=weights)
        ratio = np.where(need > 0, plan.productive / np.maximum(need, 1e-9), 1.0)
        return (plan, *season_outcome(ratio, **outcome))

    best = evaluate(high)
    if best[1] < goal:
        return None
    for _ in range(iterations):
        middle = (low + high) / 2
        trial = evaluate(middle)
        if trial[1] >= goal:
            best, high = trial, middle
        else:
            low = middle
    return best
