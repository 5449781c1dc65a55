"""Validation messages on answers: what a filer is told beside the field, in plain words."""

from __future__ import annotations

import pytest

from civiccx.taxengine import DICTIONARY, FactGraph, compute
from civiccx.taxengine.params import load
from civiccx.taxengine.validation import validate

from .factories import child, make_return, w2

pytestmark = pytest.mark.pure

YEARS = [2023, 2024]


def issues(doc) -> list[tuple[str, str, str]]:
    return [(i.code, i.severity, i.field) for i in compute(doc).issues]


def with_w2(year=2024, **boxes):
    doc = make_return(year=year, wages=None)
    doc["formW2s"] = [w2(boxes.pop("wages", 50_000), **boxes)]
    return doc


def test_boxes_left_out_of_a_document_are_not_questioned():
    """A document without boxes 3, 4, 5 or 6 gets no warnings: the loader's defaults are not the
    filer's answers."""
    assert issues(make_return(wages=50_000)) == []


def test_withholding_more_than_wages_is_an_error():
    doc = with_w2(wages="20000", federalWithholding="20000.01")
    assert issues(doc) == [("w2-withholding-over-wages", "error", "/formW2s/0/federalWithholding")]
    text = compute(doc).issues[0].text
    assert text.startswith("Federal income tax withheld (box 2) of $20,000.01 is more than "
                           "wages (box 1) of $20,000.")
    assert issues(with_w2(wages="20000", federalWithholding="20000")) == []


@pytest.mark.parametrize(("year", "base", "max_tax"), [(2023, "160200", "9932.40"),
                                                       (2024, "168600", "10453.20")])
def test_social_security_wage_base_and_maximum_tax(year, base, max_tax):
    """Box 3 can't exceed the year's contribution and benefit base (SSA: $160,200 for 2023,
    $168,600 for 2024), and one employer withholds at most 6.2% of it (IRC 3101(a))."""
    assert load(year).ss_wage_base == int(base) * 100
    at = with_w2(year, wages=200_000, socialSecurityWages=base, socialSecurityTax=max_tax,
                 medicareWages="190000", medicareTax="2755")
    assert issues(at) == []
    over = with_w2(year, wages=200_000, socialSecurityWages=f"{int(base)}.01",
                   socialSecurityTax=f"{float(max_tax) + 0.01:.2f}", medicareWages="190000",
                   medicareTax="2755")
    assert issues(over) == [("w2-ss-wages-over-base", "error", "/formW2s/0/socialSecurityWages"),
                            ("w2-ss-tax-over-max", "error", "/formW2s/0/socialSecurityTax")]
    texts = [i.text for i in compute(over).issues]
    assert f"more than the {year} limit of ${int(base):,}" in texts[0]
    assert f"more than the ${float(max_tax):,.2f} one employer can withhold for {year}" in texts[1]


def test_social_security_tax_about_6_2_percent_of_box_3():
    """Box 4 is 6.2% of box 3 (IRC 3101(a)); per-paycheck rounding stays within $1."""
    assert issues(with_w2(socialSecurityWages="50000", socialSecurityTax="3100.99")) == []
    assert issues(with_w2(socialSecurityWages="50000", socialSecurityTax="3099")) == []
    doc = with_w2(socialSecurityWages="50000", socialSecurityTax="310")
    assert issues(doc) == [("w2-ss-tax-rate", "warning", "/formW2s/0/socialSecurityTax")]
    assert "usually 6.2% of Social Security wages (box 3): $3,100 for $50,000, but box 4 shows " \
           "$310" in compute(doc).issues[0].text


def test_medicare_tax_about_1_45_percent_of_box_5():
    assert issues(with_w2(medicareWages="50000", medicareTax="725")) == []
    doc = with_w2(medicareWages="50000", medicareTax="72.50")
    assert issues(doc) == [("w2-medicare-tax-rate", "warning", "/formW2s/0/medicareTax")]


def test_the_same_ssn_twice_is_an_error():
    doc = make_return(wages=30_000, status="head_of_household", dependents=[child()])
    doc["dependents"][0]["tin"] = doc["primaryFiler"]["tin"]
    found = compute(doc).issues
    assert [(i.code, i.field) for i in found] == [("duplicate-tin", "/dependents/0/tin")]
    assert found[0].text == (f"The number ending in {doc['primaryFiler']['tin'][-4:]} is already "
                             "on this return for you. Each person's SSN or ITIN can appear only "
                             "once.")
    twins = make_return(wages=30_000, dependents=[child(), child(relationship="daughter")])
    twins["dependents"][1]["tin"] = twins["dependents"][0]["tin"]
    assert "for your son (dependent 1)" in compute(twins).issues[0].text


@pytest.mark.parametrize("year", YEARS)
def test_dependent_born_after_the_tax_year(year):
    doc = make_return(year=year, wages=30_000, dependents=[child(f"{year + 1}-01-02")])
    found = compute(doc).issues
    assert [(i.code, i.field) for i in found] == [("born-after-tax-year",
                                                  "/dependents/0/dateOfBirth")]
    assert found[0].text.startswith(f"Your son (dependent 1) was born on January 2, {year + 1}, "
                                    f"after the end of {year}.")
    assert found[0].params["date"] == f"{year + 1}-01-02"  # data for the caller, not words


def test_validation_works_on_an_interview_graph_and_never_blocks():
    """An interview validates the answers given so far; unanswered boxes are not checked."""
    g = FactGraph(DICTIONARY, 2024)
    g.set("/formW2s", ["w1"])
    g.set("/formW2s/w1/wages", "1000")
    assert validate(g) == []
    g.set("/formW2s/w1/federalWithholding", "1200")
    assert [(i.code, i.field) for i in validate(g)] == [
        ("w2-withholding-over-wages", "/formW2s/w1/federalWithholding")]
    o = compute(with_w2(wages="20000", federalWithholding="20000.01"))
    assert not o.knocked_out and o.value("/refund") > 0
    assert o.document()["issues"][0]["code"] == "w2-withholding-over-wages"
