"""Quarterly reporting: export columns match docs/reference/a11-section-280.md, import → export
round-trips, and the files are interchange formats written exactly (not formula-escaped)."""

import csv
import io
import json
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from civiccx.feedback.a11_reporting import (
    a11_file,
    import_touchpoints_responses,
    responses_csv,
    summary_rows,
)
from civiccx.feedback.models import Response
from civiccx.feedback.services import submit_response
from tests.factories import make_survey

pytestmark = pytest.mark.django_db

SUMMARY_COLUMNS = ["provider", "service", "year", "quarter", "service_provided",
                   "transaction_point", "channel", "total_volume", "surveys_offered_count",
                   "response_count", "satisfied", "trust", "effectiveness", "ease",
                   "efficiency", "transparency", "employee"]
INDICATORS = ["effectiveness", "ease", "efficiency", "transparency", "humanity", "employee",
              "other"]
RESPONSE_COLUMNS = (["external_id", "question_1"] + [f"positive_{i}" for i in INDICATORS]
                    + [f"negative_{i}" for i in INDICATORS] + ["question_4"])
FEB_2024 = timezone.make_aware(datetime(2024, 2, 14, 10))


def test_summary_row_has_the_published_columns_and_scores():
    survey = make_survey(instrument_name="a11_classic", channel="phone")
    for satisfaction, trust in ((5, 5), (4, 2), (2, 4), (1, 1)):
        submit_response(survey, {"satisfaction": str(satisfaction), "trust": str(trust)},
                        language="en", source="hosted", submitted_at=FEB_2024)
    [row] = summary_rows("FY2024Q2")
    assert list(row) == SUMMARY_COLUMNS
    assert (row["year"], row["quarter"], row["channel"]) == (2024, 2, "Phone")
    assert row["response_count"] == 4
    assert row["satisfied"] == 0.5 and row["trust"] == 0.5  # two of four chose 4 or 5


# Touchpoints writes 0 for every option the form offers and the person did not choose, on
# both checklists, whichever was shown (`Form#to_a11_v2_csv`); this form offers all seven.
TOUCHPOINTS_EXPORT = "\n".join([
    ",".join(RESPONSE_COLUMNS),
    "a1,1," + ",".join(["1", "1", "0", "0", "0", "1", "0"]) + "," + ",".join(["0"] * 7)
    + ",Fast and friendly",
    "a2,0," + ",".join(["0"] * 7) + "," + ",".join(["0", "1", "1", "0", "0", "0", "0"])
    + ",\"Too many steps, and the wait was long\"",
    "a3,1," + ",".join(["0"] * 7) + "," + ",".join(["0"] * 7) + ",",
]) + "\n"


def _rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_import_then_export_round_trips():
    survey = make_survey(channel="web")
    result = import_touchpoints_responses(TOUCHPOINTS_EXPORT, survey, "FY2024Q2")
    assert result.ok and Response.objects.count() == 3
    exported = _rows(responses_csv("FY2024Q2", survey))
    original = _rows(TOUCHPOINTS_EXPORT)
    assert list(exported[0]) == RESPONSE_COLUMNS
    strip_id = [{k: v for k, v in row.items() if k != "external_id"} for row in exported]
    assert strip_id == [{k: v for k, v in row.items() if k != "external_id"} for row in original]


def test_a_bad_row_imports_nothing_and_names_the_row():
    survey = make_survey(channel="web")
    bad = TOUCHPOINTS_EXPORT.replace("a2,0,", "a2,7,")
    result = import_touchpoints_responses(bad, survey, "FY2024Q2")
    assert not result.ok and result.rejected_rows == (3,)
    assert "question_1" in str(result.errors[0])
    assert Response.objects.count() == 0


def test_export_command_writes_csv_and_json(tmp_path, capsys):
    survey = make_survey(channel="web")
    import_touchpoints_responses(TOUCHPOINTS_EXPORT, survey, "FY2024Q2")
    out = tmp_path / "summary.json"
    call_command("feedback", "export-a11", "--quarter", "FY2024Q2", "--format", "json",
                 "--out", str(out))
    document = json.loads(out.read_text())
    assert document["quarter"] == "FY2024Q2" and document["rows"][0]["response_count"] == 3
    call_command("feedback", "export-a11", "--quarter", "fy2024q2", "--kind", "responses")
    assert capsys.readouterr().out.startswith("external_id,question_1,positive_effectiveness")


def test_export_command_explains_a_bad_quarter():
    with pytest.raises(CommandError, match="FY2024Q5"):
        call_command("feedback", "export-a11", "--quarter", "FY2024Q5")


def test_staff_page_downloads_and_imports(staff_client, tmp_path):
    survey = make_survey(channel="web")
    client = staff_client("cx_analyst")
    upload = io.BytesIO(TOUCHPOINTS_EXPORT.encode())
    upload.name = "export.csv"
    page = client.post("/staff/cx/a11/", {"survey": survey.pk, "import_quarter": "FY2024Q2",
                                          "file": upload})
    assert b"Imported 3 responses." in page.content
    download = client.get("/staff/cx/a11/", {"quarter": "FY2024Q2", "format": "csv"})
    assert download["Content-Disposition"].endswith('FY2024Q2.csv"')
    assert _rows(download.content.decode())[0]["response_count"] == "3"


def test_interchange_files_keep_a_comment_exactly_as_typed():
    """Touchpoints reads the file back: escaping "=" would change the person's words."""
    survey = make_survey(channel="web")
    submit_response(survey, {"question_1": "0", "question_4": "=2+2 is what the form asked"},
                    language="en", source="hosted", submitted_at=FEB_2024)
    [row] = _rows(a11_file("fy2024q2", "responses", "csv").content)
    assert row["question_4"] == "=2+2 is what the form asked"


def test_a11_files_are_named_for_the_quarter_and_kind():
    survey = make_survey(channel="web")
    import_touchpoints_responses(TOUCHPOINTS_EXPORT, survey, "FY2024Q2")
    summary = a11_file("fy2024q2", "summary", "csv")
    assert (summary.filename, summary.content_type) == ("a11-summary-FY2024Q2.csv", "text/csv")
    assert summary.content.startswith(",".join(SUMMARY_COLUMNS) + "\n")
    responses = a11_file("FY2024Q2", "responses", "json")
    document = json.loads(responses.content)
    assert responses.filename == "a11-responses-FY2024Q2.json"
    assert (document["kind"], len(document["rows"])) == ("responses", 3)
    assert list(document["rows"][0]) == RESPONSE_COLUMNS
    with pytest.raises(ValueError, match="FY2024Q5"):
        a11_file("FY2024Q5", "summary", "csv")


def test_the_page_says_its_files_are_not_formula_escaped(staff_client):
    page = staff_client("cx_analyst").get("/staff/cx/a11/").content.decode()
    assert "Interchange format" in page and "not formula-escaped" in page
