"""Hypothesis strategies for valid return documents, covering every rule's branches."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from civiccx.taxengine.knockouts import DOCUMENT_KNOCKOUTS
from civiccx.taxengine.money import cents, fmt
from civiccx.taxengine.params import FILING_STATUSES
from civiccx.taxengine.rules.answers import RELATIONSHIP

RELATIONSHIPS = RELATIONSHIP.options


def money(max_dollars: int, cents: bool = True) -> st.SearchStrategy[str]:
    """Dollar strings, weighted toward small amounts and whole dollars."""
    whole = st.one_of(st.just(0), st.integers(0, 3_000), st.integers(0, max_dollars))
    if not cents:
        return whole.map(str)
    return st.one_of(whole.map(str), st.integers(0, max_dollars * 100).map(fmt))


def birth_date(year: int, min_age: int, max_age: int) -> st.SearchStrategy[str]:
    return st.builds(
        lambda age, doy: (dt.date(year - age, 1, 1) + dt.timedelta(days=doy)).isoformat(),
        st.integers(min_age, max_age), st.integers(0, 364))


def ssn_like() -> st.SearchStrategy[str]:
    ssn = st.builds(lambda a, g, s: f"{a:03d}-{g:02d}-{s:04d}",
                    st.integers(1, 665), st.integers(1, 99), st.integers(1, 9999))
    itin = st.builds(lambda a, g, s: f"{a:03d}-{g:02d}-{s:04d}",
                     st.integers(900, 999), st.sampled_from([70, 88, 93]), st.integers(1, 9999))
    return st.one_of(ssn, ssn, ssn, itin)


@st.composite
def dependent(draw, year: int) -> dict:
    return {
        "tin": draw(ssn_like()),
        "dateOfBirth": draw(birth_date(year, 0, 80)),
        "relationship": draw(st.sampled_from(RELATIONSHIPS)),
        "monthsLivedWithFiler": draw(st.integers(0, 12)),
        "fullTimeStudent": draw(st.booleans()),
        "permanentlyDisabled": draw(st.sampled_from([False, False, False, True])),
        "filesJointReturn": draw(st.sampled_from([False, False, False, True])),
        "providedOverHalfOwnSupport": draw(st.sampled_from([False, False, True])),
        "filerProvidedOverHalfSupport": draw(st.sampled_from([True, True, False])),
        "grossIncome": draw(money(8_000, cents=False)),
        "usCitizenOrResident": draw(st.sampled_from([True, True, True, False])),
        "ssnValidForEmployment": draw(st.sampled_from([True, True, True, False])),
        "paidOverHalfCostOfParentsHome": draw(st.booleans()),
    }


@st.composite
def w2(draw, filers: list[str]) -> dict:
    """A W-2: box 5 sometimes left out (taken as box 1), sometimes above box 1 (pre-tax
    deferrals) or past the Additional Medicare Tax thresholds; box 4 sometimes near the year's
    maximum, so two W-2s can withhold too much Social Security tax."""
    wage = draw(st.one_of(money(30_000), money(60_000), money(250_000),
                          money(500_000, cents=False)))
    item = {"filer": draw(st.sampled_from(filers)), "wages": wage,
            "federalWithholding": draw(money(8_000)),
            "socialSecurityTax": draw(st.one_of(money(3_000), money(11_000))),
            "medicareTax": draw(money(800))}
    box5 = draw(st.sampled_from(["absent", "same", "more", "big"]))
    if box5 == "same":
        item["medicareWages"] = wage
    elif box5 == "more":
        item["medicareWages"] = fmt(cents(wage) + draw(st.integers(0, 2_300_000)))
    elif box5 == "big":
        item["medicareWages"] = draw(money(300_000, cents=False))
    if draw(st.booleans()):
        item["socialSecurityWages"] = draw(money(170_000))
    return item


@st.composite
def typical_child(draw, year: int) -> dict:
    """A son or daughter under 19 who lived with the filer all year: the common case."""
    return {
        "tin": draw(st.builds(lambda a, g, s: f"{a:03d}-{g:02d}-{s:04d}",
                              st.integers(1, 665), st.integers(1, 99), st.integers(1, 9999))),
        "dateOfBirth": draw(birth_date(year, 0, 18)),
        "relationship": draw(st.sampled_from(["son", "daughter", "stepchild", "grandchild"])),
        "monthsLivedWithFiler": draw(st.sampled_from([12, 12, 12, 7, 6])),
    }


@st.composite
def filer(draw, year: int) -> dict:
    return {
        "tin": draw(ssn_like()),
        "dateOfBirth": draw(birth_date(year, 16, 90)),
        "isBlind": draw(st.sampled_from([False, False, False, True])),
        "canBeClaimedAsDependent": draw(st.sampled_from([False, False, False, False, True])),
        "ssnValidForEmployment": draw(st.sampled_from([True, True, True, False])),
        "isEligibleEducator": draw(st.sampled_from([False, False, True])),
        "educatorExpenses": draw(money(600)),
    }


@st.composite
def return_document(draw) -> dict:
    year = draw(st.sampled_from([2023, 2024]))
    status = draw(st.sampled_from(FILING_STATUSES))
    doc = {"taxYear": year, "filingStatus": status, "primaryFiler": draw(filer(year))}
    if status == "married_filing_jointly" or draw(st.booleans()):
        doc["secondaryFiler"] = draw(filer(year))
    filers = ["primary", "secondary"] if status == "married_filing_jointly" else ["primary"]
    doc["formW2s"] = draw(st.lists(w2(filers), max_size=3))
    doc["dependents"] = draw(st.lists(st.one_of(typical_child(year), typical_child(year),
                                                dependent(year)), max_size=5))
    doc["formsSsa1099"] = draw(st.lists(st.builds(
        lambda b, w: {"netBenefits": b, "federalWithholding": w},
        money(40_000), money(2_000)), max_size=2))
    doc["forms1099G"] = draw(st.lists(st.builds(
        lambda u, w: {"unemployment": u, "federalWithholding": w},
        money(15_000), money(1_500)), max_size=1))
    doc["forms1099Int"] = draw(st.lists(st.builds(
        lambda i, te, w: {"interest": i, "taxExemptInterest": te, "federalWithholding": w},
        money(900), st.one_of(st.just("0"), money(14_000)), money(100)), max_size=2))
    doc["studentLoanInterestPaid"] = draw(money(3_000))
    doc["livedWithSpouseAnyTimeInYear"] = draw(st.booleans())
    doc["livedApartFromSpouseLast6Months"] = draw(st.booleans())
    doc["paidOverHalfCostOfHome"] = draw(st.sampled_from([True, True, True, False]))
    doc["livedInUsOverHalfYear"] = draw(st.sampled_from([True, True, True, False]))
    doc["spouseDeathYear"] = draw(st.sampled_from([year - 1, year - 2, year - 3, 0]))
    if draw(st.sampled_from([False] * 40 + [True])):
        doc[draw(st.sampled_from(sorted(DOCUMENT_KNOCKOUTS)))] = True
    return doc
