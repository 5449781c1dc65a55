"""`civiccx tax compute` and `civiccx tax batch`, as a user runs them."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from civiccx.taxengine.batch import SCHEMA, document_to_row, rows_to_table
from civiccx.taxengine.cli import main

from .factories import child, make_return

pytestmark = pytest.mark.pure


@pytest.fixture
def family(tmp_path):
    path = tmp_path / "return.json"
    path.write_text(json.dumps(make_return(
        year=2024, status="married_filing_jointly", wages=60_000, withholding=1_500,
        dependents=[child("2015-05-05"), child("2018-08-08", "daughter")])))
    return path


def test_compute_prints_the_return_document(family, capsys):
    assert main(["compute", str(family)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["return"]["form1040"]["35a"] == "2826.00"
    assert out["return"]["schedule8812"]["27"] == "765.00"
    assert out["return"]["eicWorksheetA"]["6"] == "561.00"


def test_compute_explain(family, capsys):
    assert main(["compute", str(family), "--explain", "/refund"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Your refund is $2,826 because your payments and refundable credits")
    assert "your refund: $2,826.00" in out and "Schedule 8812 line 27" in out
    assert "EIC Table row 'at least $60,000.00 but less than $60,050.00'" in out


def test_compute_explain_a_knocked_out_return(tmp_path, capsys):
    """--explain on a return outside Direct File says why, which answers, the rule, and the free
    ways to file; the validation messages come first."""
    path = tmp_path / "r.json"
    doc = make_return(year=2023, status="head_of_household", wages=48_000,
                      dependents=[child("2003-06-01", grossIncome="9000")])
    doc["formW2s"][0]["federalWithholding"] = "50000"
    path.write_text(json.dumps(doc))
    assert main(["compute", str(path), "--explain", "/refund"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("ERROR /formW2s/0/federalWithholding: Federal income tax withheld")
    assert "Direct File can't prepare this return:" in out
    assert "* Head of household needs a qualifying person" in out
    assert any("he had $9,000 of gross income, so he is not your qualifying relative (it must "
               "be less than $4,700)" in line for line in out)
    assert "  Answers: /filingStatus, /dependents/0/dateOfBirth, /dependents/0/fullTimeStudent, " \
           "/dependents/0/permanentlyDisabled, /dependents/0/grossIncome" in out
    assert "  - IRS Free File (guided tax software at no cost): https://www.irs.gov/freefile" in out


def test_compute_year_override_and_missing(family, capsys):
    assert main(["compute", str(family), "--year", "2023", "--missing", "/refund"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["return"]["taxYear"] == 2023 and out["missing"] == []


def test_compute_bad_input_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"taxYear": 2024, "filingStatus": "single",
                               "primaryFiler": {"tin": "123-45-6789", "dateOfBirth": "1990-01-01"},
                               "formW2s": [{"wages": -5}]}))
    assert main(["compute", str(bad)]) == 2
    assert "formW2s[0].wages: must not be negative" in capsys.readouterr().err
    bad.write_text("{not json")
    assert main(["compute", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["compute", str(tmp_path / "nope.json")]) == 2


def test_compute_unknown_explain_path(family, capsys):
    assert main(["compute", str(family), "--explain", "/nope"]) == 2
    assert "/nope is not a fact" in capsys.readouterr().err


def test_batch_roundtrip(tmp_path, capsys):
    src, dst = tmp_path / "in.parquet", tmp_path / "out.parquet"
    docs = [make_return(wages=30_000, withholding=2_000),
            make_return(wages=20_000, businessIncome=True)]
    pq.write_table(rows_to_table(document_to_row(d) for d in docs), src)
    assert main(["batch", str(src), str(dst), "--no-progress"]) == 0
    out = pq.read_table(dst).to_pylist()
    assert out[0]["refund"] == 38_100 and out[0]["status"] == "ok"
    assert out[1]["status"] == "knockout" and out[1]["knockout"] == "business-income"
    many = rows_to_table(document_to_row(make_return(wages=1_000 * i)) for i in range(40))
    pq.write_table(many, src, row_group_size=7)            # six partitions
    assert main(["batch", str(src), str(dst), "--no-progress"]) == 0
    assert main(["batch", str(src), str(tmp_path / "dask.parquet"), "--dask"]) == 0
    parts = sorted((tmp_path / "dask.parquet").glob("part-*.parquet"))
    assert len(parts) == 6
    assert pq.read_table(tmp_path / "dask.parquet").column("refund").to_pylist() == \
        pq.read_table(dst).column("refund").to_pylist()


def test_batch_bad_column(tmp_path, capsys):
    src = tmp_path / "in.parquet"
    table = rows_to_table([document_to_row(make_return(wages=1))]).drop_columns(["wages"])
    assert SCHEMA.field("wages")
    pq.write_table(table, src)
    assert main(["batch", str(src), str(tmp_path / "o.parquet"), "--no-progress"]) == 2
    assert "column 'wages' is missing" in capsys.readouterr().err


def test_packaged_example_explains_as_json(capsys):
    from pathlib import Path

    import civiccx.taxengine

    example = Path(civiccx.taxengine.__file__).parent / "examples" / "family-2024.json"
    assert main(["compute", str(example), "--explain", "/refund", "--json-explain"]) == 0
    out = json.loads(capsys.readouterr().out)
    tree = out["explanations"][0]
    assert tree["path"] == "/refund" and tree["value"] == "$2,826.00"
    assert tree["cite"].startswith("Form 1040 lines 34 and 35a")
    assert tree["summary"].startswith("Your refund is $2,826 because")
    assert tree["summarySentences"][0]["code"] == "refund"
