"""The flow engine: from the flow (data) and one return's answers, the screens that apply, the
next one to show, each section's state, and the return's knockouts and issues.

Pure of HTTP and of the database: it takes an answers dict and gives answers back, so the
completeness test and the flow snapshots drive it directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from civiccx.directfile.flow import FLOW, MFJ, MFS, Field, Loop, Screen, Section, Subsection
from civiccx.taxengine import CATALOGUE, DICTIONARY, FactGraph, knockouts, validate
from civiccx.taxengine.facts import FactTypeError
from civiccx.taxengine.graph import COMPLETE, INCOMPLETE
from civiccx.taxengine.knockouts import build as build_knockout
from civiccx.taxengine.returns import FILER_FIELDS

TARGETS = ("/refund", "/amountOwed", "/knockouts")
REVIEWED = "/reviewed"

COMPLETE_STATE, IN_PROGRESS, READY, LOCKED = "complete", "in_progress", "ready", "locked"


@dataclass(frozen=True)
class Step:
    """One screen as it applies to this return: for a loop's item screen, with its item id;
    for a loop's list ("add another"), `screen` is None and `loop` is set."""

    section: Section
    subsection: Subsection
    screen: Screen | None
    loop: Loop | None = None
    item: str | None = None

    @property
    def key(self) -> str:
        name = self.screen.key if self.screen else self.loop.key
        return f"{name}/{self.item}" if self.item else name

    @property
    def is_loop_list(self) -> bool:
        return self.screen is None

    def path(self, pattern: str) -> str:
        return pattern.replace("*", self.item) if self.item else pattern


def field_paths(field: Field, step: Step) -> list[str]:
    if field.kind == "flags":
        return [path for path, _label in field.options]
    return [step.path(field.path)]


def _item_paths(loop: Loop, item: str) -> Iterator[str]:
    for screen in loop.screens:
        for field in screen.fields:
            yield field.path.replace("*", item)


class Interview:
    """One return's interview state, computed from its answers."""

    def __init__(self, answers: dict, year: int) -> None:
        self.answers = answers
        self.year = year

    # --- facts ---------------------------------------------------------------------------
    def answer(self, path: str) -> object:
        return self.answers.get(path)

    def derived(self, path: str) -> object:
        r = self.graph.get(path)
        return r.value if r.status == COMPLETE else None

    @cached_property
    def graph(self) -> FactGraph:
        return graph_for(self.answers, self.year)

    @cached_property
    def in_play(self) -> set[str]:
        """Every answer the graph reads to decide the refund and the return's scope: the
        answered ones it reads, and the unanswered ones it still needs (found by assuming
        each missing answer and reading on, as `FactGraph.missing` does)."""
        needed: set[str] = set()
        for target in TARGETS:
            if self.graph.get(target).status != COMPLETE:
                needed.update(self.graph.missing(target))
        if not needed:  # a finished return: read the leaves off the graph itself
            return _leaves(self.graph, TARGETS)
        probe = graph_for(self.answers, self.year)
        for path in needed:
            probe.set(path, probe.fact(path).type.assume)
        return needed | _leaves(probe, TARGETS)

    # --- steps ---------------------------------------------------------------------------
    def collection(self, path: str) -> list[str]:
        value = self.answers.get(path)
        return list(value) if isinstance(value, list) else []

    def _applies(self, screen: Screen, item: str | None) -> bool:
        if screen.when is not None and not screen.when.holds(self, item):
            return False
        if not screen.graph:
            return True
        paths = [f.path.replace("*", item) if item else f.path for f in screen.fields]
        return any(p in self.in_play for p in paths)

    @cached_property
    def steps(self) -> list[Step]:
        """The screens that apply to this return, in flow order: the interview's path."""
        out: list[Step] = []
        for section in FLOW:
            for sub in section.subsections:
                if sub.when is not None and not sub.when.holds(self):
                    continue
                for thing in sub.items:
                    if isinstance(thing, Loop):
                        if thing.when is not None and not thing.when.holds(self):
                            continue
                        out.append(Step(section, sub, None, thing))
                        for item in self.collection(thing.collection):
                            out += [Step(section, sub, s, thing, item) for s in thing.screens
                                    if self._applies(s, item)]
                    elif self._applies(thing, None):
                        out.append(Step(section, sub, thing))
        return out

    @cached_property
    def _by_key(self) -> dict[str, Step]:
        return {s.key: s for s in self.steps}

    def step(self, key: str) -> Step | None:
        return self._by_key.get(key)

    def visible_fields(self, step: Step) -> list[Field]:
        if step.screen is None:
            return []
        return [f for f in step.screen.fields
                if f.when is None or f.when.holds(self, step.item)]

    def step_complete(self, step: Step) -> bool:
        cache = self.__dict__.setdefault("_complete", {})
        if step.key not in cache:
            cache[step.key] = self._step_complete(step)
        return cache[step.key]

    def _step_complete(self, step: Step) -> bool:
        if step.is_loop_list:
            if self.answers.get(step.loop.done) is not True:
                return False
            return all(self.step_complete(s) for s in self.steps
                       if s.loop is step.loop and s.item)
        kind = step.screen.kind
        if kind == "review":
            return self.answers.get(REVIEWED) is True
        if kind in ("submit", "print_and_mail"):
            return False
        visible = self.visible_fields(step)
        if visible and all(not f.required and f.kind != "flags" for f in visible):
            return any(p in self.answers for f in visible for p in field_paths(f, step))
        for field in visible:
            if not field.required and field.kind != "flags":
                continue
            if any(p not in self.answers for p in field_paths(field, step)):
                return False
        return True

    def step_started(self, step: Step) -> bool:
        if step.is_loop_list:
            return bool(self.collection(step.loop.collection)) or step.loop.done in self.answers
        return any(p in self.answers for f in step.screen.fields
                   for p in field_paths(f, step))

    def next_step(self) -> Step | None:
        """The first screen not yet complete. A loop's list waits until its items are done,
        so adding a W-2 leads through that W-2's screens and then back to the list."""
        for s in self.steps:
            if s.is_loop_list:
                items_done = all(self.step_complete(x) for x in self.steps
                                 if x.loop is s.loop and x.item)
                if items_done and not self.step_complete(s):
                    return s
                continue
            if not self.step_complete(s):
                return s
        return None

    def neighbours(self, step: Step) -> tuple[Step | None, Step | None]:
        keys = [s.key for s in self.steps]
        i = keys.index(step.key)
        return (self.steps[i - 1] if i else None,
                self.steps[i + 1] if i + 1 < len(keys) else None)

    @cached_property
    def _asked_on(self) -> dict[str, Step]:
        index: dict[str, Step] = {}
        for s in self.steps:  # a collection itself is asked on its loop's list
            if s.is_loop_list:
                index.setdefault(s.loop.collection, s)
        for s in reversed(self.steps):
            if s.screen is not None:
                for f in s.screen.fields:
                    for p in field_paths(f, s):
                        index[p] = s
        return index

    def step_for_path(self, path: str) -> Step | None:
        """The screen that asks a fact (a concrete path), for "change this answer" links."""
        return self._asked_on.get(path)

    # --- sections ------------------------------------------------------------------------
    def section_states(self) -> list[dict]:
        out = []
        earlier_complete = True
        issues = self.issues_by_step()
        for section in FLOW:
            steps = [s for s in self.steps if s.section is section]
            complete = bool(steps) and all(self.step_complete(s) for s in steps)
            started = any(self.step_started(s) for s in steps)
            if not earlier_complete:
                state = LOCKED
            elif complete:
                state = COMPLETE_STATE
            elif started:
                state = IN_PROGRESS
            else:
                state = READY
            mine = [i for s in steps for i in issues.get(s.key, [])]
            out.append({"section": section, "state": state, "steps": steps,
                        "errors": sum(1 for i in mine if i.severity == "error"),
                        "warnings": sum(1 for i in mine if i.severity == "warning"),
                        "first": next((s for s in steps if not self.step_complete(s)),
                                      steps[0] if steps else None)})
            earlier_complete = earlier_complete and complete
        return out

    def progress(self) -> tuple[int, int]:
        """(screens complete, screens that apply) for the progress bar."""
        steps = [s for s in self.steps if s.screen is None or s.screen.kind != "submit"]
        return sum(1 for s in steps if self.step_complete(s)), len(steps)

    # --- scope and checks ----------------------------------------------------------------
    @cached_property
    def knockouts(self) -> list:
        """Knockouts whose answers are all in: every screen that asks one of them is complete
        and every list they count is finished, so a first dependent who does not qualify
        someone for head of household does not stop the return before the second is added."""
        out = []
        for rule in CATALOGUE.knockouts:
            r = self.graph.get(rule.when)
            if r.value is not True or r.status != COMPLETE:
                continue
            try:
                k = build_knockout(rule, self.graph)
            except ValueError:
                # Its words read an answer not given yet (e.g. a dependent's relationship on a
                # qualifying-surviving-spouse return): it is not settled.
                continue
            if self._settled(k):
                out.append(k)
        return out

    def _settled(self, k) -> bool:
        for path in k.facts:
            step = self.step_for_path(path)
            if step is not None and not self.step_complete(step):
                return False
            if step is None and "/" in path[1:]:
                coll = "/" + path.strip("/").split("/")[0]
                loop = next((lp for lp in loops() if lp.collection == coll), None)
                if loop is not None and self.answers.get(loop.done) is not True:
                    return False
        return True

    @cached_property
    def issues(self) -> list:
        return validate(self.graph)

    def issues_by_step(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for issue in self.issues:
            s = self.step_for_path(issue.field)
            if s is not None:
                out.setdefault(s.key, []).append(issue)
        return out

    @property
    def ready_for_review(self) -> bool:
        return not self.knockouts and self.graph.get("/refund").status == COMPLETE and \
            not any(i.severity == "error" for i in self.issues)


def graph_for(answers: dict, year: int) -> FactGraph:
    """A fact graph holding every answer the tax engine knows. Answers were checked when they
    were entered; one the engine refuses is left out rather than trusted."""
    g = FactGraph(DICTIONARY, year)
    if answers.get("/filingStatus") != MFJ:
        # No spouse on the return's numbers: the spouse's facts are "not applicable", as the
        # engine's return loader answers them (a separate filer's spouse SSN is kept).
        for key, required in FILER_FIELDS.items():
            path = f"/secondaryFiler/{key}"
            if required is False and path not in answers:
                g.set(path, g.fact(path).placeholder)
                g.defaulted.add(path)
        for path, stand_in in (("/secondaryFiler/dateOfBirth", "1900-01-01"),
                               ("/secondaryFiler/tin", "123-45-6789")):
            if path not in answers:
                g.set(path, stand_in)
                g.defaulted.add(path)
        for item in answers.get("/formW2s") or []:  # every W-2 is the filer's own
            if f"/formW2s/{item}/filer" not in answers:
                g.set(f"/formW2s/{item}/filer", "primary")
    if answers.get("/filingStatus") != MFS and "/spouseItemizes" not in answers:
        g.set("/spouseItemizes", False)  # asked only of a married person filing separately
        g.defaulted.add("/spouseItemizes")
    for path, value in answers.items():
        if value is None:
            continue
        try:
            fact = g.fact(path)
        except KeyError:
            continue
        if not fact.writable:
            continue
        try:
            g.set(path, value)
        except (FactTypeError, KeyError):
            continue
    return g


def numbered(answers: dict) -> dict:
    """The answers with each collection's items numbered 0, 1, 2... (the return document's
    form, whose dependents are listed by index)."""
    out = dict(answers)
    for loop in loops():
        items = answers.get(loop.collection) or []
        if not items:
            continue
        names = {item: str(n) for n, item in enumerate(items)}
        out[loop.collection] = list(names.values())
        prefix = loop.collection + "/"
        for path in list(out):
            if path.startswith(prefix):
                item, _, rest = path[len(prefix):].partition("/")
                if item in names and names[item] != item:
                    out[f"{prefix}{names[item]}/{rest}"] = out.pop(path)
    return out


def return_document(iv: Interview) -> dict:
    """The tax engine's return document for these answers (what is submitted and printed)."""
    from civiccx.taxengine.engine import Outcome

    g = graph_for(numbered(iv.answers), iv.year)
    return Outcome(iv.year, g, knockouts(g), validate(g)).document()


def _leaves(g: FactGraph, targets) -> set[str]:
    out: set[str] = set()
    seen: set[str] = set()
    stack = list(targets)
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        if g.fact(p).writable:
            out.add(p)
            continue
        stack.extend(g.reads(p))
    return out


def remove_item(answers: dict, loop: Loop, item: str) -> dict:
    out = dict(answers)
    out[loop.collection] = [i for i in out.get(loop.collection, []) if i != item]
    for path in _item_paths(loop, item):
        out.pop(path, None)
    return out


def loops() -> Iterator[Loop]:
    for section in FLOW:
        for sub in section.subsections:
            for thing in sub.items:
                if isinstance(thing, Loop):
                    yield thing


def loop_named(key: str) -> Loop | None:
    return next((lp for lp in loops() if lp.key == key), None)


def is_incomplete(g: FactGraph, path: str) -> bool:
    return g.get(path).status == INCOMPLETE
