"""The CX team's spreadsheet downloads, defined in `feedback.exports`: columns and rows."""

import pytest

from civiccx.feedback import exports
from civiccx.feedback.dashboard import dashboard_data
from civiccx.feedback.models import Comment
from civiccx.feedback.services import submit_response
from tests.factories import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def thumbs():
    survey = make_survey(instrument_name="a11_v2")
    for up, comment in ((1, "Fast and friendly"), (1, ""), (0, "The wait was too long")):
        answers = {"question_1": str(up)}
        if up:
            answers["question_2"] = ["effectiveness", "ease"]
        else:
            answers["question_3"] = ["efficiency"]
        if comment:
            answers["question_4"] = comment
        submit_response(survey, answers, language="en", source="hosted", channel="web")
    return survey


def test_each_dashboard_table_has_its_file_name_columns_and_figures(thumbs):
    data = dashboard_data({})
    drivers = exports.dashboard_sheet("drivers", data)
    assert drivers.filename == "cx-drivers.csv" and drivers.header[:3] == [
        "driver", "fiscal_quarter", "responses"]
    [trust] = [row for row in drivers.rows if row[0] == "trust"]
    assert trust[2] == 3 and trust[4] == "66.7"  # two of three thumbs up
    [volumes] = exports.dashboard_sheet("volumes", data).rows
    assert volumes[3] == 3
    indicators = {row[0]: row for row in exports.dashboard_sheet("indicators", data).rows}
    assert indicators["ease"][1:3] == [2, "100.0"] and indicators["efficiency"][3:] == [
        1, "100.0"]


def test_an_unknown_dashboard_table_is_named_in_the_error():
    with pytest.raises(ValueError, match="No dashboard table 'scores': choose one of drivers"):
        exports.dashboard_sheet("scores", dashboard_data({}))


def test_the_comments_sheet_holds_what_analysts_see_and_stops_at_its_limit(thumbs, monkeypatch):
    Comment.objects.filter(text__startswith="Fast").update(analyst_tags=["praise"], flagged=True)
    sheet = exports.comments_sheet(Comment.objects.order_by("text"))
    assert sheet.filename == "cx-comments.csv" and sheet.header[-1] == "comment"
    assert [(row[6], row[7], row[8]) for row in sheet.rows] == [
        ("praise", True, "Fast and friendly"), ("", False, "The wait was too long")]
    monkeypatch.setattr(exports, "COMMENTS_MAX_ROWS", 1)
    assert len(exports.comments_sheet(Comment.objects.all()).rows) == 1

