"""Taxes Direct File does not compute are knocked out, never left out of the numbers.

Additional Medicare Tax (IRC 3101(b)(2), Form 8959): 0.9% of Medicare wages (W-2 box 5) over
$250,000 married filing jointly, $125,000 married filing separately and $200,000 for single, head
of household and qualifying surviving spouse (Form 8959 line 5). Form 8959 is also needed when one
W-2 shows more than $200,000 of Medicare wages, because the employer then withheld the tax
(IRC 3102(f)(1); Instructions for Form 8959, Who Must File; Part V).
Net investment income tax (IRC 1411, Form 8960): 3.8% of the smaller of net investment income and
modified AGI over $250,000 married filing jointly or qualifying surviving spouse, $125,000 married
filing separately, $200,000 otherwise. Excess Social Security tax withheld by two or more employers
is a credit on Schedule 3 line 11 (IRC 31(b)).
"""

from __future__ import annotations

import pytest

from civiccx.taxengine import DICTIONARY, FactGraph, compute
from civiccx.taxengine.params import load

from .factories import child, make_return, w2
from .test_batch_equivalence import assert_batch_equals_graph

pytestmark = pytest.mark.pure

YEARS = [2023, 2024]


def codes(doc) -> list[str]:
    return [k.code for k in compute(doc).knockouts]


def test_the_reported_case_no_longer_gets_a_refund_1350_too_high():
    """Issue 12: a single filer with $350,000 of wages got a refund $1,350 too high, the
    Additional Medicare Tax (0.9% x $150,000) it left out. Now the return is refused and says so.
    """
    o = compute(make_return(year=2024, wages=350_000, withholding=90_000))
    assert o.knocked_out
    with pytest.raises(ValueError, match="knocked out"):
        o.value("/refund")
    ko = o.knockouts[0]
    assert ko.code == "additional-medicare-tax"
    assert ko.reason == (
        "Your Medicare wages (W-2 box 5) add up to $350,000, more than the $200,000 threshold "
        "for your filing status (single). You owe the 0.9% Additional Medicare Tax on the "
        "amount over it ($1,350), figured on Form 8959, which Direct File does not prepare.")
    assert ko.facts == ("/formW2s/0/medicareWages", "/filingStatus")
    assert ko.cite == "IRC 3101(b)(2); Form 8959, Part I"


def _joint(year, primary_wages, spouse_wages, **kw):
    doc = make_return(year=year, status="married_filing_jointly", wages=primary_wages, **kw)
    doc["formW2s"].append(w2(spouse_wages, filer="secondary"))
    return doc


@pytest.mark.parametrize("year", YEARS)
def test_additional_medicare_tax_thresholds_by_filing_status(year):
    """Form 8959 line 5, at the threshold and one cent over, for every filing status."""
    hoh = {"status": "head_of_household", "dependents": [child()]}
    qss = {"status": "qualifying_surviving_spouse", "dependents": [child()],
           "spouseDeathYear": year - 1}
    for kw in ({"status": "single"}, hoh, qss):
        assert codes(make_return(year=year, wages="200000", **kw)) == []
        assert codes(make_return(year=year, wages="200000.01", **kw)) == [
            "additional-medicare-tax", "additional-medicare-tax-withheld"]
    mfs = {"status": "married_filing_separately"}
    assert codes(make_return(year=year, wages="125000", **mfs)) == []
    assert codes(make_return(year=year, wages="125000.01", **mfs)) == ["additional-medicare-tax"]
    assert codes(_joint(year, "125000", "125000")) == []
    assert codes(_joint(year, "125000", "125000.01")) == ["additional-medicare-tax"]


@pytest.mark.parametrize("year", YEARS)
def test_one_employer_over_200000_on_a_joint_return_under_250000(year):
    """No Additional Medicare Tax is owed ($200,000.01 < $250,000), but the employer withheld it
    on the wages over $200,000 (IRC 3102(f)(1)); Form 8959 Part V gives it back."""
    ko = compute(_joint(year, "200000.01", "0.01")).knockouts
    assert [k.code for k in ko] == ["additional-medicare-tax-withheld"]
    assert ko[0].reason.startswith("One W-2 shows $200,000.01 of Medicare wages (box 5), more "
                                   "than $200,000 from a single employer")
    assert ko[0].facts == ("/formW2s/0/medicareWages",)


@pytest.mark.parametrize("year", YEARS)
def test_box_5_decides_not_box_1(year):
    """Form 8959 line 1 is W-2 box 5. Pre-tax retirement deferrals lower box 1 but not box 5."""
    deferral = make_return(year=year, wages=190_000)
    deferral["formW2s"][0]["medicareWages"] = "210000"
    assert codes(deferral)[0] == "additional-medicare-tax"
    doc = make_return(year=year, wages=210_000)
    doc["formW2s"][0]["medicareWages"] = "195000"
    assert codes(doc) == []
    # Left out of a document, box 5 is taken to equal box 1.
    assert codes(make_return(year=year, wages=210_000))[0] == "additional-medicare-tax"


def test_an_interview_must_ask_box_5():
    """Box 5 has no default in the fact graph: until it is answered, scope is undecided and the
    graph names it among the answers still needed."""
    g = FactGraph(DICTIONARY, 2024)
    g.set("/filingStatus", "single")
    g.set("/formW2s", ["a"])
    g.set("/formW2s/a/wages", "50000")
    assert g.get("/owesAdditionalMedicareTax").status == "incomplete"
    assert "/formW2s/a/medicareWages" in g.missing("/knockouts")
    g.set("/formW2s/a/medicareWages", "50000")
    assert g.get("/owesAdditionalMedicareTax").complete
    assert g.value("/owesAdditionalMedicareTax") is False


@pytest.mark.parametrize("year", YEARS)
def test_net_investment_income_tax(year):
    """Form 8960: any interest with modified AGI over the threshold. The qualifying surviving
    spouse threshold is $250,000 here (IRC 1411(b)(1)) but $200,000 for the Additional Medicare
    Tax (IRC 3101(b)(2)(C)); AGI past it comes from unemployment to stay under box 5 limits."""
    def doc(status, interest, **kw):
        return make_return(year=year, status=status, wages=190_000,
                           forms1099G=[{"unemployment": "50000"}],
                           forms1099Int=[{"interest": interest}], **kw)

    hoh = {"dependents": [child()]}
    assert codes(doc("head_of_household", "100", **hoh)) == ["net-investment-income-tax"]
    assert codes(doc("head_of_household", "0", **hoh)) == []
    assert codes(doc("qualifying_surviving_spouse", "100", spouseDeathYear=year - 1,
                     **hoh)) == []
    ko = compute(doc("single", "100")).knockouts[0]
    assert ko.reason.startswith(
        "Your adjusted gross income is $240,100, more than the $200,000 threshold for your "
        "filing status (single), and you have $100 of taxable interest.")
    assert "/forms1099Int/0/interest" in ko.facts
    mfs = make_return(year=year, status="married_filing_separately", wages=100_000,
                      forms1099G=[{"unemployment": "25000"}],
                      forms1099Int=[{"interest": "0.01"}])
    assert codes(mfs) == ["net-investment-income-tax"]


@pytest.mark.parametrize("year", YEARS)
def test_excess_social_security_tax_from_two_employers(year):
    """Form 1040 instructions (Schedule 3 line 11): more than one employer and total Social
    Security tax over the year's maximum (6.2% x $160,200 = $9,932.40 in 2023; x $168,600 =
    $10,453.20 in 2024). One employer's over-withholding is not a credit (it refunds it), and two
    spouses are never added together."""
    top = load(year).ss_tax_max
    half = f"{top / 200:.2f}"
    over = f"{top / 200 + 0.01:.2f}"
    doc = make_return(year=year, wages=90_000)
    doc["formW2s"] = [w2(90_000, socialSecurityTax=half), w2(90_000, socialSecurityTax=over)]
    ko = compute(doc).knockouts
    assert [k.code for k in ko] == ["excess-social-security-tax"]
    assert ko[0].facts == ("/formW2s/0/socialSecurityTax", "/formW2s/1/socialSecurityTax")
    assert f"more than the ${top / 100:,.2f} most for {year}" in ko[0].reason
    doc["formW2s"][1]["socialSecurityTax"] = half
    assert codes(doc) == []
    joint = _joint(year, 90_000, 90_000)
    joint["formW2s"][0]["socialSecurityTax"] = over
    joint["formW2s"][1]["socialSecurityTax"] = over
    assert codes(joint) == []
    joint["formW2s"].append(w2(10_000, filer="secondary", socialSecurityTax=over))
    assert "your spouse's pay" in compute(joint).knockouts[0].reason


def test_batch_path_agrees():
    docs = []
    for year in YEARS:
        docs += [make_return(year=year, wages="200000.01"), _joint(year, "200000.01", "0.01"),
                 _joint(year, "125000", "125000.01"),
                 make_return(year=year, status="married_filing_separately", wages="125000.01"),
                 make_return(year=year, wages=190_000, forms1099G=[{"unemployment": "50000"}],
                             forms1099Int=[{"interest": "100"}])]
        deferral = make_return(year=year, wages=190_000)
        deferral["formW2s"][0]["medicareWages"] = "210000"
        two = make_return(year=year, wages=90_000)
        two["formW2s"].append(w2(90_000, socialSecurityTax="9000"))
        two["formW2s"][0]["socialSecurityTax"] = "5580"
        docs += [deferral, two]
    assert all(compute(d).knocked_out for d in docs)
    in_scope = [make_return(year=2024, wages="200000"), _joint(2024, "125000", "125000")]
    assert not any(compute(d).knocked_out for d in in_scope)
    assert_batch_equals_graph(docs + in_scope)
