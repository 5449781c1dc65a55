"""Explanations a person reads: a summary first, worksheets as labelled lines, the Tax Table and
EIC Table rows named, and each fact explained once."""

from __future__ import annotations

import re

import pytest

from civiccx.taxengine import compute, explain

from .factories import child, make_return

pytestmark = pytest.mark.pure


@pytest.fixture
def family():
    """2024 MFJ, $60,000 wages, two children, $1,500 withheld (worked in test_examples.py:
    tax $3,235, CTC $3,235, ACTC $765, EIC $561, refund $2,826)."""
    return compute(make_return(year=2024, status="married_filing_jointly", wages=60_000,
                               withholding=1_500, dependents=[
                                   child("2015-05-05"), child("2018-08-08", "daughter")]))


def test_refund_summary_comes_first(family):
    tree = explain(family.graph, "/refund")
    assert tree.summary_text == (
        "Your refund is $2,826 because your payments and refundable credits ($2,826) are more "
        "than your total tax ($0). Your income tax is $3,235 on taxable income of $30,800 "
        "(adjusted gross income of $60,000 minus the $29,200 standard deduction, not below "
        "zero). The child tax credit and credit for other dependents lower it by $3,235. "
        "$1,500 of federal income tax was withheld from your pay and benefits. You get the "
        "earned income credit: $561. You get the additional child tax credit: $765.")
    assert tree.text().startswith("Your refund is $2,826 because")
    d = tree.as_dict()
    assert [s["code"] for s in d["summarySentences"]] == [
        "refund", "income-tax", "child-credits", "withheld", "eic", "actc"]
    assert d["summarySentences"][0]["params"] == {"refund": "$2,826", "payments": "$2,826",
                                                  "total_tax": "$0"}


def test_amount_owed_summary_and_no_eic_reason():
    """2024 single, $30,000 wages, nothing withheld: tax $1,619 (test_examples.py); no EIC
    because $30,000 is past the no-child phase-out... and at 24 the filer is too young anyway
    (Pub. 596 Rule 11), which the summary says."""
    o = compute(make_return(year=2024, wages=30_000, primary={"dateOfBirth": "2000-06-01"}))
    text = explain(o.graph, "/amountOwed").summary_text
    assert text.startswith("You owe $1,619 because your total tax ($1,619) is more than your "
                           "payments and refundable credits ($0).")
    assert "You do not get the earned income credit: without a qualifying child you must be " \
           "at least 25 and under 65 (Pub. 596 Rule 11)." in text


def test_worksheets_are_labelled_lines(family):
    tree = explain(family.graph, "/refund")
    s8812 = tree.find("/schedule8812")
    assert s8812.value is None
    lines = {ln.line: (ln.label, ln.value) for ln in s8812.lines}
    assert lines["14"] == ("Child tax credit and credit for other dependents: smaller of line 12 "
                           "or line 13", "$3,235.00")
    assert lines["4"] == ("Qualifying children under 17 with an SSN valid for employment", "2")
    assert lines["27"][1] == "$765.00"
    assert list(lines)[:3] == ["1", "3", "4"]          # form order
    ws = tree.find("/eicWorksheetA")
    assert [(ln.line, ln.value) for ln in ws.lines] == [
        ("1", "$60,000.00"), ("2", "$561.00"), ("3", "$60,000.00"), ("6", "$561.00")]
    text = tree.text()
    assert re.search(r"line 14 +\$3,235\.00  Child tax credit and credit for other dependents",
                     text)
    assert "{'" not in text                              # no raw dictionaries
    d = tree.as_dict()
    assert "because" in d and "lines" not in d


def test_eic_table_row_is_named_like_the_tax_table_row(family):
    text = explain(family.graph, "/refund").text()
    assert "2024 Tax Table row 'at least $30,800.00 but less than $30,850.00', married filing " \
           "jointly column" in text
    assert "2024 EIC Table row 'at least $60,000.00 but less than $60,050.00', married filing " \
           "jointly, two children column" in text
    eic = explain(family.graph, "/earnedIncomeCredit")
    assert eic.summary_text.startswith("Your earned income credit is $561, from the line 2: 2024 "
                                       "EIC Table row")


def test_pub596_example_2_names_both_eic_rows():
    """Pub. 596 (2024) Example 2 (Grey): EIC Worksheet A line 2 from earned income $33,030 and
    line 5 from AGI $33,555; both rows are named."""
    doc = make_return(year=2024, status="married_filing_jointly", wages=15_000,
                      dependents=[child("2014-03-01"), child("2016-03-01", "daughter")],
                      forms1099Int=[{"interest": "525"}])
    doc["formW2s"].append({"filer": "secondary", "wages": "18030"})
    rows = compute(doc).value("/eicTableRows")
    assert rows == ("line 2: 2024 EIC Table row 'at least $33,000.00 but less than $33,050.00', "
                    "married filing jointly, two children column; line 5: 2024 EIC Table row "
                    "'at least $33,550.00 but less than $33,600.00', married filing jointly, two "
                    "children column")


def test_each_fact_is_explained_once(family):
    tree = explain(family.graph, "/refund")
    paths = [n.path for n in tree.walk()]
    assert len(paths) == len(set(paths))
    for node in tree.walk():
        for path, _ in node.also:            # a reference to a fact explained elsewhere in the tree
            assert path in paths
    assert sum(len(n.also) for n in tree.walk()) > 10
    assert tree.text().count("filing status you chose: married filing jointly") == 1


def test_items_are_named_and_ssns_masked(family):
    tree = explain(family.graph, "/refund")
    text = tree.text()
    assert "dependent 2: how the dependent is related to you: daughter (your answer)" in text
    tin = family.graph.value("/primaryFiler/tin")
    assert tin not in text and f"***-**-{tin[-4:]}" in text


def test_any_fact_gets_a_one_sentence_summary(family):
    assert explain(family.graph, "/standardDeduction").summary_text == (
        "Standard deduction: $29,200.00 (Form 1040 line 12; IRC 63(c), 63(f); Standard "
        "Deduction Chart / Worksheet for Dependents).")
    assert explain(family.graph, "/tax").summary_text == (
        "Your income tax is $3,235, from the 2024 Tax Table row 'at least $30,800.00 but less "
        "than $30,850.00', married filing jointly column, on taxable income of $30,800.")
