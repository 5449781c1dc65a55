"""Return-document factories for the tax engine tests (pure data, no database)."""

from __future__ import annotations

import copy

_TIN = iter(range(10_000, 99_999))


def ssn() -> str:
    n = next(_TIN)
    return f"{100 + n % 500:03d}-{10 + n % 89:02d}-{1000 + n % 8999:04d}"


def child(dob: str = "2015-06-01", relationship: str = "son", **extra) -> dict:
    return {"tin": ssn(), "dateOfBirth": dob, "relationship": relationship,
            "monthsLivedWithFiler": 12, **extra}


def w2(wages, withholding=0, filer="primary", **extra) -> dict:
    return {"filer": filer, "wages": str(wages), "federalWithholding": str(withholding), **extra}


def make_return(year: int = 2024, status: str = "single", wages=None, withholding=0,
                dependents: list | None = None, primary: dict | None = None,
                spouse: dict | None = None, **extra) -> dict:
    """A valid in-scope return document; pass keyword overrides for anything else."""
    doc = {
        "taxYear": year,
        "filingStatus": status,
        "primaryFiler": {"tin": ssn(), "dateOfBirth": "1985-04-10", **(primary or {})},
        "dependents": copy.deepcopy(dependents or []),
        "formW2s": [w2(wages, withholding)] if wages is not None else [],
    }
    if status == "married_filing_jointly" or spouse is not None:
        doc["secondaryFiler"] = {"tin": ssn(), "dateOfBirth": "1986-09-20", **(spouse or {})}
    if status in ("head_of_household", "qualifying_surviving_spouse"):
        doc["paidOverHalfCostOfHome"] = True
    doc.update(extra)
    return doc
