"""Classic 5-point Likert history: imported all or nothing and once, every Touchpoints channel
has a home, and the legacy quarterly report equals counts and means computed by hand."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from civiccx.feedback.likert_history import (
    TOUCHPOINTS_CHANNELS,
    exact_percent,
    import_likert_history,
    legacy_reports,
)
from civiccx.feedback.models import Comment, Response
from civiccx.metrics.models import Rollup
from civiccx.metrics.rebuild import differences
from civiccx.services.models import Channel
from tests.factories import make_survey

pytestmark = pytest.mark.django_db

HEADER = "response_id,submitted_at,service,channel,language,q1,q2,q3,q4,q5,q6,q7,comment\n"
Q1 = [1] * 5 + [2] * 8 + [3] * 10 + [4] * 30 + [5] * 27  # 80 answers, 57 agree, sum 306
Q2 = [1] * 2 + [2] * 3 + [3] * 5 + [4] * 20 + [5] * 40  # 70 answers, 60 agree, sum 303


def history(slug):
    """FY2024 Q2 on the automated phone line, with blanks; one row on each other channel in
    Q3. Hand-computed: q1 = [5, 8, 10, 30, 27] (mean 306/80 = 3.825 -> 3.83, agree 57/80 =
    71.25% -> 71.3), q2 = [2, 3, 5, 20, 40] (303/70 = 4.3286 -> 4.33, 60/70 -> 85.7),
    q7 = eleven 5s (5.00, 100.0), q3-q6 unanswered."""
    lines = [HEADER]
    for i in range(80):
        q2 = Q2[i] if i < 70 else ""
        q7 = 5 if i < 10 else ""
        lines.append(
            f"r{i},2024-02-{1 + i % 28:02d} 15:00:00 UTC,{slug},automated_phone,"
            f"{'es' if i % 4 == 0 else 'en'},{Q1[i]},{q2},,,,,{q7},\n"
        )
    lines.append(
        f"r80,2024-03-31T23:00:00Z,{slug},automated_phone,en,,,,,,,5,"
        f'"Good, but my SSN 123-45-6789 was asked twice"\n'
    )
    for n, channel in enumerate(("email", "live_chat", "computer")):
        lines.append(f"c{n},2024-04-0{n + 1} 10:00:00 UTC,{slug},{channel},en,4,4,,,,,,\n")
    return "".join(lines)


def test_every_touchpoints_channel_has_a_catalog_home():
    touchpoints = [
        "computer",
        "mobile",
        "email",
        "chatbot",
        "phone",
        "automated_phone",
        "in_person",
        "paper",
        "postal_mail",
        "fax",
        "self_service_kiosk",
        "other_non_digital",
        "website",
        "mobile_app",
        "live_chat",
        "sms_text_messages",
        "social_media",
        "other_digital",
    ]  # Service.channels
    assert sorted(TOUCHPOINTS_CHANNELS) == sorted(touchpoints)
    assert set(TOUCHPOINTS_CHANNELS.values()) <= set(Channel.values)
    for name in ("automated_phone", "email", "live_chat"):
        assert TOUCHPOINTS_CHANNELS[name] == name


def test_the_legacy_report_equals_hand_computed_counts_and_means():
    survey = make_survey(instrument_name="a11_classic")
    result = import_likert_history(history(survey.service.slug))
    assert result.ok, result.errors
    assert result.quarters == {"FY2024Q2": 81, "FY2024Q3": 3}
    [report] = legacy_reports("FY2024Q2")
    row = report.row
    assert row["channel"] == "Automated phone" and row["volume_of_respondents"] == 81
    assert [row[f"q1_{p}"] for p in range(1, 6)] == [5, 8, 10, 30, 27]
    assert [row[f"q2_{p}"] for p in range(1, 6)] == [2, 3, 5, 20, 40]
    assert [row[f"q7_{p}"] for p in range(1, 6)] == [0, 0, 0, 0, 11]
    assert [row[f"q3_{p}"] for p in range(1, 6)] == [0] * 5
    assert row["q1_text"].startswith("I am satisfied with the service I received from")
    assert report.means == {
        "q1": "3.83",
        "q2": "4.33",
        "q3": "",
        "q4": "",
        "q5": "",
        "q6": "",
        "q7": "5.00",
    }
    assert report.agree == {
        "q1": "71.3",
        "q2": "85.7",
        "q3": "",
        "q4": "",
        "q5": "",
        "q6": "",
        "q7": "100.0",
    }
    channels = sorted(r.row["channel"] for r in legacy_reports("FY2024Q3"))
    assert channels == ["Digital", "Email", "Live chat"]
    assert Comment.objects.get().text == "Good, but my SSN [SSN] was asked twice"
    assert Response.objects.filter(language="es").count() == 20
    assert differences() == {}


def test_a_second_import_changes_nothing_and_bad_rows_store_nothing(tmp_path, capsys):
    survey = make_survey(instrument_name="a11_classic")
    path = tmp_path / "history.csv"
    path.write_text("\ufeff" + history(survey.service.slug), encoding="utf-8")
    call_command("feedback", "import-likert", str(path))
    counts = sorted(Rollup.objects.values_list("metric", "c1", "c2", "c3", "c4", "c5"))
    call_command("feedback", "import-likert", str(path))
    assert "0 imported, 84 already imported." in capsys.readouterr().out
    assert sorted(Rollup.objects.values_list("metric", "c1", "c2", "c3", "c4", "c5")) == counts
    Response.objects.all().delete()
    Rollup.objects.all().delete()
    bad = history(survey.service.slug).replace("r3,2024-02-04 15:00:00 UTC", "r3,yesterday")
    bad = bad.replace(
        f"c0,2024-04-01 10:00:00 UTC,{survey.service.slug},email,en,4,",
        f"c0,2024-04-01 10:00:00 UTC,{survey.service.slug},telegraph,en,6,",
    )
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing imported: 3 problem"):
        call_command("feedback", "import-likert", str(path))
    err = capsys.readouterr().err
    assert "row 5, submitted_at: not a date" in err
    assert "row 83, channel: unknown channel 'telegraph'" in err
    assert "row 83, q1: must be 1 to 5 or blank, got '6'" in err
    assert not Response.objects.exists() and not Rollup.objects.exists()


def test_the_legacy_report_command_writes_the_touchpoints_columns(capsys):
    survey = make_survey(instrument_name="a11_classic")
    import_likert_history(history(survey.service.slug))
    call_command("feedback", "legacy-report", "--quarter", "FY2024Q2")
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(row)[:3] == ["id", "collection_id", "collection_year"]
    assert (row["q1_4"], row["q1_mean"], row["q1_percent_agree"]) == ("30", "3.83", "71.3")


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (57, 80, "71.3"),
        (1, 8, "12.5"),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 40, "2.5"),
        (0, 5, "0.0"),
    ],
)
def test_percentages_round_half_up_on_the_exact_fraction(part, whole, shown):
    assert exact_percent(part, whole) == shown
