"""The engine's message catalogue (``catalogue.yaml``): knockouts, findings, validations, and the
free alternatives, each with a stable code, an English template and a citation.

The data lives in one YAML file so the wording is reviewed in one place and an app can translate
every template (``Catalogue.templates``) without hunting for strings in the rules.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Alternative:
    """A free way to file elsewhere."""

    code: str
    name: str
    url: str
    phone: str = ""

    def as_dict(self) -> dict:
        d = {"code": self.code, "name": self.name, "url": self.url}
        if self.phone:
            d["phone"] = self.phone
        return d


@dataclass(frozen=True)
class KnockoutRule:
    """One situation outside Direct File's scope: its code, the fact that decides it, its words."""

    code: str
    when: str
    title: str
    reason: str
    cite: str
    answers: tuple[str, ...]
    doc_key: str = ""
    question: str = ""


@dataclass(frozen=True)
class Template:
    """A finding or validation message: English template, citation, and (validations) severity."""

    code: str
    template: str
    cite: str
    severity: str = ""

    def render(self, params: dict) -> str:
        return render(self.template, params)


@dataclass(frozen=True)
class Catalogue:
    knockouts: tuple[KnockoutRule, ...]
    findings: dict[str, Template]
    validations: dict[str, Template]
    alternatives: tuple[Alternative, ...]
    summaries: dict[str, str]

    def knockout(self, code: str) -> KnockoutRule:
        for rule in self.knockouts:
            if rule.code == code:
                return rule
        raise KeyError(code)

    def templates(self) -> list[str]:
        """Every English template an app has to translate (titles, reasons, findings, checks)."""
        out: list[str] = []
        for rule in self.knockouts:
            out += [rule.title, rule.reason]
        out += [t.template for t in self.findings.values()]
        out += [t.template for t in self.validations.values()]
        out += [a.name for a in self.alternatives]
        out += list(self.summaries.values())
        return out


# Parameters that hold a date. A message's parameters keep it as data (ISO 8601, for the return
# document and any caller); the text writes it out for a reader, never "2025-01-02".
DATE_PARAMS = frozenset({"date"})
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def english_date(day: dt.date) -> str:
    """ "January 2, 2025": the engine's own English text (an app writes dates in the reader's
    language with `written_dates` and its own formatter)."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def written_dates(params: dict, say_date: Callable[[dt.date], str] = english_date) -> dict:
    """`params` with each date parameter written out by `say_date`."""
    out = dict(params)
    for key in DATE_PARAMS & out.keys():
        value = out[key]
        day = dt.date.fromisoformat(value) if isinstance(value, str) else value
        if isinstance(day, dt.date):
            out[key] = say_date(day)
    return out


def render(template: str, params: dict) -> str:
    """Fill a template's {name} placeholders (dates written out in English); a missing
    parameter is a programming error."""
    return template.format(**written_dates(params))


def flagged(value: object) -> bool:
    """A return document's eligibility key counts when it is true or non-empty (a list of
    forms); absent, false, zero and empty mean "no"."""
    return value not in (None, False, 0, "", [], {})


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def load_catalogue() -> Catalogue:
    raw = yaml.safe_load((Path(__file__).parent / "catalogue.yaml").read_text())
    knockouts = tuple(
        KnockoutRule(code=k["code"], when=k["when"], title=k["title"], reason=k["reason"],
                     cite=k["cite"], answers=tuple(k.get("answers") or (k["when"],)),
                     doc_key=k.get("doc_key", ""), question=k.get("question", ""))
        for k in raw["knockouts"])
    codes = [k.code for k in knockouts]
    if len(codes) != len(set(codes)):
        raise ValueError("catalogue.yaml: a knockout code is listed twice")
    answered = [bool(k.doc_key) for k in knockouts]
    if answered != sorted(answered, reverse=True):
        # The batch path keeps one eligibility code per row and checks it first.
        raise ValueError("catalogue.yaml: eligibility knockouts must come before the others")
    findings = {code: Template(code, v["template"], v["cite"])
                for code, v in raw["findings"].items()}
    validations = {code: Template(code, v["template"], v["cite"], v["severity"])
                   for code, v in raw["validations"].items()}
    alternatives = tuple(Alternative(**a) for a in raw["alternatives"])
    return Catalogue(knockouts, findings, validations, alternatives, dict(raw["summaries"]))


CATALOGUE = load_catalogue()
