"""Knockouts: out-of-scope returns stop with a reason and free alternatives, never a number."""

from __future__ import annotations

import pytest

from civiccx.taxengine import ReturnError, compute
from civiccx.taxengine.knockouts import DOCUMENT_KNOCKOUTS

from .factories import child, make_return

pytestmark = pytest.mark.pure


@pytest.mark.parametrize("key", sorted(DOCUMENT_KNOCKOUTS))
def test_document_knockouts(key):
    """Each eligibility answer knocks the return out with its own code, reason, citation and the
    answer to change; no number is exposed."""
    rule = DOCUMENT_KNOCKOUTS[key]
    o = compute(make_return(wages=20_000, **{key: True}))
    assert o.knocked_out
    ko = o.knockouts[0]
    assert ko.code == rule.code
    assert ko.reason == rule.reason and ko.cite == rule.cite and ko.title
    assert ko.facts == (rule.when,)
    assert o.graph.fact(rule.when).writable
    assert [a.code for a in ko.alternatives] == ["free-file", "vita-tce", "miltax"]
    assert "irs.gov/freefile" in ko.where_else
    doc = o.document()
    assert doc["status"] == "knockout" and "form1040" not in doc
    assert doc["knockouts"][0]["facts"] == [rule.when]
    with pytest.raises(ValueError, match="knocked out"):
        o.value("/refund")
    # A list of forms counts like true; an empty list or false does not.
    assert compute(make_return(wages=20_000, **{key: [{"x": 1}]})).knocked_out
    assert not compute(make_return(wages=20_000, **{key: []})).knocked_out
    assert not compute(make_return(wages=20_000, **{key: False})).knocked_out


@pytest.mark.parametrize("year", [2023, 2024])
def test_interest_over_1500_needs_schedule_b(year):
    ok = compute(make_return(year=year, wages=1, forms1099Int=[{"interest": "1500"}]))
    assert not ok.knocked_out
    ko = compute(make_return(year=year, wages=1, forms1099Int=[{"interest": "1000"},
                                                              {"interest": "500.01"}]))
    assert [k.code for k in ko.knockouts] == ["interest-over-limit"]
    assert ko.knockouts[0].reason.startswith(
        "Your taxable interest is $1,500.01, more than $1,500.")
    assert ko.knockouts[0].title == "Interest over $1,500"
    assert ko.knockouts[0].facts == ("/forms1099Int/0/interest", "/forms1099Int/1/interest")


def test_head_of_household_without_anyone_listed():
    """IRC 2(b)(1): head of household needs a qualifying person; the reason says so."""
    o = compute(make_return(status="head_of_household", wages=30_000))
    assert [k.code for k in o.knockouts] == ["head-of-household"]
    ko = o.knockouts[0]
    assert [f.code for f in ko.findings] == ["hoh-no-one-listed"]
    assert "did not list anyone" in ko.reason
    assert ko.facts == ("/filingStatus", "/dependents")


def test_qualifying_surviving_spouse_timing():
    """IRC 2(a)(1)(A): the two years after the year the spouse died."""
    base = {"year": 2024, "status": "qualifying_surviving_spouse", "wages": 30_000,
                "dependents": [child("2019-01-09")]}
    assert not compute(make_return(**base, spouseDeathYear=2022)).knocked_out
    for died in (2021, 2024):
        ko = compute(make_return(**base, spouseDeathYear=died)).knockouts
        assert [k.code for k in ko] == ["qualifying-surviving-spouse"]
        assert [f.code for f in ko[0].findings] == ["qss-death-year"]
        assert f"a spouse who died in 2022 or 2023. You answered {died}." in ko[0].reason
        assert ko[0].facts == ("/filingStatus", "/spouseDeathYear")


def test_qualifying_surviving_spouse_needs_a_child_all_year_and_the_home():
    """IRC 2(a)(1)(B): a son, daughter or stepchild you can claim lived with you all year, in a
    home whose cost you paid more than half of. Each failed test is its own finding."""
    doc = make_return(status="qualifying_surviving_spouse", wages=30_000, spouseDeathYear=2023,
                      dependents=[child("2019-01-09", monthsLivedWithFiler=11)],
                      paidOverHalfCostOfHome=False)
    ko = compute(doc).knockouts[0]
    assert [f.code for f in ko.findings] == ["qss-home-cost", "qss-child"]
    assert "/dependents/0/monthsLivedWithFiler" in ko.facts
    assert "/paidOverHalfCostOfHome" in ko.facts


def test_dependent_with_unearned_income_needs_form_8615():
    o = compute(make_return(year=2023, wages=1_000,
                            forms1099G=[{"unemployment": "2600"}],
                            primary={"canBeClaimedAsDependent": True,
                                     "dateOfBirth": "2006-05-05"}))
    assert [k.code for k in o.knockouts] == ["form-8615"]
    ko = o.knockouts[0]
    assert "your unearned income ($2,600) is more than $2,500" in ko.reason
    assert "/forms1099G/0/unemployment" in ko.facts


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
