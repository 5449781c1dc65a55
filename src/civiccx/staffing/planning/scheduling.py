"""Shift scheduling: which shifts to put people on so every half-hour of a week is covered.

The model is a tour-scheduling integer program (Dantzig's set covering with days-off patterns).
A *tour* is a shift type (8-hour day, compressed 4×10, part-time), a start time and the working
days of the week. The solver chooses how many CSRs work each tour and, separately for every day,
when their 30-minute lunch falls inside its window (and, if ``start_band_minutes`` allows, how
many start a little earlier or later than usual), so that the people on the phones match each
interval's requirement with the least under-staffing (weighted heavily) and then the least
over-staffing. The rules a roster must obey are built
into the tours (days per week, maximum days in a row counted across the week boundary because a
roster repeats, minimum rest between shifts) and checked again on the rosters that come out
(``roster_problems``), so a test can hold every CSR's week to them.

Solved with HiGHS (``scipy.optimize.milp``) to within 0.1% of the best possible schedule;
OR-Tools CP-SAT solves the same model and can be chosen (faster on five-day centers, weaker on
seven-day ones: docs/decisions/0015-staffing-season-planning.md has the measurements). Short
15-minute breaks are placed in the rosters, staggered, and counted in the shrinkage that turned
agents on the phones into the requirement; they are not decision variables (the grid is half-hours).
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

SOLVERS = ("highs", "cp-sat")
BREAK_MINUTES = 15


class ScheduleError(ValueError):
    """Rules or a requirement the scheduler cannot use; the message says which and why."""


@dataclass(frozen=True)
class ShiftType:
    name: str
    hours: float
    """Time on site, lunch included."""
    days_per_week: int
    lunch_minutes: int = 30
    lunch_earliest_hours: float = 3.0
    """Lunch starts at least this long after the shift starts…"""
    lunch_latest_hours: float = 5.0
    """…and at most this long after."""
    breaks: int = 2
    max_share: float = 1.0
    """At most this share of the CSRs may work this type (e.g. part-time positions)."""


DEFAULT_SHIFT_TYPES = (
    ShiftType("full-time 8h", 8.5, 5),
    ShiftType("compressed 4x10", 10.5, 4, lunch_earliest_hours=4.0, lunch_latest_hours=6.0),
    ShiftType("part-time 4h", 4.0, 5, lunch_minutes=0, breaks=1, max_share=0.25),
)


@dataclass(frozen=True)
class ScheduleRules:
    interval_minutes: int = 30
    shift_types: tuple[ShiftType, ...] = DEFAULT_SHIFT_TYPES
    max_days_in_row: int = 5
    min_rest_hours: float = 11.0
    start_step_minutes: int = 30
    start_band_minutes: int = 0
    """A CSR's start may move this much either way from their usual start, day by day, as far
    as the minimum rest allows."""
    max_headcount: int | None = None
    """CSRs available; None means hire as many as the requirement needs."""
    under_weight: float = 100.0
    """Cost of one missing person-interval relative to one person-interval too many."""
    time_limit_seconds: float = 60.0
    relative_gap: float = 1e-3
    """Stop once the schedule is provably within this share of the best possible one…"""
    absolute_gap: float = 4.0
    """…or within this many person-intervals of it (small centers, where a relative gap would
    demand proving the exact optimum)."""
    workers: int = 8
    """CP-SAT's parallel strategies (they share the cores; 8 gives its portfolio of searches
    even on 2 cores, which found better schedules here than 2)."""
    solver: str = "highs"

    def __post_init__(self):
        problems = []
        if self.interval_minutes <= 0 or 1440 % self.interval_minutes:
            problems.append("interval: must divide a day (e.g. 15, 30 or 60 minutes)")
        elif self.start_step_minutes <= 0 or self.start_step_minutes % self.interval_minutes:
            problems.append("start step: must be a multiple of the interval")
        if not self.shift_types:
            problems.append("shift types: give at least one")
        if self.start_band_minutes < 0 or self.start_band_minutes % self.interval_minutes:
            problems.append("start band: must be ≥ 0 and a multiple of the interval")
        if self.max_days_in_row < 1:
            problems.append("max days in a row: must be at least 1")
        if self.min_rest_hours < 0:
            problems.append("minimum rest: must be ≥ 0 hours")
        if self.max_headcount is not None and self.max_headcount < 0:
            problems.append("headcount: must be ≥ 0")
        if self.under_weight <= 1:
            problems.append("under-staffing weight: must exceed 1 (the over-staffing weight)")
        if not 0 <= self.relative_gap < 1 or self.absolute_gap < 0:
            problems.append("gap: relative must be at least 0 and below 1, absolute ≥ 0")
        if self.workers < 1:
            problems.append("workers: at least 1")
        if self.time_limit_seconds <= 0:
            problems.append("time limit: must be > 0 seconds")
        if self.solver not in SOLVERS:
            problems.append(f"solver: choose {' or '.join(SOLVERS)}, not {self.solver!r}")
        for shift in self.shift_types:
            problems += _shift_type_problems(shift, self)
        if problems:
            raise ScheduleError("; ".join(problems))

    @property
    def slots_per_day(self) -> int:
        return 1440 // self.interval_minutes

    def slots(self, hours: float) -> int:
        return round(hours * 60 / self.interval_minutes)

    def band_slots(self, shift: ShiftType) -> int:
        """How far (in intervals) this type's start may move from day to day: rest between two
        shifts is 24 h − length + (change of start), which must stay ≥ the minimum rest."""
        room = (24 - shift.hours - self.min_rest_hours) / 2
        return max(0, min(self.start_band_minutes, math.floor(room * 60)) // self.interval_minutes)


def _shift_type_problems(shift: ShiftType, rules: ScheduleRules) -> list[str]:
    name, step = shift.name, rules.interval_minutes
    problems = []
    if not 0 < shift.hours <= 24 or (shift.hours * 60) % step:
        problems.append(f"{name}: length must be a whole number of intervals within a day")
    elif 24 - shift.hours < rules.min_rest_hours and shift.days_per_week > 1:
        problems.append(
            f"{name}: {shift.hours:g} hours a day leave less than the minimum rest of "
            f"{rules.min_rest_hours:g} hours before the next day's shift"
        )
    if not 1 <= shift.days_per_week <= 7:
        problems.append(f"{name}: days per week must be 1 to 7")
    if shift.lunch_minutes < 0 or shift.lunch_minutes % step:
        problems.append(f"{name}: lunch must be a whole number of intervals")
    if shift.lunch_minutes and not (
        0 < shift.lunch_earliest_hours <= shift.lunch_latest_hours
        and shift.lunch_latest_hours * 60 + shift.lunch_minutes <= shift.hours * 60
    ):
        problems.append(f"{name}: the lunch window must fall inside the shift")
    if shift.breaks < 0:
        problems.append(f"{name}: breaks must be ≥ 0")
    if not 0 < shift.max_share <= 1:
        problems.append(f"{name}: share of CSRs must be above 0 and at most 1")
    return problems


@dataclass(frozen=True)
class Tour:
    shift_type: ShiftType
    start_slot: int
    days: tuple[int, ...]


@dataclass(frozen=True)
class Shift:
    """One CSR's day: times in minutes from midnight of ``day`` (0 = the week's first day)."""

    day: int
    start_minute: int
    end_minute: int
    lunch_start_minute: int | None
    lunch_minutes: int
    break_start_minutes: tuple[int, ...]

    def on_phones(self, minute: int) -> bool:
        if not self.start_minute <= minute < self.end_minute:
            return False
        return not (
            self.lunch_start_minute is not None
            and self.lunch_start_minute <= minute < self.lunch_start_minute + self.lunch_minutes
        )


@dataclass(frozen=True)
class Roster:
    csr: int
    shift_type: str
    shifts: tuple[Shift, ...]


@dataclass
class Schedule:
    rules: ScheduleRules
    requirement: np.ndarray
    """People needed on shift, shape (days, slots per day)."""
    coverage: np.ndarray
    """People on shift and not at lunch, counted from the rosters."""
    rosters: list[Roster]
    tours: list[tuple[Tour, int]]
    status: str
    solver: str
    seconds: float
    extra: dict = field(default_factory=dict)

    @property
    def shortfall(self) -> np.ndarray:
        return np.maximum(self.requirement - self.coverage, 0)

    @property
    def surplus(self) -> np.ndarray:
        return np.maximum(self.coverage - self.requirement, 0)

    @property
    def headcount(self) -> int:
        return len(self.rosters)

    def short_intervals(self) -> list[tuple[int, int, int]]:
        """(day, slot, people missing) for every interval the schedule leaves short."""
        return [(int(d), int(s), int(self.shortfall[d, s]))
                for d, s in zip(*np.nonzero(self.shortfall), strict=True)]

    def gap_person_hours(self) -> tuple[float, float]:
        """(under-staffed, over-staffed) person-hours over the week."""
        hours = self.rules.interval_minutes / 60
        return float(self.shortfall.sum() * hours), float(self.surplus.sum() * hours)

    def paid_hours(self) -> float:
        return float(sum(
            sum(s.end_minute - s.start_minute - s.lunch_minutes for s in r.shifts)
            for r in self.rosters) / 60)


def _working_day_patterns(days: int, working: int, open_days: list[int],
                          max_in_row: int) -> list[tuple[int, ...]]:
    """Sets of working days a roster may repeat week after week."""
    working = min(working, len(open_days))
    patterns = []
    for combo in itertools.combinations(open_days, working):
        if _longest_run(combo, days) <= max_in_row:
            patterns.append(combo)
    return patterns


def _longest_run(days_worked: tuple[int, ...], days: int) -> int:
    """Longest run of consecutive working days, counting across the end of the week when the
    roster covers a whole week and therefore repeats."""
    worked = [d in days_worked for d in range(days)]
    if days == 7 and all(worked):
        return math.inf  # type: ignore[return-value]
    sequence = worked + worked if days == 7 else worked
    longest = run = 0
    for on in sequence:
        run = run + 1 if on else 0
        longest = max(longest, run)
    return longest


def _start_range(requirement: np.ndarray, rules: ScheduleRules) -> tuple[int, dict]:
    """Earliest start, and latest start per shift type, keeping shifts within the hours that
    have any requirement (or starting at opening when a shift is longer than the day)."""
    slots = requirement.shape[1]
    busy = np.flatnonzero(requirement.sum(axis=0) > 0)
    first, close = int(busy[0]), int(busy[-1]) + 1
    last = {}
    for shift in rules.shift_types:
        length = rules.slots(shift.hours)
        last[shift] = min(max(first, close - length), slots - length)
    return first, last


def _tours(requirement: np.ndarray, rules: ScheduleRules) -> list[Tour]:
    days = requirement.shape[0]
    open_days = [d for d in range(days) if requirement[d].sum() > 0]
    first, last = _start_range(requirement, rules)
    step = rules.start_step_minutes // rules.interval_minutes
    tours = []
    for shift in rules.shift_types:
        last_start = last[shift]
        patterns = _working_day_patterns(days, shift.days_per_week, open_days,
                                         rules.max_days_in_row)
        for start in range(first, last_start + 1, step):
            tours.extend(Tour(shift, start, pattern) for pattern in patterns)
    if not tours:
        raise ScheduleError("no shift type fits in a day with the rules given")
    return tours


def _lunch_offsets(shift: ShiftType, rules: ScheduleRules) -> range:
    if not shift.lunch_minutes:
        return range(0)
    return range(rules.slots(shift.lunch_earliest_hours),
                 rules.slots(shift.lunch_latest_hours) + 1)


def make_schedule(requirement, rules: ScheduleRules | None = None) -> Schedule:
    """Tours, daily starts, lunches and rosters covering ``requirement``.

    ``requirement`` is the people needed on shift (not at lunch), one row per day of the week
    and one column per interval of the day. Intervals no shift can reach, or a headcount cap
    too small, leave a shortfall, which the result reports interval by interval.
    """
    rules = rules or ScheduleRules()
    need = _checked_requirement(requirement, rules)
    started = time.perf_counter()
    days, slots = need.shape
    if need.sum() == 0:
        return Schedule(rules, need, np.zeros_like(need), [], [], "nothing to cover",
                        rules.solver, 0.0)
    tours = _tours(need, rules)
    groups = sorted({(d, t.shift_type, t.start_slot) for t in tours for d in t.days},
                    key=lambda g: (g[0], rules.shift_types.index(g[1]), g[2]))
    first, last = _start_range(need, rules)
    variants = [(d, shift, base, base + delta) for d, shift, base in groups
                for delta in range(-rules.band_slots(shift), rules.band_slots(shift) + 1)
                if first <= base + delta <= last[shift]]
    lunches = [(v, offset) for v, (_, shift, _, _) in enumerate(variants)
               for offset in _lunch_offsets(shift, rules)]
    model = _model(need, rules, tours, groups, variants, lunches)
    solve = _solve_highs if rules.solver == "highs" else _solve_cp_sat
    values, status = solve(model, rules)
    if values is None:
        values = _rounded_relaxation(model, tours, groups, variants, lunches)
        status = "rounded from the relaxation (no whole schedule within the time limit)"
    counts = np.rint(values).astype(int)
    n_tours, n_variants = len(tours), len(variants)
    chosen = [(tour, int(c)) for tour, c in zip(tours, counts[:n_tours], strict=True) if c > 0]
    rosters = _rosters(chosen, variants, counts[n_tours:n_tours + n_variants], lunches,
                       counts[n_tours + n_variants:n_tours + n_variants + len(lunches)], rules)
    coverage = coverage_from_rosters(rosters, days, rules)
    return Schedule(rules, need, coverage, rosters, chosen, status, rules.solver,
                    time.perf_counter() - started,
                    {"variables": model["c"].size, "rows": model["A"].shape[0]})


def _checked_requirement(requirement, rules: ScheduleRules) -> np.ndarray:
    need = np.asarray(requirement, dtype=float)
    if need.ndim != 2:
        raise ScheduleError("the requirement must be a table: one row per day, one column per "
                            "interval of the day")
    if not 1 <= need.shape[0] <= 7:
        raise ScheduleError(f"the requirement covers {need.shape[0]} days; give 1 to 7")
    if need.shape[1] != rules.slots_per_day:
        raise ScheduleError(
            f"each day needs {rules.slots_per_day} intervals of {rules.interval_minutes} "
            f"minutes, got {need.shape[1]}")
    if not np.all(np.isfinite(need)) or np.any(need < 0):
        raise ScheduleError("the requirement must be whole numbers ≥ 0")
    return np.ceil(need - 1e-9).astype(int)


def _model(need, rules, tours, groups, variants, lunches) -> dict:
    """min W·under + over + ε·paid, subject to, for every interval,
    on the phones + under − over = need; for every (day, type, usual start) the people working
    it split among that day's start times; for every day's start time the people split among
    lunch times."""
    days, slots = need.shape
    cells = days * slots
    n_tours, n_var, n_lunch = len(tours), len(variants), len(lunches)
    n = n_tours + n_var + n_lunch + 2 * cells
    group_index = {g: i for i, g in enumerate(groups)}
    group_row0, variant_row0 = cells, cells + len(groups)
    rows, cols, vals = [], [], []

    def put(row, col, value):
        rows.append(row)
        cols.append(col)
        vals.append(value)

    for j, tour in enumerate(tours):
        for d in tour.days:
            put(group_row0 + group_index[(d, tour.shift_type, tour.start_slot)], j, -1.0)
    for v, (d, shift, base, start) in enumerate(variants):
        col = n_tours + v
        for t in range(start, start + rules.slots(shift.hours)):
            put(d * slots + t, col, 1.0)
        put(group_row0 + group_index[(d, shift, base)], col, 1.0)
        if shift.lunch_minutes:
            put(variant_row0 + v, col, -1.0)
    for i, (v, offset) in enumerate(lunches):
        col = n_tours + n_var + i
        d, shift, _, start = variants[v]
        for t in range(start + offset, start + offset + rules.slots(shift.lunch_minutes / 60)):
            put(d * slots + t, col, -1.0)
        put(variant_row0 + v, col, 1.0)
    under0, over0 = n_tours + n_var + n_lunch, n_tours + n_var + n_lunch + cells
    for cell in range(cells):
        put(cell, under0 + cell, 1.0)
        put(cell, over0 + cell, -1.0)
    keep = list(range(cells + len(groups))) + [variant_row0 + v for v, variant
                                               in enumerate(variants) if variant[1].lunch_minutes]
    a = sparse.csr_matrix((vals, (rows, cols)), shape=(variant_row0 + n_var, n))[keep]
    lower = np.concatenate([need.ravel().astype(float), np.zeros(len(keep) - cells)])
    upper = lower.copy()
    extra_a, extra_lo, extra_hi = [], [], []
    if rules.max_headcount is not None:
        extra_a.append(np.concatenate([np.ones(n_tours), np.zeros(n - n_tours)]))
        extra_lo.append(0.0)
        extra_hi.append(float(rules.max_headcount))
    for shift in rules.shift_types:
        if shift.max_share < 1:
            row = np.zeros(n)
            row[:n_tours] = [(1.0 if t.shift_type == shift else 0.0) - shift.max_share
                             for t in tours]
            extra_a.append(row)
            extra_lo.append(-np.inf)
            extra_hi.append(0.0)
    if extra_a:
        a = sparse.vstack([a, sparse.csr_matrix(np.array(extra_a))]).tocsr()
        lower = np.concatenate([lower, extra_lo])
        upper = np.concatenate([upper, extra_hi])
    paid = np.array([len(t.days) * (rules.slots(t.shift_type.hours)
                                    - rules.slots(t.shift_type.lunch_minutes / 60))
                     for t in tours], dtype=float)
    moved = np.array([abs(start - base) for _, _, base, start in variants], dtype=float)
    c = np.concatenate([1e-3 * paid, 1e-4 * moved, np.zeros(n_lunch),
                        np.full(cells, rules.under_weight), np.ones(cells)])
    n_int = n_tours + n_var + n_lunch
    integrality = np.concatenate([np.ones(n_int), np.zeros(2 * cells)])
    ub = np.concatenate([np.full(n_int, float(need.max()) * 2 + 10), np.full(2 * cells, np.inf)])
    return {"c": c, "A": a, "lower": lower, "upper": upper, "integrality": integrality,
            "ub": ub, "n_int": n_int, "need": need}


def _rounded_relaxation(model, tours, groups, variants, lunches) -> np.ndarray:
    """A whole-number schedule from the linear relaxation, when the solver found none in time.

    Tours are rounded up (so coverage does not fall below the relaxation's), then each day's
    people are dealt to start times and lunch times in the relaxation's proportions.
    """
    relaxed = milp(model["c"], bounds=Bounds(0, model["ub"]),
                   constraints=LinearConstraint(model["A"], model["lower"], model["upper"]))
    if relaxed.x is None:
        raise ScheduleError(f"no schedule could be found: {relaxed.message}")
    x = relaxed.x
    n_tours, n_var = len(tours), len(variants)
    counts = np.ceil(x[:n_tours] - 1e-6)
    group_index = {g: i for i, g in enumerate(groups)}
    people = np.zeros(len(groups))
    for tour, count in zip(tours, counts, strict=True):
        for d in tour.days:
            people[group_index[(d, tour.shift_type, tour.start_slot)]] += count
    out = np.concatenate([counts, np.zeros(n_var + len(lunches))])
    members: dict[int, list[int]] = {}
    for v, (d, shift, base, _start) in enumerate(variants):
        members.setdefault(group_index[(d, shift, base)], []).append(v)
    for g, group in members.items():
        out[n_tours + np.array(group)] = _deal(people[g], x[n_tours + np.array(group)])
    lunch_members: dict[int, list[int]] = {}
    for i, (v, _offset) in enumerate(lunches):
        lunch_members.setdefault(v, []).append(i)
    for v, group in lunch_members.items():
        columns = n_tours + n_var + np.array(group)
        out[columns] = _deal(out[n_tours + v], x[columns])
    return out


def _deal(total: float, weights: np.ndarray) -> np.ndarray:
    """Split a whole number in proportion to weights, by largest remainders."""
    weights = np.maximum(weights, 0)
    if total <= 0:
        return np.zeros(weights.size)
    share = (weights / weights.sum() if weights.sum() > 0
             else np.full(weights.size, 1 / weights.size))
    raw = share * total
    out = np.floor(raw)
    out[np.argsort(out - raw)[: int(round(total - out.sum()))]] += 1
    return out


def _solve_highs(model: dict, rules: ScheduleRules) -> tuple[np.ndarray | None, str]:
    result = milp(
        model["c"], integrality=model["integrality"], bounds=Bounds(0, model["ub"]),
        constraints=LinearConstraint(model["A"], model["lower"], model["upper"]),
        options={"time_limit": rules.time_limit_seconds, "mip_rel_gap": rules.relative_gap})
    if result.x is None:
        return None, result.message
    return result.x, _status(result.status == 0, rules)


def _status(proved: bool, rules: ScheduleRules) -> str:
    if not proved:
        return "best found in the time limit"
    if rules.relative_gap or rules.absolute_gap:
        return "optimal within the gap limits"
    return "optimal"


def _solve_cp_sat(model: dict, rules: ScheduleRules) -> tuple[np.ndarray | None, str]:
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        raise ScheduleError("the cp-sat solver needs ortools (pip install ortools)") from None
    cp = cp_model.CpModel()
    n = model["c"].size
    cap = int(model["need"].sum()) + 1
    variables = [cp.NewIntVar(0, int(min(model["ub"][i], cap)), f"v{i}") for i in range(n)]
    a = model["A"].tocsr()
    for r in range(a.shape[0]):
        start, end = a.indptr[r], a.indptr[r + 1]
        coefficients = a.data[start:end]
        scale = 1 if np.all(coefficients == np.round(coefficients)) else 1000
        expr = sum(int(round(v * scale)) * variables[i]
                   for i, v in zip(a.indices[start:end], coefficients, strict=True))
        lo, hi = model["lower"][r], model["upper"][r]
        if np.isfinite(lo):
            cp.Add(expr >= int(round(lo * scale)))
        if np.isfinite(hi):
            cp.Add(expr <= int(round(hi * scale)))
    cp.Minimize(sum(int(round(c * 10_000)) * variables[i]
                    for i, c in enumerate(model["c"]) if c))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = rules.time_limit_seconds
    solver.parameters.num_workers = rules.workers
    solver.parameters.relative_gap_limit = rules.relative_gap
    solver.parameters.absolute_gap_limit = rules.absolute_gap * 10_000
    code = solver.Solve(cp)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, solver.StatusName(code)
    values = np.array([solver.Value(v) for v in variables], dtype=float)
    return values, _status(code == cp_model.OPTIMAL, rules)


def _rosters(chosen, variants, variant_counts, lunches, lunch_counts,
             rules: ScheduleRules) -> list[Roster]:
    """One roster per CSR: each working day's start and lunch dealt out from the solution."""
    step = rules.interval_minutes
    people: list[tuple[Tour, int]] = []
    for tour, count in chosen:
        people.extend((tour, len(people) + k + 1) for k in range(count))
    starts: dict[tuple, list[int]] = {}
    for v, ((d, shift, base, _start), count) in enumerate(zip(variants, variant_counts,
                                                             strict=True)):
        starts.setdefault((d, shift.name, base), []).extend([v] * int(count))
    lunch_of: dict[int, list[int]] = {}
    for (v, offset), count in zip(lunches, lunch_counts, strict=True):
        lunch_of.setdefault(v, []).extend([offset] * int(count))
    dealt: dict[object, int] = {}

    def deal(queue: list[int], key) -> int:
        k = dealt.get(key, 0)
        dealt[key] = k + 1
        return queue[min(k, len(queue) - 1)]

    rosters = []
    for tour, csr in people:
        shift = tour.shift_type
        days = []
        for d in tour.days:
            key = (d, shift.name, tour.start_slot)
            v = deal(starts[key], key)
            start = variants[v][3] * step
            end = start + round(shift.hours * 60)
            lunch = None
            if shift.lunch_minutes:
                lunch = start + deal(lunch_of[v], ("lunch", v)) * step
            days.append(Shift(d, start, end, lunch, shift.lunch_minutes,
                              _breaks(start, end, lunch, shift, csr)))
        rosters.append(Roster(csr, shift.name, tuple(days)))
    return rosters


def _breaks(start: int, end: int, lunch: int | None, shift: ShiftType, csr: int) -> tuple:
    """Paid 15-minute breaks halfway through each stretch on the phones, staggered by CSR."""
    n = shift.breaks
    if not n:
        return ()
    if lunch is not None:
        stretches = [(start, lunch), (lunch + shift.lunch_minutes, end)]
    else:
        stretches = [(start + (end - start) * k // n, start + (end - start) * (k + 1) // n)
                     for k in range(n)]
    stagger = (csr % 3 - 1) * BREAK_MINUTES
    out = []
    for k in range(n):
        a, b = stretches[k % len(stretches)]
        middle = (a + b) // 2 // BREAK_MINUTES * BREAK_MINUTES + stagger
        out.append(int(max(a, min(max(middle, a + BREAK_MINUTES), b - 2 * BREAK_MINUTES))))
    return tuple(sorted(out))


def coverage_from_rosters(rosters: list[Roster], days: int, rules: ScheduleRules) -> np.ndarray:
    """People on shift and not at lunch per (day, interval), read from the rosters."""
    slots, step = rules.slots_per_day, rules.interval_minutes
    coverage = np.zeros((days, slots), dtype=int)
    for roster in rosters:
        for shift in roster.shifts:
            first, last = shift.start_minute // step, math.ceil(shift.end_minute / step)
            coverage[shift.day, first:min(last, slots)] += 1
            if shift.lunch_start_minute is not None and shift.lunch_minutes:
                a = shift.lunch_start_minute // step
                coverage[shift.day, a:a + shift.lunch_minutes // step] -= 1
    return coverage


def roster_problems(roster: Roster, rules: ScheduleRules, days: int = 7) -> list[str]:
    """Every rule the roster breaks, in words; empty when it obeys them all."""
    problems = []
    types = {t.name: t for t in rules.shift_types}
    shift_type = types.get(roster.shift_type)
    if shift_type is None:
        return [f"CSR {roster.csr}: unknown shift type {roster.shift_type!r}"]
    worked = sorted(s.day for s in roster.shifts)
    if len(set(worked)) != len(worked):
        problems.append(f"CSR {roster.csr}: two shifts on one day")
    if len(worked) > shift_type.days_per_week:
        problems.append(f"CSR {roster.csr}: works {len(worked)} days, more than "
                        f"{shift_type.days_per_week}")
    if worked and _longest_run(tuple(worked), days) > rules.max_days_in_row:
        problems.append(f"CSR {roster.csr}: more than {rules.max_days_in_row} days in a row")
    ordered = sorted(roster.shifts, key=lambda s: s.day)
    pairs = list(zip(ordered, ordered[1:], strict=False))
    if days == 7 and len(ordered) > 1:
        pairs.append((ordered[-1], ordered[0]))
    for before, after in pairs:
        gap_days = (after.day - before.day) % days or days
        rest = gap_days * 1440 + after.start_minute - before.end_minute
        if rest < rules.min_rest_hours * 60:
            problems.append(f"CSR {roster.csr}: {rest / 60:.1f} h rest before day {after.day}, "
                            f"less than {rules.min_rest_hours:g} h")
    for shift in ordered:
        if shift.end_minute - shift.start_minute != round(shift_type.hours * 60):
            problems.append(f"CSR {roster.csr}: day {shift.day} is not {shift_type.hours:g} h")
        if shift_type.lunch_minutes:
            offset = (shift.lunch_start_minute or 0) - shift.start_minute
            if (shift.lunch_start_minute is None
                    or not shift_type.lunch_earliest_hours * 60 <= offset
                    <= shift_type.lunch_latest_hours * 60):
                problems.append(f"CSR {roster.csr}: lunch outside its window on day {shift.day}")
        for b in shift.break_start_minutes:
            at_lunch = shift.lunch_start_minute is not None and (
                shift.lunch_start_minute - BREAK_MINUTES < b
                < shift.lunch_start_minute + shift.lunch_minutes)
            if not shift.start_minute <= b <= shift.end_minute - BREAK_MINUTES or at_lunch:
                problems.append(f"CSR {roster.csr}: a break outside the shift on day {shift.day}")
    return problems
