"""The flow, walked: every branch of every condition and every option of every question is
taken by some generated answer path, and each path ends at submit with /refund complete (or at
a knockout or the paper-filing stop). Flow snapshots keep the exact screen sequence of named
scenarios in the repository, as IRS Direct File did, and a change to the flow shows as a diff.

Refresh the snapshots after an intended flow change: UPDATE_FLOW_SNAPSHOTS=1 pytest ...
"""

import copy
import os
from pathlib import Path

import pytest

from civiccx.directfile.flow import FLOW, Loop
from civiccx.directfile.interview import Interview, loops
from civiccx.directfile.scenarios import walk
from tests.directfile.helpers import SINGLE, W2_30K, hoh_two_children, retired_couple

pytestmark = pytest.mark.pure
SNAPSHOTS = Path(__file__).parent / "flow_snapshots"
OWES = {"answers": {"/filingStatus": "single"},
        "loops": {"w2s": [{**W2_30K, "federalWithholding": "0.00"}]}}


def _screens():
    for section in FLOW:
        for sub in section.subsections:
            for thing in sub.items:
                if isinstance(thing, Loop):
                    for s in thing.screens:
                        yield s, thing
                else:
                    yield thing, None


def _loop_for(pattern: str):
    return next((lp for lp in loops() if pattern.startswith(lp.collection + "/")), None)


def _with(base: dict, path: str, value) -> dict:
    scenario = copy.deepcopy(base)
    loop = _loop_for(path)
    if loop is None:
        scenario.setdefault("answers", {})[path] = value
        return scenario
    items = scenario.setdefault("loops", {}).setdefault(loop.key, [])
    if not items:
        items.append(copy.deepcopy(W2_30K) if loop.key == "w2s" else {})
    for item in items:  # whichever item the question is asked for
        item[path.rsplit("/", 1)[1]] = value
    return scenario


def generated_paths() -> list[dict]:
    """The households below, then one path per option of every question, each on the first
    household whose interview shows that question."""
    mfj = _with(_with(_with(hoh_two_children(), "/filingStatus", "married_filing_jointly"),
                      "/signing/primary/filedLastYear", True), "/signing/spouse/filedLastYear",
                True)
    bases = [_with(SINGLE, "/signing/primary/filedLastYear", True), mfj, SINGLE,
             hoh_two_children(), retired_couple(), OWES,
             _with(SINGLE, "/formsSsa1099/*/netBenefits", "12000.00"),
             _with(_with(SINGLE, "/filingStatus", "married_filing_separately"),
                   "/formsSsa1099/*/netBenefits", "12000.00"),
             _with(hoh_two_children(), "/filingStatus", "married_filing_separately"),
             {"answers": {"/filingStatus": "head_of_household",
                          "/paidOverHalfCostOfHome": True},
              "loops": {**SINGLE["loops"], "dependents": [
                 {"relationship": "son", "dateOfBirth": "2004-01-01",
                  "monthsLivedWithFiler": 12},
                 {"relationship": "parent", "dateOfBirth": "1950-01-01",
                  "monthsLivedWithFiler": 0}]}}]
    shown = [set(walk(b).screens) for b in bases]
    paths = list(bases)
    for screen, _loop in _screens():
        base = next((b for b, seen in zip(bases, shown, strict=True) if screen.key in seen),
                    bases[1])
        for field in screen.fields:
            options = {"yesno": (True, False), "choice": [o for o, _l in field.options],
                       "select": [o for o, _l in field.options],
                       "flags": [p for p, _l in field.options]}.get(field.kind)
            for option in options or ():
                if field.kind == "flags":
                    paths.append(_with(base, option, True))
                else:
                    paths.append(_with(base, field.path, option))
    return paths


def test_every_path_reaches_review_with_a_complete_refund_and_every_branch_is_taken():
    seen_when: dict[str, set] = {}
    seen_options: set = set()
    ends: set = set()
    for scenario in generated_paths():
        w = walk(scenario)
        ends.add(w.stopped_at.split(":")[0])
        iv = Interview(w.answers, 2024)
        if w.stopped_at == "submit":
            assert iv.graph.get("/refund").complete, w.screens
            assert "review" in w.screens
        for screen, loop in _screens():
            items = iv.collection(loop.collection) if loop else [None]
            for item in items:
                if screen.when is not None:
                    seen_when.setdefault(screen.key, set()).add(screen.when.holds(iv, item))
                for field in screen.fields:
                    path = field.path.replace("*", item) if item else field.path
                    if field.kind in ("yesno", "choice", "select") and path in w.answers:
                        seen_options.add((field.path, w.answers[path]))
    assert ends == {"submit", "knockout", "print_and_mail"}
    missing_branches = {k: v for k, v in seen_when.items() if v != {True, False}}
    assert not missing_branches, missing_branches
    for screen, _loop in _screens():
        for field in screen.fields:
            if field.kind == "yesno":
                expected = {(field.path, True), (field.path, False)}
            elif field.kind in ("choice", "select"):
                expected = {(field.path, o) for o, _l in field.options}
            else:
                continue
            assert expected <= seen_options, (field.path, expected - seen_options)


NAMED = {
    "single-one-w2": SINGLE,
    "single-owes": OWES,
    "hoh-two-children": hoh_two_children(),
    "retired-couple": retired_couple(),
    "business-income": _with(SINGLE, "/hasBusinessIncome", True),
    "wants-to-itemize": _with(SINGLE, "/wantsToItemize", True),
    "interest-over-limit": {**retired_couple(), "loops": {"interest": [
        {"payerName": "Big Bank", "interest": "2500.00"}]}},
    "nonresident": _with(SINGLE, "/wasNonresidentAlien", True),
    "estimated-payments": _with(SINGLE, "/madeEstimatedTaxPayments", True),
    "mfs": _with(SINGLE, "/filingStatus", "married_filing_separately"),
    "mfj-two-w2s": {"answers": {"/filingStatus": "married_filing_jointly"},
                    "loops": {"w2s": [W2_30K, {**W2_30K, "filer": "secondary"}]}},
    "qss-with-child": _with(_with(hoh_two_children(), "/filingStatus",
                                  "qualifying_surviving_spouse"), "/spouseDeathYear", 2023),
    "hoh-without-home-cost": _with(hoh_two_children(), "/paidOverHalfCostOfHome", False),
    "unemployment": {"answers": {"/filingStatus": "single"},
                     "loops": {"unemployment": [{"payerName": "State", "unemployment":
                                                 "8000.00", "federalWithholding": "800.00"}]}},
    "student-dependent-19": {**hoh_two_children(), "loops": {
        **hoh_two_children()["loops"],
        "dependents": [{"relationship": "son", "dateOfBirth": "2005-01-01",
                        "monthsLivedWithFiler": 12, "fullTimeStudent": True}]}},
    "educator": _with(_with(SINGLE, "/primaryFiler/isEligibleEducator", True),
                      "/primaryFiler/educatorExpenses", "250.00"),
    "student-loan": _with(SINGLE, "/studentLoanInterestPaid", "1200.00"),
    "sign-with-agi": _with(_with(_with(SINGLE, "/signing/primary/filedLastYear", True),
                                 "/signing/primary/method", "agi"),
                           "/signing/primary/priorYearAgi", "28000.00"),
    "sign-with-pin": _with(_with(SINGLE, "/signing/primary/filedLastYear", True),
                           "/signing/primary/method", "pin"),
    "cannot-find-agi": _with(_with(SINGLE, "/signing/primary/filedLastYear", True),
                             "/signing/primary/method", "cannot_find"),
    "ip-pin": _with(SINGLE, "/signing/primary/hasIpPin", True),
    "refund-by-check": _with(SINGLE, "/refundMethod", "check"),
    "pay-by-bank": _with(OWES, "/paymentMethod", "bank_debit"),
}


@pytest.mark.parametrize("name", sorted(NAMED))
def test_flow_snapshot(name):
    w = walk(NAMED[name])
    text = "\n".join([*w.screens, f"-> {w.stopped_at}"]) + "\n"
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("UPDATE_FLOW_SNAPSHOTS") or not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text)
    assert text == path.read_text(), f"the flow changed for {name}; see the diff above"
