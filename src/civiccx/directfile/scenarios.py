"""Walk the interview the way a filer would, answering each screen from a scenario.

A scenario gives answers by path pattern (`/filingStatus`, `/formW2s/*/wages`) and the items
of each loop; anything it does not give gets a plain valid answer. The completeness test, the
flow snapshots, the benchmark and the demo data all walk returns with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from civiccx.directfile.interview import REVIEWED, Interview, Step, field_paths
from civiccx.taxengine import DICTIONARY

DEFAULTS = {
    "name": "Alex", "text": "100 Main St", "date": "1990-05-05", "ein": "12-3456789",
    "routing": "021000021", "account": "123456789", "pin5": "12345", "ippin": "123456",
    "zip": "85012", "state": "AZ", "email": "filer@example.com", "phone": "+16025550143",
    "consent": False, "agree": True, "money": "0.00", "months": 12, "year": 2023,
    "yesno": False,
}


@dataclass
class Walk:
    answers: dict
    screens: list[str] = field(default_factory=list)
    stopped_at: str = ""


def default_for(f, step: Step, year: int, n_items: dict) -> object:
    if f.kind in ("choice", "select"):
        return f.options[0][0]
    if f.kind == "tin":
        if step.item:
            return f"400-02-{n_items.get(step.item, 1):04d}"
        return "400-01-0002" if "secondary" in f.path else "400-01-0001"
    if f.kind == "paydate":
        return dt.date(year + 1, 4, 15).isoformat()
    if f.kind == "yesno":
        # the common answer: the engine's placeholder (a citizen, an SSN valid for work...)
        try:
            return bool(DICTIONARY.facts[f.path].placeholder)
        except KeyError:
            return False
    return DEFAULTS[f.kind]


def walk(scenario: dict, year: int = 2024, limit: int = 400,
         through_sign: bool = True) -> Walk:
    """Answer screen after screen until the return reaches review (or, with `through_sign`,
    the submit screen), a knockout, or a paper-filing stop. Returns the answers and the
    sequence of screens shown."""
    answers: dict = {}
    items: dict = {}  # item id -> its scenario answers
    numbers: dict = {}  # item id -> 1-based number across loops, for distinct TINs
    result = Walk(answers)
    for _ in range(limit):
        iv = Interview(answers, year)
        if iv.knockouts:
            result.stopped_at = "knockout:" + iv.knockouts[0].code
            return result
        step = iv.next_step()
        if step is None:
            result.stopped_at = "end"
            return result
        result.screens.append(step.screen.key if step.screen else step.loop.key + "-list")
        if step.is_loop_list:
            wanted = scenario.get("loops", {}).get(step.loop.key, [])
            have = iv.collection(step.loop.collection)
            if len(have) < len(wanted):
                item = f"{step.loop.key[:3]}{len(have) + 1}"
                items[item] = wanted[len(have)]
                numbers[item] = len(numbers) + 1
                answers[step.loop.collection] = [*have, item]
            else:
                answers.setdefault(step.loop.collection, [])
                answers[step.loop.done] = True
            continue
        kind = step.screen.kind
        if kind == "review":
            if not through_sign:
                result.stopped_at = "review"
                return result
            answers[REVIEWED] = True
            continue
        if kind in ("submit", "print_and_mail"):
            result.stopped_at = kind
            return result
        given = {**scenario.get("answers", {}), **items.get(step.item, {})}
        for f in iv.visible_fields(step):
            if f.kind == "flags":
                for path, _label in f.options:
                    answers[path] = bool(given.get(path, False))
                continue
            pattern = f.path
            value = given.get(pattern, given.get(pattern.split("/")[-1]))
            if value is None and pattern.startswith("/signing/") and \
                    pattern.endswith("/dateOfBirth"):
                value = answers.get("/secondaryFiler/dateOfBirth" if "/spouse/" in pattern
                                    else "/primaryFiler/dateOfBirth")
            if value is None:
                value = default_for(f, step, year, numbers)
            answers[step.path(f.path)] = value
        # a screen whose every field is optional and unanswered still counts as seen
        for f in iv.visible_fields(step):
            for p in field_paths(f, step):
                answers.setdefault(p, None)
    raise RuntimeError(f"the walk did not end within {limit} screens: {result.screens[-10:]}")
