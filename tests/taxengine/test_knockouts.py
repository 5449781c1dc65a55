"""Knockouts: out-of-scope returns stop with a reason and free alternatives, never a number."""

from __future__ import annotations

import pytest

from civiccx.taxengine import ReturnError, compute
from civiccx.taxengine.knockouts import DOCUMENT_KNOCKOUTS

from .factories import child, make_return

pytestmark = pytest.mark.pure


@pytest.mark.parametrize("key", sorted(DOCUMENT_KNOCKOUTS))
def test_document_knockouts(key):
    o = compute(make_return(wages=20_000, **{key: True}))
    assert o.knocked_out
    ko = o.knockouts[0]
    assert ko.code == DOCUMENT_KNOCKOUTS[key][0]
    assert ko.reason and ko.cite and "irs.gov/freefile" in ko.where_else
    doc = o.document()
    assert doc["status"] == "knockout" and "form1040" not in doc
    with pytest.raises(ValueError, match="knocked out"):
        o.value("/refund")


@pytest.mark.parametrize("year", [2023, 2024])
def test_interest_over_1500_needs_schedule_b(year):
    ok = compute(make_return(year=year, wages=1, forms1099Int=[{"interest": "1500"}]))
    assert not ok.knocked_out
    ko = compute(make_return(year=year, wages=1, forms1099Int=[{"interest": "1500.01"}]))
    assert [k.code for k in ko.knockouts] == ["interest-over-limit"]


def test_head_of_household_without_qualifying_person():
    o = compute(make_return(status="head_of_household", wages=30_000))
    assert [k.code for k in o.knockouts] == ["filing-status"]
    assert "head of household" in o.knockouts[0].reason


def test_qualifying_surviving_spouse_timing():
    base = {"year": 2024, "status": "qualifying_surviving_spouse", "wages": 30_000,
                "dependents": [child("2019-01-09")]}
    assert not compute(make_return(**base, spouseDeathYear=2022)).knocked_out
    assert compute(make_return(**base, spouseDeathYear=2021)).knocked_out
    assert compute(make_return(**base, spouseDeathYear=2024)).knocked_out


def test_dependent_with_unearned_income_needs_form_8615():
    o = compute(make_return(year=2023, wages=1_000,
                            forms1099G=[{"unemployment": "2600"}],
                            primary={"canBeClaimedAsDependent": True,
                                     "dateOfBirth": "2006-05-05"}))
    assert [k.code for k in o.knockouts] == ["form-8615"]


@pytest.mark.parametrize(("mutate", "field", "message"), [
    (lambda d: d.pop("filingStatus"), "filingStatus", "is required"),
    (lambda d: d.update(filingStatus="widowed"), "filingStatus", "is not one of"),
    (lambda d: d["formW2s"][0].update(wages="-100"), "formW2s[0].wages", "negative"),
    (lambda d: d["formW2s"][0].update(wages=True), "formW2s[0].wages", "dollar amount"),
    (lambda d: d["formW2s"][0].update(wages="lots"), "formW2s[0].wages", "not a dollar"),
    (lambda d: d["formW2s"][0].pop("wages"), "formW2s[0].wages", "is required"),
    (lambda d: d["primaryFiler"].update(dateOfBirth="05/05/1990"),
     "primaryFiler.dateOfBirth", "YYYY-MM-DD"),
    (lambda d: d["primaryFiler"].update(tin="000-00-0000"), "primaryFiler.tin", "valid SSN"),
    (lambda d: d["primaryFiler"].update(isBlind="no"), "primaryFiler.isBlind", "true or false"),
    (lambda d: d.update(dependents=[{"tin": "123-45-6789"}]),
     "dependents[0].dateOfBirth", "is required"),
    (lambda d: d.update(dependents=[{**child(), "monthsLivedWithFiler": 13}]),
     "dependents[0].monthsLivedWithFiler", "between 0 and 12"),
    (lambda d: d.update(formW2s={"wages": 1}), "formW2s", "must be a list"),
    (lambda d: d.update(taxYear=2022), "taxYear", "not a supported tax year"),
    (lambda d: d.update(wagez=1), "wagez", "not a known field"),
])
def test_malformed_returns_name_the_field(mutate, field, message):
    doc = make_return(wages=10_000)
    mutate(doc)
    with pytest.raises(ReturnError) as exc:
        compute(doc)
    fields = {e.field: e.message for e in exc.value.errors}
    assert field in fields, exc.value
    assert message in fields[field]


def test_spouse_required_on_joint_return():
    doc = make_return(status="married_filing_jointly", wages=10_000)
    del doc["secondaryFiler"]
    with pytest.raises(ReturnError, match="secondaryFiler: must be an object"):
        compute(doc)
