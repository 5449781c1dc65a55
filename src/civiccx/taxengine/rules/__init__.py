"""The rules of the return, one module per part of Form 1040; ``DICTIONARY`` holds them all."""

from __future__ import annotations

from civiccx.taxengine.facts import Dictionary
from civiccx.taxengine.rules import (
    answers,
    credits,
    deductions,
    dependents,
    eitc,
    filing_status,
    income,
    payments,
    scope,
    tax,
)


def build() -> Dictionary:
    d = Dictionary()
    for module in (answers, filing_status, dependents, income, deductions, tax, credits, eitc,
                   payments, scope):
        module.declare(d)
    d.check_acyclic()
    return d


DICTIONARY = build()
