"""Conditions on facts, as data: the flow declares them and the interview evaluates them.

Each condition names the fact paths it reads (`paths`) and can list its own branches, so the
completeness test can check that generated answer paths take every branch at least once.
Paths may hold `*`, meaning "this item" of the loop the screen belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Facts(Protocol):
    def answer(self, path: str) -> object: ...
    def derived(self, path: str) -> object: ...


def _concrete(path: str, item: str | None) -> str:
    return path.replace("*", item) if item and "*" in path else path


@dataclass(frozen=True)
class Condition:
    def holds(self, facts: Facts, item: str | None = None) -> bool:  # pragma: no cover
        raise NotImplementedError

    def label(self) -> str:  # pragma: no cover
        raise NotImplementedError


@dataclass(frozen=True)
class Is(Condition):
    """An answer equals one of the values."""

    path: str
    values: tuple

    def holds(self, facts, item=None):
        return facts.answer(_concrete(self.path, item)) in self.values

    def label(self):
        return f"{self.path} in {'|'.join(map(str, self.values))}"


@dataclass(frozen=True)
class Yes(Condition):
    path: str

    def holds(self, facts, item=None):
        return facts.answer(_concrete(self.path, item)) is True

    def label(self):
        return f"{self.path} is yes"


@dataclass(frozen=True)
class Positive(Condition):
    """A derived amount (from the fact graph) is above zero; false while it is unknown."""

    path: str

    def holds(self, facts, item=None):
        value = facts.derived(self.path)
        return isinstance(value, int) and value > 0

    def label(self):
        return f"{self.path} > 0"


@dataclass(frozen=True)
class All(Condition):
    parts: tuple[Condition, ...]

    def holds(self, facts, item=None):
        return all(p.holds(facts, item) for p in self.parts)

    def label(self):
        return " and ".join(p.label() for p in self.parts)


def is_(path: str, *values) -> Is:
    return Is(path, tuple(values))
