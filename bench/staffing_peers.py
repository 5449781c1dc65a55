"""pyworkforce's shift schedulers on a civiccx requirement, for the bench and tests (pyworkforce
is a development dependency: the application never imports it)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from civiccx.staffing.planning.scheduling import (  # noqa: E402
    ScheduleRules,
    _checked_requirement,
    _lunch_offsets,
)


def pyworkforce_schedule(requirement, rules: ScheduleRules | None = None,
                         max_search_seconds: float = 60.0) -> dict:
    """The same requirement through pyworkforce's two shift schedulers (OR-Tools CP-SAT), for
    comparison: ``MinAbsDifference`` (least |coverage − requirement|, under- and over-staffing
    alike) and ``MinRequiredResources`` (fewest shifts with no under-staffing). Its shifts are
    the same lengths and start times, chosen day by day with lunch fixed at the middle of its
    window: pyworkforce has no lunch choice and no weekly rules (days per week, days in a row,
    rest), so it solves an easier problem and yields daily head counts, not rosters.

    Returns, per model, coverage, shortfall and surplus arrays, the status, seconds and
    person-days. Needs the ``pyworkforce`` package (a development dependency).
    """
    from pyworkforce.scheduling import MinAbsDifference, MinRequiredResources

    rules = rules or ScheduleRules()
    need = _checked_requirement(requirement, rules)
    days, slots = need.shape
    busy = np.flatnonzero(need.sum(axis=0) > 0)
    first, close = int(busy[0]), int(busy[-1]) + 1
    step = rules.start_step_minutes // rules.interval_minutes
    coverage_by_shift = {}
    for shift in rules.shift_types:
        length = rules.slots(shift.hours)
        last_start = min(max(first, min(close, slots) - length), slots - length)
        offsets = _lunch_offsets(shift, rules)
        lunch = offsets[len(offsets) // 2] if len(offsets) else None
        for start in range(first, last_start + 1, step):
            row = [0] * slots
            for t in range(start, min(start + length, slots)):
                row[t] = 1
            if lunch is not None:
                for t in range(start + lunch, start + lunch + shift.lunch_minutes
                               // rules.interval_minutes):
                    row[t] = 0
            coverage_by_shift[f"{shift.name}@{start}"] = row
    common = {"num_days": days, "periods": slots, "shifts_coverage": coverage_by_shift,
              "required_resources": need.tolist(),
              "max_period_concurrency": int(need.max() * 2 + 10),
              "max_shift_concurrency": int(need.max() * 2 + 10),
              "max_search_time": float(max_search_seconds), "num_search_workers": 2}
    out = {}
    for name, model in (("MinAbsDifference", MinAbsDifference),
                        ("MinRequiredResources", MinRequiredResources)):
        started = time.perf_counter()
        solution = model(**common).solve()
        seconds = time.perf_counter() - started
        coverage = np.zeros((days, slots), dtype=int)
        people = 0
        for row in solution["resources_shifts"]:
            if row["day"] >= 0:
                coverage[row["day"]] += (np.array(coverage_by_shift[row["shift"]])
                                         * row["resources"])
                people += row["resources"]
        out[name] = {"coverage": coverage, "shortfall": np.maximum(need - coverage, 0),
                     "surplus": np.maximum(coverage - need, 0), "status": solution["status"],
                     "seconds": seconds, "person_days": people}
    return out
