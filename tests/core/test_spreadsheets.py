"""The one CSV module: spreadsheet files cannot run a formula; interchange files are exact."""

import csv
import io

import pytest

from civiccx.core.spreadsheets import (
    csv_download,
    csv_text,
    interchange_csv,
    interchange_download,
    spreadsheet_safe,
    write_csv,
)

pytestmark = pytest.mark.pure


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("typed", ["=1+1", "+1+1", "-1+1", "@SUM(A1:A9)", "\t=1", "\r=1",
                                   "=HYPERLINK(\"http://evil.example\")", "-", "+"])
def test_text_that_starts_like_a_formula_is_written_as_text(typed):
    [header, row] = _cells(csv_text(["typed"], [[typed]]))
    assert row == ["'" + typed]


@pytest.mark.parametrize("value", ["-12.5", "+3", "-0.5e-3", ".5", "2024-02-05T07:00", "inf",
                                   "plain words", "", "'=already escaped"])
def test_numbers_and_ordinary_text_are_left_alone(value):
    [header, row] = _cells(csv_text(["value"], [[value]]))
    assert row == [value]


def test_only_text_cells_are_escaped_and_other_values_keep_their_form():
    [header, row] = _cells(csv_text(["=header", "n", "x", "flag", "none"],
                                    [["ok", -3, -0.25, True, None]]))
    assert header == ["'=header", "n", "x", "flag", "none"]
    assert row == ["ok", "-3", "-0.25", "True", ""]


def test_escaping_twice_changes_nothing_more():
    assert spreadsheet_safe(spreadsheet_safe("=1+1")) == "'=1+1"


def test_a_file_and_a_stream_get_the_same_bytes(tmp_path):
    rows = [["=a", 1], ["b", 2]]
    path = tmp_path / "out.csv"
    write_csv(path, ["name", "n"], rows)
    assert path.read_bytes().decode() == csv_text(["name", "n"], rows)


def test_a_download_is_an_attachment_with_its_name():
    response = csv_download("cx-comments.csv", ["comment"], [["=1+1"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cx-comments.csv"'
    assert response.content.decode().splitlines() == ["comment", "'=1+1"]


def test_an_interchange_file_is_written_exactly_as_given():
    text = interchange_csv([{"b": "=1+1", "a": "-x"}, {"a": "@y", "b": None}], ("a", "b"))
    assert text == "a,b\n-x,=1+1\n@y,\n"


def test_an_interchange_download_is_the_content_unchanged():
    response = interchange_download("a11-summary-FY2024Q2.json", '{"rows": []}',
                                    "application/json")
    assert response.content == b'{"rows": []}' and response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="a11-summary-FY2024Q2.json"'
