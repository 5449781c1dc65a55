"""The fact graph itself: completeness, what is still needed, explanations, and its DAG."""

from __future__ import annotations

import pytest

from civiccx.taxengine import DICTIONARY, FactGraph, compute, explain
from civiccx.taxengine.facts import BOOL, DOLLARS, Dictionary, FactTypeError
from civiccx.taxengine.graph import COMPLETE, INCOMPLETE, PLACEHOLDER

from .factories import child, make_return

pytestmark = pytest.mark.pure


def test_empty_graph_is_incomplete_and_names_what_is_needed():
    g = FactGraph(DICTIONARY, 2024)
    assert g.get("/refund").status == INCOMPLETE
    needed = g.missing("/refund")
    assert "/filingStatus" in needed and "/formW2s" in needed
    assert "/primaryFiler/dateOfBirth" in needed
    assert g.answers() == {}   # the search leaves no answers behind
    # With no wages the EIC is decided without the SSN; once there are wages it is needed.
    assert "/primaryFiler/tin" not in needed
    g.set("/formW2s", ["w"])
    g.set("/formW2s/w/wages", "9000")
    assert "/primaryFiler/tin" in g.missing("/refund")


def test_placeholders_then_complete():
    g = FactGraph(DICTIONARY, 2024)
    g.set("/filingStatus", "single")
    g.set("/primaryFiler/dateOfBirth", "1990-01-05")
    g.set("/primaryFiler/tin", "123-45-6789")
    g.set("/formW2s", ["a"])
    g.set("/formW2s/a/wages", "30000")
    # Unanswered facts with defaults (blindness, withholding, ...) give a placeholder value.
    r = g.get("/refund")
    assert r.status == PLACEHOLDER
    assert g.get("/taxableIncome").status == PLACEHOLDER     # rests on the blindness default
    assert g.get("/totalWages") .status == COMPLETE
    needed = g.missing("/taxableIncome")
    assert "/primaryFiler/isBlind" in needed
    assert "/formW2s/a/wages" not in needed


def test_short_circuit_reads_only_what_decides():
    """A rule that has decided never asks for more: single filers are never asked about a
    spouse, and a return with no student loan interest skips the worksheet inputs."""
    o = compute(make_return(wages=20_000))
    reads = set(o.graph.reads("/educatorExpenseDeduction"))
    assert "/secondaryFiler/isEligibleEducator" not in reads
    assert o.graph.reads("/studentLoanInterestWorksheet") == ["/studentLoanInterestPaid"]


def test_explain_refund_for_family_with_two_children():
    doc = make_return(year=2024, status="married_filing_jointly", wages=60_000,
                      withholding=1_500, dependents=[child("2015-05-05"),
                                                     child("2018-08-08", "daughter")])
    tree = explain(compute(doc).graph, "/refund")
    text = tree.text()
    assert tree.value == "$2,826.00"
    for path, amount, cite in [
        ("/totalWages", "$60,000.00", "Form 1040 lines 1a and 1z"),
        ("/totalWithholding", "$1,500.00", "Form 1040 line 25d"),
        ("/childTaxCreditNonrefundable", "$3,235.00", "Schedule 8812 line 14"),
        ("/additionalChildTaxCredit", "$765.00", "Schedule 8812 line 27"),
        ("/earnedIncomeCredit", "$561.00", "EIC Worksheet A line 6"),
    ]:
        node = tree.find(path)
        assert node is not None, path
        assert node.value == amount and cite in node.cite
    assert "IRC 32" in text and "IRC 24" in text
    assert "Tax Table row 'at least $30,800.00 but less than $30,850.00'" in text
    assert tree.as_dict()["because"][0]["path"] == "/totalPayments"


def test_type_errors_name_the_fact():
    g = FactGraph(DICTIONARY, 2023)
    with pytest.raises(FactTypeError, match="/filingStatus"):
        g.set("/filingStatus", "married")
    with pytest.raises(FactTypeError, match="/primaryFiler/isBlind"):
        g.set("/primaryFiler/isBlind", "yes")
    with pytest.raises(FactTypeError, match="negative"):
        g.set("/studentLoanInterestPaid", "-1")
    with pytest.raises(FactTypeError, match="two decimals"):
        g.set("/studentLoanInterestPaid", "1.005")
    with pytest.raises(FactTypeError, match="derived"):
        g.set("/refund", 5)


def test_rules_may_read_only_declared_dependencies():
    d = Dictionary()
    d.writable("/a", DOLLARS, "a")
    d.writable("/b", BOOL, "b")

    @d.derived("/c", DOLLARS, "c", "test", ["/a"])
    def _c(f):
        return f("/a") if f("/b") else 0

    d.check_acyclic()
    g = FactGraph(d, 2024)
    g.set("/a", 1)
    g.set("/b", True)
    with pytest.raises(RuntimeError, match="does not declare"):
        g.get("/c")


def test_cycles_are_refused():
    d = Dictionary()

    @d.derived("/x", DOLLARS, "x", "t", ["/y"])
    def _x(f):
        return f("/y")

    @d.derived("/y", DOLLARS, "y", "t", ["/x"])
    def _y(f):
        return f("/x")

    with pytest.raises(ValueError, match="cycle"):
        d.check_acyclic()


def test_every_derived_fact_is_cited_and_described():
    for fact in DICTIONARY.facts.values():
        assert fact.says, fact.path
        if not fact.writable:
            assert fact.cite, fact.path


def test_parameters_cite_their_source():
    from civiccx.taxengine.params import load

    for year, proc in ((2023, "Rev. Proc. 2022-38"), (2024, "Rev. Proc. 2023-34")):
        raw = load(year).raw
        for name, block in raw.items():
            if isinstance(block, dict):
                assert block.get("source"), (year, name)
        assert proc in raw["standard_deduction"]["source"]
        assert proc in raw["eitc"]["source"]
