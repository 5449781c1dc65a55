"""The knockout catalogue: every knockout names its rule, its answers and its citation.

An interview builds a knockout screen from a knockout alone (title, reason, the answers to change,
the citation, the free alternatives), so every knockout the engine can raise is produced here from
a return and checked field by field.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from civiccx.taxengine import DICTIONARY, compute
from civiccx.taxengine.catalogue import CATALOGUE, placeholders
from civiccx.taxengine.facts import BOOL
from civiccx.taxengine.knockouts import DOCUMENT_KNOCKOUTS

from .factories import child, make_return, w2
from .strategies import return_document

pytestmark = pytest.mark.pure


def _two_w2s():
    doc = make_return(wages=90_000)
    doc["formW2s"] = [w2(90_000, socialSecurityTax="6000"), w2(90_000, socialSecurityTax="6000")]
    return doc


# One return per knockout that only the numbers reveal.
EXAMPLES = {
    "head-of-household": make_return(status="head_of_household", wages=30_000,
                                     dependents=[child("2002-01-09", "niece",
                                                       grossIncome="9000")]),
    "qualifying-surviving-spouse": make_return(status="qualifying_surviving_spouse",
                                               wages=30_000, spouseDeathYear=2020,
                                               dependents=[child()]),
    "interest-over-limit": make_return(wages=10_000, forms1099Int=[{"interest": "1600"}]),
    "additional-medicare-tax": make_return(status="married_filing_separately", wages=130_000),
    "additional-medicare-tax-withheld": make_return(
        status="married_filing_jointly", wages=210_000),
    "net-investment-income-tax": make_return(wages=150_000, forms1099Int=[{"interest": "10"}],
                                             forms1099G=[{"unemployment": "60000"}]),
    "excess-social-security-tax": _two_w2s(),
    "form-8615": make_return(wages=100, forms1099Int=[{"interest": "1500"}],
                             forms1099G=[{"unemployment": "2000"}],
                             primary={"dateOfBirth": "2004-02-02",
                                      "canBeClaimedAsDependent": True}),
}
EXAMPLES.update({r.code: make_return(wages=20_000, **{key: True})
                 for key, r in DOCUMENT_KNOCKOUTS.items()})
GENERIC = ("do not meet the rules", "don't meet the rules", "not eligible", "get help")


def test_every_knockout_in_the_catalogue_has_an_example():
    assert sorted(EXAMPLES) == sorted(r.code for r in CATALOGUE.knockouts)


@pytest.mark.parametrize("rule", CATALOGUE.knockouts, ids=lambda r: r.code)
def test_knockout_carries_code_reason_answers_and_citation(rule):
    o = compute(EXAMPLES[rule.code])
    assert o.knockouts[0].code == rule.code, [k.code for k in o.knockouts]
    ko = o.knockouts[0]
    assert ko.title and ko.cite == rule.cite and ko.cite
    assert ko.reason.startswith(ko.template.split("{")[0].strip()[:20])
    assert "{" not in ko.reason and "{" not in ko.title
    assert not any(g in ko.reason.lower() for g in GENERIC)
    # The answers that caused it: concrete paths of writable facts that exist on this return.
    assert ko.facts
    for path in ko.facts:
        fact = o.graph.fact(path)
        assert fact.writable, path
        assert fact.path in rule.answers or fact.path == rule.when, (path, rule.answers)
    for f in ko.findings:
        assert f.code in CATALOGUE.findings and f.text and f.cite
        for r in f.reasons:
            assert r.text and r.cite and r.facts
    d = ko.as_dict()
    assert set(d) == {"code", "title", "reason", "template", "params", "facts", "cite",
                      "findings", "alternatives", "whereElse"}
    assert [a["code"] for a in d["alternatives"]] == ["free-file", "vita-tce", "miltax"]


def test_deciding_facts_are_yes_no_facts_and_answers_are_declared():
    for rule in CATALOGUE.knockouts:
        assert DICTIONARY.facts[rule.when].type is BOOL, rule.code
        for pattern in rule.answers:
            assert pattern in DICTIONARY.facts, (rule.code, pattern)
        if rule.doc_key:
            assert DICTIONARY.facts[rule.when].writable and rule.question


def test_every_template_names_only_parameters_the_engine_fills():
    """Render every finding and validation the examples raise, and check that each template's
    placeholders are a subset of the parameters shipped with it (what an app translates)."""
    raised = []
    for doc in EXAMPLES.values():
        o = compute(doc)
        for ko in o.knockouts:
            assert placeholders(ko.template) <= set(ko.params), ko.code
            for f in ko.findings:
                raised += [f, *f.reasons]
    for f in raised:
        assert placeholders(f.template) <= set(f.params), f.code
    templates = CATALOGUE.templates()
    assert all(isinstance(t, str) and t for t in templates)
    assert CATALOGUE.summaries["refund"] in templates


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(return_document())
def test_every_person_refused_for_head_of_household_gets_a_reason(doc):
    """For any return, a head of household knockout explains every person it lists: each person
    who is not a qualifying person has at least one failed test (Pub. 501 Table 4) in words."""
    doc = {k: v for k, v in doc.items() if k not in DOCUMENT_KNOCKOUTS}
    doc["filingStatus"] = "head_of_household"
    doc["formW2s"] = [w for w in doc["formW2s"] if w["filer"] == "primary"]
    o = compute(doc)
    ko = [k for k in o.knockouts if k.code == "head-of-household"]
    if not ko:
        return
    g = o.graph
    refused = [f"/dependents/{i}" for i in g.items("/dependents")]
    subjects = [f.subject for f in ko[0].findings]
    if [f.code for f in ko[0].findings] not in (["hoh-no-one-listed"],
                                                ["hoh-home-cost-everyone"]):
        assert subjects == refused
    for f in ko[0].findings:
        assert "{" not in f.text
        if f.code == "hoh-not-qualifying-person":
            assert f.reasons and all(r.facts for r in f.reasons)
