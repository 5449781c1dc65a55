"""The vectorized batch path equals the fact graph on every record (property-based)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civiccx.taxengine import compute
from civiccx.taxengine.batch import compute_table, document_to_row, rows_to_table
from civiccx.taxengine.params import load
from civiccx.taxengine.tables import eic_from_table, tax_from_table

from .strategies import return_document

pytestmark = pytest.mark.pure

GRAPH_PATHS = {
    "total_income": "/totalIncome", "taxable_social_security": "/taxableSocialSecurity",
    "educator_deduction": "/educatorExpenseDeduction",
    "student_loan_deduction": "/studentLoanInterestDeduction",
    "adjustments": "/adjustmentsToIncome", "agi": "/adjustedGrossIncome",
    "standard_deduction": "/standardDeduction", "taxable_income": "/taxableIncome",
    "tax": "/tax", "ctc_nonrefundable": "/childTaxCreditNonrefundable",
    "actc": "/additionalChildTaxCredit", "eitc": "/earnedIncomeCredit",
    "total_tax": "/totalTax", "total_payments": "/totalPayments", "refund": "/refund",
    "amount_owed": "/amountOwed", "n_ctc_children": "/numberOfCtcChildren",
    "n_other_dependents": "/numberOfOtherDependents", "n_eitc_children": "/numberOfEitcChildren",
}


def graph_row(doc: dict) -> dict:
    o = compute(doc)
    if o.knocked_out:
        return {"status": "knockout", "knockout": o.knockouts[0].code,
                **dict.fromkeys(GRAPH_PATHS, 0)}
    return {"status": "ok", "knockout": "",
            **{col: o.value(path) for col, path in GRAPH_PATHS.items()}}


def assert_batch_equals_graph(docs: list[dict]) -> None:
    batch = compute_table(rows_to_table(document_to_row(d) for d in docs)).to_pylist()
    for doc, got in zip(docs, batch, strict=True):
        assert got == graph_row(doc), doc


@pytest.mark.slow  # ~12 s: 150 generated batches; the realistic households below stay quick
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(return_document(), min_size=1, max_size=12))
def test_batch_equals_graph_on_every_record(docs):
    assert_batch_equals_graph(docs)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([2023, 2024]), st.integers(0, 5),
       st.sampled_from(["single", "married_filing_jointly", "married_filing_separately",
                        "head_of_household", "qualifying_surviving_spouse"]),
       st.lists(st.integers(0, 30_000_000), min_size=1, max_size=50))
def test_vectorized_tables_equal_scalar_tables(year, _, status, incomes):
    import numpy as np

    from civiccx.taxengine.batch import eic_from_table_v, tax_from_table_v
    from civiccx.taxengine.params import FILING_STATUSES

    p = load(year)
    x = np.array(incomes, dtype=np.int64)
    s = np.full(len(x), FILING_STATUSES.index(status))
    assert tax_from_table_v(x, s, p).tolist() == [tax_from_table(v, status, p) for v in incomes]
    for n in range(4):
        for joint in (False, True):
            got = eic_from_table_v(x, np.full(len(x), n), np.full(len(x), joint), p).tolist()
            assert got == [eic_from_table(v, n, joint, p) for v in incomes]


@pytest.mark.parametrize("year", [2023, 2024])
def test_batch_equals_graph_on_realistic_households(year):
    """The Tax-Calculator households (many EIC, CTC and ACTC claims), record by record."""
    from .households import random_households

    assert_batch_equals_graph(random_households(2_000, year, seed=7))
