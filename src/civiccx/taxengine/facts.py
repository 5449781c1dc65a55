"""Fact declarations: writable facts (answers) and derived facts (rules), and their value types.

A derived fact is a Python function plus data: the dependency paths it may read, a plain-language
description and the citation (form line, worksheet or IRC section) that makes it law. Paths use
``*`` for "every item of a collection" (``/dependents/*/age``) and ``./`` for "this item".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from civiccx.taxengine.money import MoneyError, cents


class FactTypeError(ValueError):
    """A value of the wrong type for a fact; the message names the fact."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


@dataclass(frozen=True)
class ValueType:
    """A fact's type: how to check and normalize a value, and its placeholder default."""

    name: str
    coerce: Callable[[object], object]
    placeholder: object = None
    assume: object = None  # a stand-in answer used only while searching for missing facts
    options: tuple = ()  # the allowed values of an enum

    def check(self, path: str, value: object) -> object:
        try:
            return self.coerce(value)
        except (TypeError, ValueError, MoneyError) as exc:
            raise FactTypeError(path, str(exc)) from None


def _dollars(v: object) -> int:
    c = cents(v)
    if c < 0:
        raise ValueError("must not be negative")
    return c


def _signed_dollars(v: object) -> int:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    raise TypeError("must be integer cents")


def _bool(v: object) -> bool:
    if isinstance(v, bool):
        return v
    raise TypeError(f"must be true or false, not {v!r}")


def _int(v: object) -> int:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    raise TypeError(f"must be a whole number, not {v!r}")


def _date(v: object) -> dt.date:
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            raise ValueError(f"{v!r} is not a date (YYYY-MM-DD)") from None
    raise TypeError(f"must be a date (YYYY-MM-DD), not {v!r}")


_TIN = re.compile(r"^(\d{3})-?(\d{2})-?(\d{4})$")


def tin_kind(tin: str) -> str:
    """'ssn', 'itin' (9xx-[50-65,70-88,90-92,94-99]) or 'atin' (9xx-93); IRS TIN structure."""
    m = _TIN.match(tin)
    if not m:
        return "invalid"
    area, group = int(m.group(1)), int(m.group(2))
    if area >= 900:
        if group == 93:
            return "atin"
        if 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or 94 <= group <= 99:
            return "itin"
        return "invalid"
    if area == 0 or area == 666 or group == 0 or int(m.group(3)) == 0:
        return "invalid"
    return "ssn"


def _tin(v: object) -> str:
    if not isinstance(v, str):
        raise TypeError("must be a TIN written as 123-45-6789")
    if tin_kind(v) == "invalid":
        raise ValueError("is not a valid SSN, ITIN or ATIN (123-45-6789)")
    m = _TIN.match(v)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


def enum(*options: str) -> ValueType:
    def coerce(v: object) -> str:
        if v in options:
            return v
        raise ValueError(f"{v!r} is not one of: {', '.join(options)}")

    return ValueType("enum(" + "|".join(options) + ")", coerce, assume=options[0],
                     options=tuple(options))


def _collection(v: object) -> tuple:
    if isinstance(v, list | tuple):
        return tuple(str(x) for x in v)
    raise TypeError("must be a list of item ids")


DOLLARS = ValueType("dollars", _dollars, 0, 0)
SIGNED_DOLLARS = ValueType("dollars", _signed_dollars, 0, 0)
BOOL = ValueType("boolean", _bool, False, False)
INT = ValueType("integer", _int, 0, 0)
DATE = ValueType("date", _date, None, dt.date(1990, 1, 1))
TIN = ValueType("tin", _tin, None, "123-45-6789")
COLLECTION = ValueType("collection", _collection, (), ())
MONTHS = ValueType("months", lambda v: _months(v), 0, 0)


def _months(v: object) -> int:
    n = _int(v)
    if not 0 <= n <= 12:
        raise ValueError("must be between 0 and 12")
    return n


@dataclass(frozen=True)
class Fact:
    """One node of the fact graph."""

    path: str
    type: ValueType
    says: str
    cite: str = ""
    rule: Callable | None = None
    deps: tuple[str, ...] = ()
    placeholder: object = None
    note: Callable | None = None
    lines: dict[str, tuple[str, str]] | None = None  # worksheet line -> (label, money|count|ratio)

    @property
    def writable(self) -> bool:
        return self.rule is None


@dataclass
class Dictionary:
    """All facts, by path pattern; rule modules add to it with ``writable`` and ``derived``."""

    facts: dict[str, Fact] = field(default_factory=dict)

    def writable(self, path: str, type_: ValueType, says: str, placeholder: object = None) -> None:
        self._add(Fact(path, type_, says, placeholder=placeholder))

    def derived(
        self, path: str, type_: ValueType, says: str, cite: str, deps: list[str] | tuple = (),
        note: Callable | None = None, lines: dict[str, tuple[str, str]] | None = None,
    ) -> Callable:
        """Declare a rule. A worksheet passes ``lines``: each line's label and kind, so an
        explanation shows labelled lines instead of a dictionary."""
        def register(fn: Callable) -> Callable:
            self._add(Fact(path, type_, says, cite, fn, tuple(deps), note=note, lines=lines))
            return fn

        return register

    def _add(self, fact: Fact) -> None:
        if fact.path in self.facts:
            raise ValueError(f"fact {fact.path} declared twice")
        self.facts[fact.path] = fact

    def resolve_dep(self, owner: str, dep: str) -> str:
        """A dependency pattern made absolute: './x' is a sibling inside the owner's item."""
        if dep.startswith("./"):
            return owner.rsplit("/", 1)[0] + "/" + dep[2:]
        return dep

    def check_acyclic(self) -> None:
        """Refuse undeclared dependencies and cycles, so every evaluation terminates."""
        state: dict[str, int] = {}

        def visit(path: str, trail: tuple[str, ...]) -> None:
            if state.get(path) == 2:
                return
            if state.get(path) == 1:
                raise ValueError("dependency cycle: " + " -> ".join((*trail, path)))
            state[path] = 1
            fact = self.facts[path]
            for d in fact.deps:
                target = self.resolve_dep(path, d)
                if target not in self.facts:
                    raise ValueError(f"{path} depends on unknown fact {target}")
                visit(target, (*trail, path))
            state[path] = 2

        for p in self.facts:
            visit(p, ())


def _worksheet(v: object) -> dict:
    if isinstance(v, dict):
        return v
    raise TypeError("must be a worksheet (line -> amount)")


def _codes(v: object) -> tuple:
    if isinstance(v, list | tuple) and all(isinstance(x, str) for x in v):
        return tuple(v)
    raise TypeError("must be a list of codes")


WORKSHEET = ValueType("worksheet", _worksheet)
TEXT = ValueType("text", str)
CODES = ValueType("codes", _codes)
