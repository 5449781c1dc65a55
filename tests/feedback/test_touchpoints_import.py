"""Touchpoints' combined export ("A11-v2 + Form Responses") imported as an analyst downloads it:
rows land in the quarter of their Created at, re-runs and overlapping files change nothing,
bad rows are named and nothing partial is stored, a file for another form is refused."""

import io
from datetime import UTC, datetime, time

import pytest
from django.core.management import CommandError, call_command

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.feedback.a11_reporting import (
    import_combined_export,
    import_touchpoints_responses,
    responses_csv,
    summary_rows,
)
from civiccx.feedback.dashboard import dashboard_data
from civiccx.feedback.models import Comment, Response
from civiccx.feedback.services import submit_response
from civiccx.metrics.models import Rollup
from civiccx.metrics.rebuild import differences
from civiccx.metrics.rollups import read_scores
from tests.factories import make_survey
from tests.feedback.touchpoints_files import Submission, a11_v2_csv, combined_export

pytestmark = pytest.mark.django_db


def at(*parts):
    return datetime(*parts, tzinfo=UTC)


def questions(survey):
    texts = {q.id: q.text["en"] for q in survey.instrument.questions}
    return [texts["question_1"], texts["question_2"], texts["question_3"], texts["question_4"]]


def four_quarters():
    """FY2024 Q1-Q4 (October 2023 - September 2024), with every kind of row."""
    return [
        Submission(
            101,
            at(2023, 10, 2, 14, 3, 22),
            "1",
            "effectiveness,ease",
            answer_04="Quick, and friendly",
        ),
        Submission(102, at(2023, 12, 31, 23, 30), "0", answer_03="efficiency"),  # Q1 in UTC
        Submission(103, at(2023, 11, 5, 9), "1", flagged=True, answer_04="buy pills"),
        Submission(104, at(2024, 1, 1, 3), "1", "employee"),  # Q2 in UTC (Q1 in Eastern)
        Submission(
            105,
            at(2024, 2, 10, 16),
            "0",
            answer_03="ease,transparency",
            answer_04='Said "call back", never did',
        ),
        Submission(106, at(2024, 3, 1, 12), "1", deleted=True, deleted_at=at(2024, 3, 2)),
        Submission(
            107,
            at(2024, 4, 15, 8),
            "1",
            "efficiency,humanity",
            archived=True,
            aasm_state="archived",
        ),
        Submission(
            108, at(2024, 6, 30, 23, 59, 59), "0", answer_04="My SSN is 123.45.6789, please call"
        ),
        Submission(109, at(2024, 7, 1, 0, 0, 1), "1", "other", tags=["follow-up", "web"]),
        Submission(110, at(2024, 9, 30, 12), "0", answer_03="effectiveness,employee"),
    ]


def write(tmp_path, text, name="export.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_each_row_lands_in_the_quarter_of_its_created_at():
    survey = make_survey()
    rows = four_quarters()
    text = combined_export(questions(survey), [*rows, rows[4]])  # 105 twice, exactly
    result = import_combined_export(text, survey)
    assert result.ok, result.errors
    by_quarter = {q: (r.imported, r.archived) for q, r in result.quarters.items()}
    assert by_quarter == {
        "FY2024Q1": (2, 0),
        "FY2024Q2": (2, 0),
        "FY2024Q3": (2, 1),
        "FY2024Q4": (2, 0),
    }
    assert result.skipped == {"flagged": 1, "deleted": 1} and result.duplicates == 1
    stored = dict(Response.objects.values_list("external_id", "fiscal_quarter"))
    assert stored == {
        "101": "FY2024Q1",
        "102": "FY2024Q1",
        "104": "FY2024Q2",
        "105": "FY2024Q2",
        "107": "FY2024Q3",
        "108": "FY2024Q3",
        "109": "FY2024Q4",
        "110": "FY2024Q4",
    }
    scores = read_scores({"service": survey.service})
    thumbs = {q[0]: (s.thumbs["trust"].up, s.thumbs["trust"].down) for q, s in scores.items()}
    assert thumbs == {
        "FY2024Q1": (1, 1),
        "FY2024Q2": (1, 1),
        "FY2024Q3": (1, 1),
        "FY2024Q4": (1, 1),
    }
    assert scores[("FY2024Q2",)].not_well == {"ease": 1, "transparency": 1}
    assert scores[("FY2024Q2",)].responses == 2
    assert differences() == {}  # the counts equal a rebuild from the stored rows
    response = Response.objects.get(external_id="101")
    assert response.submitted_at == at(2023, 10, 2, 14, 3, 22) and response.source == "import"


def test_visitor_details_are_never_stored_and_comments_are_redacted():
    survey = make_survey()
    import_combined_export(combined_export(questions(survey), four_quarters()), survey)
    stored = repr(list(Response.objects.values())) + repr(list(Comment.objects.values()))
    for never in ("203.0.113.7", "Firefox", "utm_source", "example.gov/help", "follow-up"):
        assert never not in stored
    comment = Comment.objects.get(response__external_id="108")
    assert comment.text == "My SSN is [SSN], please call" and comment.redactions == 1
    assert Response.objects.get(external_id="108").answers["question_4"] == comment.text


def test_a_second_import_or_an_overlapping_file_changes_nothing():
    survey = make_survey()
    rows = four_quarters()
    first = import_combined_export(combined_export(questions(survey), rows[:7]), survey)
    assert first.imported == 5
    counts = sorted(Rollup.objects.values_list("metric", "fiscal_quarter", "c0", "c1"))
    again = import_combined_export(combined_export(questions(survey), rows[:7]), survey)
    assert again.ok and again.imported == 0
    assert sum(q.already for q in again.quarters.values()) == 5
    assert sorted(Rollup.objects.values_list("metric", "fiscal_quarter", "c0", "c1")) == counts
    overlapping = import_combined_export(combined_export(questions(survey), rows[4:]), survey)
    assert overlapping.imported == 3  # 108, 109, 110 are new; 105 and 107 were known
    assert Response.objects.count() == 8
    assert differences() == {}


def test_rows_split_across_batches_and_statements_land_once_with_their_comments(monkeypatch):
    """The fast path in small pieces: batches of 3, statements of 2 rows, id look-ups of 2."""
    from civiccx.feedback import a11_reporting

    monkeypatch.setattr(a11_reporting, "IMPORT_BATCH", 3)
    monkeypatch.setattr(a11_reporting, "KNOWN_CHUNK", 2)
    monkeypatch.setattr(a11_reporting, "_rows_per_statement", lambda columns: 2)
    survey = make_survey()
    rows = four_quarters()
    seen = []
    result = import_combined_export(
        combined_export(questions(survey), rows), survey, progress=seen.append
    )
    assert result.imported == 8 and seen == [3, 3, 2]
    comments = dict(Comment.objects.values_list("response__external_id", "text"))
    assert comments == {
        "101": "Quick, and friendly",
        "105": 'Said "call back", never did',
        "108": "My SSN is [SSN], please call",
    }
    assert Comment.objects.get(response__external_id="101").sentiment_label == "positive"
    assert differences() == {}
    again = import_combined_export(combined_export(questions(survey), rows), survey)
    assert again.imported == 0 and sum(q.already for q in again.quarters.values()) == 8


def test_the_garbage_collector_is_paused_only_during_an_import():
    import gc

    survey = make_survey()
    paused = []
    import_combined_export(
        combined_export(questions(survey), four_quarters()), survey,
        progress=lambda n: paused.append(gc.isenabled()),
    )
    assert paused and not any(paused) and gc.isenabled()
    gc.disable()
    try:  # a caller that had paused it finds it still paused
        import_combined_export(combined_export(questions(survey), four_quarters()), survey)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_changed_row_with_a_known_id_is_reported_not_merged():
    survey = make_survey()
    rows = four_quarters()
    import_combined_export(combined_export(questions(survey), rows), survey)
    rows[0].answer_02 = "ease"
    result = import_combined_export(combined_export(questions(survey), rows), survey)
    assert result.ok and result.changed == ["101"] and result.imported == 0
    assert Response.objects.get(external_id="101").answers["question_2"] == [
        "effectiveness",
        "ease",
    ]
    assert "IDs 101" in result.lines()[-1]


def test_each_bad_row_is_named_and_nothing_is_stored():
    survey = make_survey()
    text = combined_export(questions(survey), four_quarters())
    lines = text.split("\n")
    lines[1] = lines[1].replace("2023-10-02 14:03:22 UTC", "2023-13-02 14:03:22 UTC")
    lines[3] = lines[3].replace(",false,false,false,", ",maybe,false,false,", 1)
    lines[4] = lines[4][: lines[4].rindex(",")]  # a field short
    lines[5] = lines[5].replace(",105,0,", ",105,7,")
    result = import_combined_export("\n".join(lines), survey)
    problems = {(e.row, e.column) for e in result.errors}
    assert problems == {(2, "Created at"), (4, "Archived"), (5, "*"), (6, "question_1")}
    assert "row 2, Created at: not a date" in str(result.errors[0])
    assert not Response.objects.exists() and not Rollup.objects.exists()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("bom", [False, True])
def test_the_command_imports_with_or_without_a_bom(tmp_path, capsys, bom):
    survey = make_survey()
    path = write(tmp_path, combined_export(questions(survey), four_quarters(), bom=bom))
    call_command("feedback", "import-touchpoints", str(path), "--survey", str(survey.pk))
    out = capsys.readouterr().out
    assert "FY2024Q3: imported 2, already imported 0, archived in Touchpoints 1" in out
    assert "skipped 1 deleted, 1 flagged" in out
    assert Response.objects.count() == 8


def test_an_unknown_channel_is_refused_and_a_known_one_is_used():
    survey = make_survey()
    text = combined_export(questions(survey), four_quarters())
    [error] = import_combined_export(text, survey, channel="telegraph").errors
    assert "Unknown channel 'telegraph'" in str(error) and not Response.objects.exists()
    assert import_combined_export(text, survey, channel="live_chat").imported == 8
    assert set(Response.objects.values_list("channel", flat=True)) == {"live_chat"}


def test_dry_run_prints_per_quarter_and_stores_nothing(tmp_path, capsys):
    survey = make_survey()
    path = write(tmp_path, combined_export(questions(survey), four_quarters(), ip_address=False))
    call_command(
        "feedback", "import-touchpoints", str(path), "--survey", str(survey.pk), "--dry-run"
    )
    out = capsys.readouterr().out
    assert "FY2024Q1: would import 2" in out and "Would import 8 responses" in out
    assert not Response.objects.exists() and not Rollup.objects.exists()


def test_a_bad_file_through_the_command_names_rows_and_stores_nothing(tmp_path, capsys):
    survey = make_survey()
    text = combined_export(questions(survey), four_quarters()).replace(
        ",1,1,1,0,0,0,0,0,", ",1,1,X,0,0,0,0,0,"
    )
    path = write(tmp_path, text)
    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command("feedback", "import-touchpoints", str(path), "--survey", str(survey.pk))
    assert "row 2, positive_ease: must be 0, 1 or null, got 'X'" in capsys.readouterr().err
    assert not Response.objects.exists()


def test_a_wrong_quarter_is_refused_with_the_quarters_the_file_spans(tmp_path):
    survey = make_survey()
    path = write(tmp_path, combined_export(questions(survey), four_quarters()))
    with pytest.raises(CommandError):
        call_command(
            "feedback",
            "import-touchpoints",
            str(path),
            "--survey",
            str(survey.pk),
            "--quarter",
            "FY2024Q2",
        )
    result = import_combined_export(path.read_text(), survey, quarter="FY2024Q2")
    message = str(result.errors[0])
    assert "--quarter FY2024Q2 does not hold 6 of the file's 8 responses" in message
    assert "FY2024Q1, FY2024Q2, FY2024Q3, FY2024Q4" in message
    assert not Response.objects.exists()
    inside = [s for s in four_quarters() if s.id in (104, 105)]
    assert (
        import_combined_export(
            combined_export(questions(survey), inside), survey, quarter="FY2024Q2"
        ).imported
        == 2
    )


def test_a_file_from_another_form_is_refused_naming_both():
    thumbs = make_survey()
    text = combined_export(questions(thumbs), four_quarters())

    classic = make_survey(instrument_name="a11_classic")
    [message] = [str(e) for e in import_combined_export(text, classic).errors]
    assert "A-11 v2 form" in message and f"survey {classic.pk}" in message
    assert "classic 5-point" in message

    radio = make_survey(service=thumbs.service, variant="radio")
    radio_rows = [
        Submission(1, at(2024, 2, 1), "4", "ease"),
        Submission(2, at(2024, 2, 2), "2", answer_03="ease"),
    ]
    radio_text = combined_export(questions(radio), radio_rows)
    [message] = [str(e) for e in import_combined_export(radio_text, thumbs).errors]
    assert "answered 1 to 5 (seen ['2', '4'])" in message and "thumbs up or down" in message
    assert import_combined_export(radio_text, radio).imported == 2
    [message] = [str(e) for e in import_combined_export(text, radio).errors]
    assert "answered thumbs up or down (0 or 1)" in message and "asks 1 to 5" in message

    fewer = combined_export(
        questions(thumbs),
        four_quarters()[:2],
        offered=("effectiveness", "ease", "efficiency", "transparency"),
    )
    [message] = [str(e) for e in import_combined_export(fewer, thumbs).errors]
    assert "offers the options ['ease', 'effectiveness', 'efficiency', 'transparency']" in (message)
    assert "'humanity'" in message

    other_wording = [
        f"I trust another agency{i}" if i == 0 else q for i, q in enumerate(questions(thumbs))
    ]
    result = import_combined_export(combined_export(other_wording, four_quarters()), thumbs)
    assert "question 1 reads 'I trust another agency0'" in str(result.errors[0])
    assert questions(thumbs)[0] in str(result.errors[0])
    assert (
        import_combined_export(
            combined_export(other_wording, four_quarters()), thumbs, accept_wording=True
        ).imported
        == 8
    )


def test_volumes_entered_for_an_imported_quarter_give_response_rates(capsys):
    survey = make_survey(channel="web")
    import_combined_export(combined_export(questions(survey), four_quarters()), survey)
    slug = survey.service.slug
    call_command(
        "feedback",
        "set-volumes",
        "--service",
        slug,
        "--channel",
        "web",
        "--quarter",
        "FY2024Q2",
        "--served",
        "1200",
        "--offered",
        "40",
    )
    call_command(
        "feedback",
        "set-volumes",
        "--service",
        slug,
        "--channel",
        "web",
        "--quarter",
        "FY2024Q2",
        "--served",
        "1000",
        "--offered",
        "40",
    )
    out = capsys.readouterr().out
    assert "served +1200, offered +40" in out and "served -200" in out
    [row] = summary_rows("FY2024Q2")
    assert (row["total_volume"], row["surveys_offered_count"], row["response_count"]) == (
        1000,
        40,
        2,
    )
    volumes = {r["quarter"]: r for r in dashboard_data({"service": survey.service})["volumes"]}
    assert volumes["FY2024Q2"]["rate_offered"] == 2 / 40
    assert volumes["FY2024Q1"]["rate_offered"] is None  # no volumes entered there
    assert differences() == {}
    with pytest.raises(CommandError, match="Unknown channel 'fax'"):
        call_command(
            "feedback",
            "set-volumes",
            "--service",
            slug,
            "--channel",
            "fax",
            "--quarter",
            "FY2024Q2",
            "--served",
            "1",
        )


def test_round_trip_equals_touchpoints_own_file_byte_for_byte():
    """A combined export imported and exported again is, quarter by quarter, the 17-column
    file Touchpoints itself writes for the same rows (`Form#to_a11_v2_csv`)."""
    survey = make_survey()
    rows = [s for s in four_quarters() if s.id != 108]  # 108's SSN is redacted on import
    rows.append(
        Submission(
            111,
            at(2024, 5, 5, 5),
            "1",
            "effectiveness,ease,efficiency,transparency,humanity,employee,other",
            answer_04="Line one\nline 2",
        )
    )
    import_combined_export(combined_export(questions(survey), rows), survey)
    for quarter in ("FY2024Q1", "FY2024Q2", "FY2024Q3", "FY2024Q4"):
        fiscal = parse_fiscal_quarter(quarter)
        start = datetime.combine(fiscal.start, time(0), tzinfo=UTC)
        end = datetime.combine(fiscal.end, time(23, 59, 59), tzinfo=UTC)
        assert responses_csv(quarter, survey) == a11_v2_csv(rows, start, end), quarter


def test_the_export_writes_0_for_an_option_offered_and_not_chosen():
    survey = make_survey(channel="web")
    submit_response(
        survey,
        {"question_1": 1, "question_2": ["ease"]},
        language="en",
        source="hosted",
        submitted_at=at(2024, 2, 1, 12),
    )
    [line] = responses_csv("FY2024Q2", survey).splitlines()[1:]
    pk = Response.objects.get().pk
    assert line == f"{pk},1,0,1,0,0,0,0,0,0,0,0,0,0,0,0,"  # never null: all seven offered


def test_one_file_per_service_and_channel(tmp_path):
    first, second = make_survey(channel="web"), make_survey(channel="phone")
    import_combined_export(combined_export(questions(first), four_quarters()), first)
    import_combined_export(combined_export(questions(second), four_quarters()[:5]), second)
    call_command(
        "feedback",
        "export-a11",
        "--quarter",
        "FY2024Q2",
        "--kind",
        "responses",
        "--out-dir",
        str(tmp_path),
    )
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [
        f"a11-responses-FY2024Q2-{first.service.slug}-web.csv",
        f"a11-responses-FY2024Q2-{second.service.slug}-phone.csv",
    ]
    text = (tmp_path / files[0]).read_text()
    assert [line.split(",")[0] for line in text.splitlines()] == ["external_id", "104", "105"]


def test_the_17_column_file_keeps_external_ids_and_imports_once():
    survey = make_survey()
    text = a11_v2_csv(four_quarters(), at(2023, 10, 1), at(2023, 12, 31, 23, 59, 59))
    for _ in range(2):
        assert import_touchpoints_responses(text, survey, "FY2024Q1").ok
    assert sorted(Response.objects.values_list("external_id", flat=True)) == ["101", "102"]


@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["no-bom", "bom"])
def test_the_17_column_cx_upload_imports_with_or_without_a_bom_once(tmp_path, capsys, bom):
    survey = make_survey()
    path = write(tmp_path, bom + a11_v2_csv(four_quarters(), at(2023, 10, 1),
                                            at(2023, 12, 31, 23, 59, 59)))
    for _ in range(2):
        call_command("feedback", "import-touchpoints", str(path), "--survey", str(survey.pk),
                     "--quarter", "FY2024Q1")
    assert sorted(Response.objects.values_list("external_id", flat=True)) == ["101", "102"]
    assert set(Response.objects.values_list("fiscal_quarter", flat=True)) == {"FY2024Q1"}


def test_the_staff_page_imports_the_combined_download_and_takes_volumes(staff_client):
    survey = make_survey(channel="web")
    client = staff_client("cx_analyst")
    upload = io.BytesIO(combined_export(questions(survey), four_quarters(), bom=True).encode())
    upload.name = "touchpoints.csv"
    page = client.post("/staff/cx/a11/", {"survey": survey.pk, "file": upload})
    assert page.status_code == 200
    assert b"Imported 8 responses." in page.content
    assert page.content.count(b"Volumes for a quarter") == 1
    assert b"FY2024Q3: 2 imported, 0 imported before, 1 archived in Touchpoints" in page.content
    saved = client.post(
        "/staff/cx/a11/",
        {
            "action": "volumes",
            "service": survey.service.pk,
            "channel": "web",
            "volume_quarter": "fy2024q3",
            "served": "12,500",
            "offered": "400",
        },
    )
    assert saved.status_code == 302 and saved["Location"].endswith("?quarter=FY2024Q3")
    [row] = summary_rows("FY2024Q3")
    assert (row["total_volume"], row["surveys_offered_count"]) == (12500, 400)
    refused = client.post(
        "/staff/cx/a11/",
        {
            "action": "volumes",
            "service": survey.service.pk,
            "channel": "web",
            "volume_quarter": "FY2024Q3",
            "served": "lots",
        },
    )
    assert refused.status_code == 400 and b"whole numbers" in refused.content


def test_the_staff_page_reports_an_import_and_its_problems_in_spanish(staff_client):
    survey = make_survey(channel="web")
    client = staff_client("cx_analyst")
    upload = io.BytesIO(combined_export(questions(survey), four_quarters()).encode())
    upload.name = "touchpoints.csv"
    page = client.post("/es/staff/cx/a11/", {"survey": survey.pk, "file": upload}).content.decode()
    assert "Se importaron 8 respuestas." in page
    assert ("3.er trimestre del año fiscal 2024: importadas, 2; ya importadas antes, 0; "
            "archivadas en Touchpoints, 1") in page
    assert "Omitidas, marcadas en Touchpoints: 1" in page
    assert "Omitidas, eliminadas en Touchpoints: 1" in page
    bad = combined_export(questions(survey), four_quarters()).replace(
        "2023-10-02 14:03:22 UTC", "2023-13-02 14:03:22 UTC").replace(",105,0,", ",105,7,")
    upload = io.BytesIO(bad.encode())
    upload.name = "touchpoints.csv"
    page = client.post("/es/staff/cx/a11/", {"survey": survey.pk, "file": upload})
    text = page.content.decode()
    assert page.status_code == 400 and "No se importó nada" in text
    assert "fila 2, Created at: no es una fecha y hora como 2024-01-15 14:03:22 UTC" in text
    assert "fila 6, question_1: debe ser 0 o 1; se encontró &#x27;7&#x27;" in text
    upload = io.BytesIO(combined_export(questions(survey), four_quarters()).encode())
    upload.name = "touchpoints.csv"
    page = client.post("/es/staff/cx/a11/", {"survey": survey.pk, "file": upload,
                                             "import_quarter": "FY2024Q1"}).content.decode()
    assert ("El trimestre FY2024Q1 no contiene 6 de las 8 respuestas del archivo" in page
            and "fila 5, 1 de enero de 2024, 3 a. m. UTC" in page)
    english = client.post("/staff/cx/a11/", {"action": "volumes", "service": survey.service.pk,
                                              "channel": "fax", "volume_quarter": "FY2024Q3",
                                              "served": "5"}).content.decode()
    spanish = client.post("/es/staff/cx/a11/", {"action": "volumes",
                                                "service": survey.service.pk, "channel": "fax",
                                                "volume_quarter": "FY2024Q3",
                                                "served": "5"}).content.decode()
    assert "Unknown channel &#x27;fax&#x27;" in english
    assert "Canal desconocido &#x27;fax&#x27;; use uno de estos:" in spanish
    page = client.get("/es/staff/cx/a11/?quarter=FY2024Q9&format=csv")
    assert page.status_code == 400
    assert "&#x27;FY2024Q9&#x27; no es un trimestre fiscal: escríbalo como FY2024Q2." in (
        page.content.decode())
