"""Each app registers how to list a signed-in person's own records (returns, callbacks,
appointments) so "My records" shows them side by side without depending on the apps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PersonalRecord:
    kind: str
    title: str
    status: str
    when: datetime
    url: str


_SOURCES: list[Callable[[object], list[PersonalRecord]]] = []


def register_personal_records(source: Callable[[object], list[PersonalRecord]]) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def records_for(user) -> list[PersonalRecord]:
    out: list[PersonalRecord] = []
    for source in _SOURCES:
        out += source(user)
    return sorted(out, key=lambda r: r.when, reverse=True)
