import csv
import io

import pytest

from civiccx.core.fiscal import FiscalQuarter
from civiccx.feedback.a11_formats import (
    CX_COLLECTION_COLUMNS,
    CX_COLLECTION_DETAIL_COLUMNS,
    CX_RESPONSE_COLUMNS,
    LEGACY_COLLECTION_COLUMNS,
    PUBLISHED_SUMMARY_COLUMNS,
    ReportingContext,
    RowError,
    cx_collection_detail_row,
    cx_collection_row,
    cx_response_row,
    legacy_collection_row,
    parse_a11_v2_responses,
    published_summary_row,
    tally_responses,
)
from civiccx.feedback.scoring import (
    CollectionTally,
    DriverTally,
    IndicatorTally,
    ResponseRates,
    ThumbsTally,
)

pytestmark = pytest.mark.pure

CONTEXT = ReportingContext(
    quarter=FiscalQuarter(2024, 2),
    department="Department of the Treasury",
    department_abbreviation="TREAS",
    service_provider="Internal Revenue Service",
    service="Filing a tax return",
    service_provided="Taxpayers who file with Direct File",
    transaction_point="After submitting a return",
    channel="digital",
    omb_control_number="0000-0000",
    federal_register_url="https://www.federalregister.gov/d/0000-00000",
)

LIKERT_TALLY = CollectionTally(
    volumes=ResponseRates(responses=10, offered=50, served=100),
    drivers={
        "satisfaction": DriverTally((1, 1, 2, 3, 3)),
        "trust": DriverTally((0, 0, 1, 0, 2)),
    },
)


def test_published_summary_columns_exactly_as_performance_gov():
    assert PUBLISHED_SUMMARY_COLUMNS == (
        "provider", "service", "year", "quarter", "service_provided", "transaction_point",
        "channel", "total_volume", "surveys_offered_count", "response_count", "satisfied",
        "trust", "effectiveness", "ease", "efficiency", "transparency", "employee",
    )  # fmt: skip


def test_legacy_columns_follow_touchpoints_doc():
    columns = LEGACY_COLLECTION_COLUMNS
    assert len(columns) == len(set(columns)) == 23 + 11 * 6 + 3
    for name in (
        "collection_year", "collection_quarter", "service_provider_name", "service_provided",
        "transaction_point", "channel", "volume_of_customers",
        "volume_of_customers_provided_survey_opportunity", "volume_of_respondents",
        "omb_control_number", "federal_register_url", "q1_text", "q7_5", "q11_5",
        "operational_metrics",
    ):  # fmt: skip
        assert name in columns
    assert columns.index("q1_text") < columns.index("q1_1") < columns.index("q2_text")


def test_response_columns_follow_touchpoints_export():
    assert CX_RESPONSE_COLUMNS[:3] == ("external_id", "question_1", "positive_effectiveness")
    assert CX_RESPONSE_COLUMNS[-1] == "question_4"
    assert len(CX_RESPONSE_COLUMNS) == 17
    assert "negative_humanity" in CX_RESPONSE_COLUMNS


def test_legacy_collection_row():
    row = legacy_collection_row(
        CONTEXT,
        LIKERT_TALLY,
        {"satisfaction": "I am satisfied with the service I received from Direct File.",
         "trust": "This interaction increased my trust in the IRS."},
        extra_questions=[("Was the page clear?", DriverTally.of({5: 4}))],
        operational_metrics="Average handle time 6 minutes",
    )  # fmt: skip
    assert list(row) == list(LEGACY_COLLECTION_COLUMNS)
    assert (row["collection_year"], row["collection_quarter"]) == (2024, 2)
    assert row["collection_name"] == "CX Quarterly Reporting"
    assert row["service_provider_name"] == "Internal Revenue Service"
    assert row["volume_of_customers"] == 100
    assert row["volume_of_customers_provided_survey_opportunity"] == 50
    assert row["volume_of_respondents"] == 10
    assert [row[f"q1_{p}"] for p in range(1, 6)] == [1, 1, 2, 3, 3]
    assert [row[f"q2_{p}"] for p in range(1, 6)] == [0, 0, 1, 0, 2]
    assert row["q2_text"] == "This interaction increased my trust in the IRS."
    assert row["q3_text"] == "" and row["q3_5"] == 0
    assert row["q8_text"] == "Was the page clear?" and row["q8_5"] == 4
    assert row["q11_text"] == "" and row["q11_1"] == 0
    assert row["operational_metrics"] == "Average handle time 6 minutes"


def test_legacy_row_limits():
    with pytest.raises(ValueError, match="room for 4 extra"):
        legacy_collection_row(CONTEXT, LIKERT_TALLY, {}, extra_questions=[("x", DriverTally())] * 5)
    with pytest.raises(ValueError, match="not A-11 drivers: speed"):
        legacy_collection_row(CONTEXT, LIKERT_TALLY, {"speed": "x"})


def test_cx_collection_and_detail_rows():
    collection = cx_collection_row(CONTEXT, details_count=2)
    assert list(collection) == list(CX_COLLECTION_COLUMNS)
    assert (collection["fiscal_year"], collection["quarter"]) == ("2024", "2")
    assert collection["rating"] == ""
    with pytest.raises(ValueError, match="rating"):
        cx_collection_row(CONTEXT, details_count=1, rating="green")
    detail = cx_collection_detail_row(
        CONTEXT,
        LIKERT_TALLY,
        survey_title="Direct File post-filing survey",
        survey_type="thumbs",
        trust_question_text="Based on my experience with Direct File, I trust the IRS ...",
        reflection_text="Trust rose after we added status messages.",
    )
    assert list(detail) == list(CX_COLLECTION_DETAIL_COLUMNS)
    assert detail["survey_type"] == "thumbs up/down"
    assert detail["volume_of_respondents"] == 10
    likert = cx_collection_detail_row(
        CONTEXT, LIKERT_TALLY, survey_title="t", survey_type="likert5", trust_question_text="q"
    )
    assert likert["survey_type"] == "likert scale"
    with pytest.raises(ValueError, match="survey_type"):
        cx_collection_detail_row(
            CONTEXT, LIKERT_TALLY, survey_title="t", survey_type="stars", trust_question_text="q"
        )


def test_published_summary_row_agree_and_mean():
    row = published_summary_row(CONTEXT, LIKERT_TALLY)
    assert list(row) == list(PUBLISHED_SUMMARY_COLUMNS)
    assert (row["provider"], row["year"], row["quarter"]) == ("Internal Revenue Service", 2024, 2)
    assert (row["total_volume"], row["surveys_offered_count"], row["response_count"]) == (
        100,
        50,
        10,
    )
    assert row["satisfied"] == 0.6
    assert row["trust"] == 0.6667
    assert row["ease"] == ""
    means = published_summary_row(CONTEXT, LIKERT_TALLY, score="mean")
    assert means["satisfied"] == 3.6
    assert means["trust"] == 4.33
    with pytest.raises(ValueError, match="score"):
        published_summary_row(CONTEXT, LIKERT_TALLY, score="median")


def test_published_summary_uses_thumbs_for_v2_trust():
    tally = CollectionTally(volumes=ResponseRates(8, 20, 40), thumbs=ThumbsTally(up=6, down=2))
    assert published_summary_row(CONTEXT, tally)["trust"] == 0.75


# --- parser -------------------------------------------------------------------------------

HEADER = ",".join(CX_RESPONSE_COLUMNS)


def line(external_id, q1, positive=(), negative=(), comment="", offered=None):
    offered = offered or ("effectiveness", "ease", "efficiency", "transparency", "humanity",
                          "employee", "other")  # fmt: skip
    cells = [external_id, str(q1)]
    for ticked in (positive, negative):
        for name in ("effectiveness", "ease", "efficiency", "transparency", "humanity",
                     "employee", "other"):  # fmt: skip
            cells.append("1" if name in ticked else ("0" if name in offered else "null"))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([*cells, comment])
    return out.getvalue().removesuffix("\n")


def csv_text(*rows, header=HEADER):
    return "\n".join([header, *rows]) + "\n"


def test_parse_clean_file():
    text = csv_text(
        line("101", 1, positive=("ease", "efficiency"), comment="Quick and easy"),
        line("102", 0, negative=("efficiency",), comment="Took forever.\nCall back please"),
        line("103", 1, offered=("effectiveness", "ease")),
    )
    result = parse_a11_v2_responses(text)
    assert result.ok and result.errors == ()
    first, second, third = result.records
    assert first.external_id == "101" and first.question_1 == 1
    assert first.ticked("positive") == ("ease", "efficiency")
    assert first.positive["humanity"] == 0
    assert second.ticked("negative") == ("efficiency",)
    assert second.comment == "Took forever.\nCall back please"
    assert third.positive["humanity"] is None
    assert third.comment == ""


def test_parse_rejects_bad_rows_whole_and_keeps_good_ones():
    bad_flag = line("6", 0).split(",")
    bad_flag[CX_RESPONSE_COLUMNS.index("negative_other")] = "yes"
    text = csv_text(
        line("1", 1, positive=("ease",)),
        line("2", 2),
        line("3", 1, negative=("ease",)),
        line("4", "", positive=("ease",)),
        line("5", 0, comment="x" * 5001),
        ",".join(bad_flag),
    )
    result = parse_a11_v2_responses(text)
    assert [r.external_id for r in result.records] == ["1"]
    assert result.rejected_rows == (3, 4, 5, 6, 7)
    as_text = [str(e) for e in result.errors]
    assert "row 3, question_1: must be 0 or 1, got '2'" in as_text
    assert (
        "row 4, negative_ease: ticked, but question_1 = 1 shows only 'What went well?'" in as_text
    )
    assert "row 5, question_1: required; the response has no answer" in as_text
    assert "row 6, question_4: comment is 5001 characters; limit 5000" in as_text
    assert "row 7, negative_other: must be 0, 1 or null, got 'yes'" in as_text
    assert not result.ok


def test_require_ok_for_all_or_nothing_imports():
    good = parse_a11_v2_responses(csv_text(line("1", 1)))
    assert good.require_ok() == good.records
    bad = parse_a11_v2_responses(csv_text(*[line(str(i), 9) for i in range(7)]))
    with pytest.raises(ValueError, match=r"7 problem\(s\) in the file: row 2, question_1.*2 more"):
        bad.require_ok()


def test_row_numbers_count_records_not_physical_lines():
    text = csv_text(line("1", 0, comment="line one\nline two\nline three"), line("2", 7))
    result = parse_a11_v2_responses(text)
    assert result.errors == (RowError(3, "question_1", "must be 0 or 1, got '7'"),)


def test_parse_likert_variant():
    text = csv_text(line("1", 5, positive=("ease",)), line("2", 3, negative=("ease",)),
                    line("3", 4, negative=("ease",)), line("4", 0))  # fmt: skip
    result = parse_a11_v2_responses(text, survey_type="likert5")
    assert [r.external_id for r in result.records] == ["1", "2"]
    assert [e.row for e in result.errors] == [4, 5]
    assert result.errors[1].message == "must be 1 to 5, got '0'"
    with pytest.raises(ValueError, match="survey_type"):
        parse_a11_v2_responses(text, survey_type="stars")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [RowError(1, "*", "the file is empty")]),
        (
            HEADER.replace(",question_4", "") + "\n",
            [RowError(1, "question_4", "required column is missing")],
        ),
        (HEADER + ",zip_code\n", [RowError(1, "zip_code", "unknown column")]),
        (HEADER + ",question_1\n", [RowError(1, "question_1", "column appears more than once")]),
    ],
)
def test_header_problems_reject_the_file(text, expected):
    result = parse_a11_v2_responses(text + line("1", 1) if text else text)
    assert list(result.errors) == expected
    assert result.records == ()


def test_ragged_rows_and_bom_and_missing_external_id():
    header = HEADER.replace("external_id,", "")
    good = line("x", 1).split(",", 1)[1]
    text = "\ufeff" + "\n".join([header, good, good + ",extra", "1,0,0"]) + "\n"
    result = parse_a11_v2_responses(text)
    assert len(result.records) == 1 and result.records[0].external_id == ""
    assert [str(e) for e in result.errors] == [
        "row 3, *: more values than columns",
        "row 4, *: fewer values than columns",
    ]


def test_comments_are_redacted_by_default():
    text = csv_text(line("1", 0, comment="Call me at 202-555-0143, my name is Ana Ruiz"))
    record = parse_a11_v2_responses(text).records[0]
    assert record.comment == "Call me at [PHONE], my name is [NAME]"
    assert dict(record.redactions) == {"PHONE": 1, "NAME": 1}
    raw = parse_a11_v2_responses(text, redact_comments=False).records[0]
    assert "202-555-0143" in raw.comment


def test_round_trip_through_export_shape():
    text = csv_text(line("1", 1, positive=("ease",), offered=("effectiveness", "ease")),
                    line("2", 0, negative=("other",), comment='She said "no", twice'))  # fmt: skip
    records = parse_a11_v2_responses(text, redact_comments=False).records
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CX_RESPONSE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(cx_response_row(r) for r in records)
    assert out.getvalue() == text
    assert parse_a11_v2_responses(out.getvalue(), redact_comments=False).records == records


def test_accepts_file_objects():
    result = parse_a11_v2_responses(io.StringIO(csv_text(line("1", 1)), newline=""))
    assert result.ok and len(result.records) == 1


def test_tally_responses():
    text = csv_text(
        line("1", 1, positive=("ease", "efficiency")),
        line("2", 1, positive=("ease",)),
        line("3", 0, negative=("efficiency",)),
        line("4", 1),
    )
    tally = tally_responses(parse_a11_v2_responses(text).records)
    assert tally.thumbs == ThumbsTally(up=3, down=1)
    assert tally.positive == IndicatorTally(3, {"ease": 2, "efficiency": 1})
    assert tally.negative == IndicatorTally(1, {"efficiency": 1})
    assert tally.positive.rates()["ease"].rate == pytest.approx(2 / 3)
    likert = csv_text(line("1", 5, positive=("ease",)), line("2", 2))
    tally = tally_responses(
        parse_a11_v2_responses(likert, survey_type="likert5").records, "likert5"
    )
    assert tally.driver("trust").counts == (0, 1, 0, 0, 1)
    assert tally.positive == IndicatorTally(1, {"ease": 1})
    assert tally.negative.shown == 1
