"""The fact graph: evaluates derived facts lazily, tracks completeness and records what decided.

A value is ``complete`` (every input answered), ``placeholder`` (computed, but resting on at least
one unanswered fact's default) or ``incomplete`` (a needed answer is missing and has no default).
Rules read their inputs on demand, so a rule that has decided early never asks for the rest
(``All`` stops at the first false). The inputs each rule actually read are kept: they are the
explanation tree and the list of answers an interview still needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from civiccx.taxengine.facts import COLLECTION, Dictionary, Fact, FactTypeError
from civiccx.taxengine.params import YearParams, load

COMPLETE, PLACEHOLDER, INCOMPLETE = "complete", "placeholder", "incomplete"


@dataclass(frozen=True)
class Result:
    value: object
    status: str
    missing: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.status == COMPLETE


class _Incomplete(Exception):  # noqa: N818 - control flow, not an error
    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing


class UnknownFact(KeyError):  # noqa: N818
    """A path that names no declared fact (or an item that is not in its collection)."""


@dataclass
class _Eval:
    result: Result
    read: list[str] = field(default_factory=list)


class Context:
    """What a rule sees: its declared inputs, read on demand, and the year's parameters."""

    def __init__(self, graph: FactGraph, fact: Fact, path: str) -> None:
        self._graph = graph
        self._fact = fact
        self._path = path
        self.p: YearParams = graph.params
        self.read: list[str] = []
        self.placeholder = False

    def _allowed(self, pattern: str) -> str:
        d = self._graph.dictionary
        for dep in self._fact.deps:
            if d.resolve_dep(self._fact.path, dep) == pattern:
                return pattern
        raise RuntimeError(f"{self._fact.path} reads {pattern}, which it does not declare")

    def __call__(self, dep: str) -> object:
        """The value of a dependency ('/x', './x' or '/coll/ID/x' concrete)."""
        concrete = dep
        if dep.startswith("./"):
            concrete = self._path.rsplit("/", 1)[0] + "/" + dep[2:]
        self._allowed(self._graph.pattern_of(concrete))
        return self._value(concrete)

    def each(self, pattern: str) -> list:
        """Values of ``/collection/*/fact`` for every item, in item order."""
        self._allowed(pattern)
        coll, rest = pattern.split("/*/", 1)
        ids = self._value(coll)
        return [self._value(f"{coll}/{i}/{rest}") for i in ids]

    def items(self, coll: str) -> tuple[str, ...]:
        self._allowed(coll)
        return self._value(coll)

    def _value(self, concrete: str) -> object:
        r = self._graph.get(concrete)
        if concrete not in self.read:
            self.read.append(concrete)
        if r.status == INCOMPLETE:
            raise _Incomplete(r.missing)
        if r.status == PLACEHOLDER:
            self.placeholder = True
        return r.value


class FactGraph:
    """A dictionary of facts bound to one return's answers for one tax year."""

    def __init__(self, dictionary: Dictionary, year: int) -> None:
        self.dictionary = dictionary
        self.params = load(year)
        self.year = year
        self._answers: dict[str, object] = {}
        self._assumed: dict[str, object] = {}
        self._cache: dict[str, _Eval] = {}
        # Answers a return document left out and the loader filled with the fact's default:
        # validation does not question values the filer never gave.
        self.defaulted: set[str] = set()

    # --- paths -------------------------------------------------------------------------
    def pattern_of(self, concrete: str) -> str:
        """The dictionary path of a concrete one (`/formW2s/ab12/wages` -> `/formW2s/*/wages`),
        remembered per dictionary: a return's evaluation asks it tens of thousands of times."""
        patterns = self.dictionary.__dict__.setdefault("_patterns", {})
        found = patterns.get(concrete)
        if found is None:
            found = patterns[concrete] = self._pattern_of(concrete)
            if len(patterns) > 100_000:  # item ids are random: keep the memory bounded
                patterns.clear()
        return found

    def _pattern_of(self, concrete: str) -> str:
        parts = concrete.strip("/").split("/")
        out: list[str] = []
        i = 0
        while i < len(parts):
            out.append(parts[i])
            prefix = "/" + "/".join(out)
            fact = self.dictionary.facts.get(prefix)
            if fact is not None and fact.type is COLLECTION and i + 1 < len(parts):
                out.append("*")
                i += 1
            i += 1
        return "/" + "/".join(out)

    def fact(self, concrete: str) -> Fact:
        try:
            return self.dictionary.facts[self.pattern_of(concrete)]
        except KeyError:
            raise UnknownFact(concrete) from None

    def items(self, coll: str) -> tuple[str, ...]:
        r = self.get(coll)
        return r.value if r.status != INCOMPLETE else ()

    # --- answers -----------------------------------------------------------------------
    def set(self, path: str, value: object) -> None:
        """Answer a writable fact; the value is type-checked and the field named on error."""
        fact = self.fact(path)
        if not fact.writable:
            raise FactTypeError(path, "is derived and cannot be written")
        self._answers[path] = fact.type.check(path, value)
        self._cache.clear()

    def unset(self, path: str) -> None:
        self._answers.pop(path, None)
        self._cache.clear()

    def answers(self) -> dict[str, object]:
        return dict(self._answers)

    # --- evaluation --------------------------------------------------------------------
    def get(self, path: str) -> Result:
        return self._eval(path).result

    def value(self, path: str) -> object:
        r = self.get(path)
        if r.status == INCOMPLETE:
            raise ValueError(f"{path} is incomplete; missing {', '.join(r.missing)}")
        return r.value

    def reads(self, path: str) -> list[str]:
        """The inputs a derived fact read when it was last decided."""
        return self._eval(path).read

    def _eval(self, path: str) -> _Eval:
        hit = self._cache.get(path)
        if hit is not None:
            return hit
        fact = self.fact(path)
        if fact.writable:
            ev = self._eval_writable(path, fact)
        else:
            ctx = Context(self, fact, path)
            try:
                value = fact.rule(ctx)
                status = PLACEHOLDER if ctx.placeholder else COMPLETE
                ev = _Eval(Result(value, status), ctx.read)
            except _Incomplete as inc:
                ev = _Eval(Result(None, INCOMPLETE, inc.missing), ctx.read)
        self._cache[path] = ev
        return ev

    def _eval_writable(self, path: str, fact: Fact) -> _Eval:
        if path in self._answers:
            return _Eval(Result(self._answers[path], COMPLETE))
        if path in self._assumed:
            return _Eval(Result(self._assumed[path], PLACEHOLDER))
        default = fact.placeholder if fact.placeholder is not None else None
        if default is not None:
            return _Eval(Result(default, PLACEHOLDER))
        return _Eval(Result(None, INCOMPLETE, (path,)))

    def missing(self, path: str, limit: int = 200) -> list[str]:
        """Writable facts still to be answered before ``path`` is complete, in the order the
        rules reach them. Unanswered facts are provisionally assumed (type default) so the
        search can see past them; the graph's answers are left untouched."""
        needed: list[str] = []
        try:
            for _ in range(limit):
                r = self.get(path)
                for leaf in self._unanswered_leaves(path):
                    if leaf not in needed:
                        needed.append(leaf)
                if r.status != INCOMPLETE:
                    break
                for m in r.missing:
                    if m not in needed:
                        needed.append(m)
                    f = self.fact(m)
                    self._assumed[m] = f.type.assume
                self._cache.clear()
        finally:
            self._assumed.clear()
            self._cache.clear()
        return needed

    def _unanswered_leaves(self, path: str) -> list[str]:
        out: list[str] = []
        seen: set[str] = set()
        stack = [path]
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            f = self.fact(p)
            if f.writable:
                if p not in self._answers:
                    out.append(p)
                continue
            stack.extend(reversed(self._eval(p).read))
        return out
