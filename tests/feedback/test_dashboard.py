"""The CX dashboard: who may see it, the numbers it shows, and its CSV downloads."""

import csv
import io

import pytest
from django.urls import reverse

from civiccx.feedback.services import submit_response
from tests.factories import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def responses():
    survey = make_survey(instrument_name="a11_classic")
    for satisfaction in (5, 4, 4, 2, 1):
        submit_response(survey, {"satisfaction": str(satisfaction), "trust": "5"},
                        language="en", source="hosted", channel="web")
    return survey


def test_csr_cannot_open_the_dashboard(staff_client):
    assert staff_client("csr").get(reverse("feedback:dashboard")).status_code == 403


def test_dashboard_shows_scores_and_a_chart(staff_client, responses):
    page = staff_client("cx_analyst").get(reverse("feedback:dashboard")).content.decode()
    assert "Scores by driver" in page and "<svg" in page
    assert "3.20" in page  # satisfaction mean of 5, 4, 4, 2, 1
    assert "60%" in page  # three of five agree


def test_driver_table_downloads_as_csv(staff_client, responses):
    response = staff_client("cx_analyst").get(reverse("feedback:dashboard"),
                                              {"download": "drivers"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    satisfaction = next(row for row in rows if row["driver"] == "satisfaction")
    assert satisfaction["responses"] == "5" and satisfaction["mean"] == "3.20"
    assert satisfaction["percent_agree"] == "60.0"


def test_bad_quarter_filter_is_explained(staff_client, responses):
    page = staff_client("cx_analyst").get(reverse("feedback:dashboard"), {"from": "2024Q9"})
    assert page.status_code == 200
    assert "2024Q9" in page.content.decode()


def test_comment_downloads_cannot_run_as_spreadsheet_formulas(staff_client):
    survey = make_survey(instrument_name="a11_v2")
    submit_response(survey, {"question_1": "0", "question_4": "=HYPERLINK(\"http://x.example\")"},
                    language="en", source="hosted", channel="web")
    response = staff_client("cx_analyst").get(reverse("feedback:comments"), {"download": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][-1] == "'=HYPERLINK(\"http://x.example\")"


def test_trust_asked_both_ways_counts_every_answer(staff_client, responses):
    """One service asks trust on the 1-5 scale (five agree), another as thumbs (one up, three
    down): with every service shown, trust is 6 of 9 agreeing, not the 1-5 answers alone, and
    no mean of five is shown for it."""
    thumbs = make_survey(instrument_name="a11_v2")
    for answer in (1, 0, 0, 0):
        submit_response(thumbs, {"question_1": answer}, language="en", source="hosted",
                        channel="web")
    response = staff_client("cx_analyst").get(reverse("feedback:dashboard"),
                                              {"download": "drivers"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    trust = next(row for row in rows if row["driver"] == "trust")
    assert (trust["responses"], trust["percent_agree"], trust["mean"]) == ("9", "66.7", "")
    alone = staff_client("cx_analyst").get(reverse("feedback:dashboard"), {
        "service": responses.service.slug, "download": "drivers"})
    trust = next(row for row in csv.DictReader(io.StringIO(alone.content.decode()))
                 if row["driver"] == "trust")
    assert (trust["responses"], trust["percent_agree"], trust["mean"]) == ("5", "100.0", "5.00")


def test_the_comments_and_scores_read_in_spanish(staff_client):
    """Issue #20: a Spanish staff page named the service in English, printed the quarter's
    code ("FY2027Q2") and the tags' ids ("negative", "wait_time")."""
    from django.utils import timezone

    from civiccx.core.fiscal import fiscal_quarter
    from tests.factories import make_service
    from tests.test_people_read_it import visible_text

    service = make_service(name="Phone help with a callback",
                           name_es="Ayuda por teléfono con devolución de llamada")
    survey = make_survey(service=service, instrument_name="a11_v2")
    submit_response(survey, {"question_1": "0", "question_4": "I waited on hold for hours, "
                             "terrible"}, language="en", source="hosted", channel="web")
    quarter = fiscal_quarter(timezone.localdate())
    ordinal = {1: "1.er", 2: "2.º", 3: "3.er", 4: "4.º"}[quarter.quarter]
    spoken = f"{ordinal} trimestre del año fiscal {quarter.year}"
    client = staff_client("cx_analyst")

    english = visible_text(client.get(reverse("feedback:comments")).content.decode(), "en")
    assert "Phone help with a callback" in english and str(quarter) in english
    assert "Wait time" in english
    page = visible_text(client.get("/es" + reverse("feedback:comments")).content.decode())
    assert "Ayuda por teléfono con devolución de llamada" in page and spoken in page
    assert "negativo" in page and "Tiempo de espera" in page
    for english in ("Phone help with a callback", str(quarter), "negative", "wait_time"):
        assert english not in page, english

    scores = visible_text(client.get("/es/staff/cx/").content.decode())
    assert spoken in scores and str(quarter) not in scores


def test_a_quarter_without_answers_is_not_flagged_as_a_small_sample(staff_client, responses):
    """A quarter with volumes but no survey answers showed "0 SMALL" in every driver table;
    zero answers is no sample, shown as 0 beside dashes, and only a real small sample (here the
    five answers of this quarter) keeps its flag."""
    client = staff_client("cx_analyst")
    response = client.post(reverse("feedback:a11-export"), {
        "action": "volumes", "service": responses.service.pk, "channel": "web",
        "volume_quarter": "FY2024Q2", "served": "5", "offered": ""})
    assert response.status_code in (200, 302)
    page = client.get(reverse("feedback:dashboard")).content.decode()
    assert '<td class="text-right">0</td>' in page and "0 <span class=\"usa-tag" not in page
    assert '<td class="text-right">5 <span class="usa-tag' in page


def test_a_quarter_nobody_was_served_or_answered_in_is_not_a_row_of_zeros(
        staff_client, responses, monkeypatch):
    """Rollup cells of other figures (a past Direct File season) made quarters appear on the
    dashboard with every count 0."""
    from civiccx.feedback import dashboard
    from civiccx.metrics.rollups import QuarterScores

    real = dashboard.read_scores

    def with_an_empty_quarter(filters):
        return {("FY2019Q2",): QuarterScores(), **real(filters)}

    monkeypatch.setattr(dashboard, "read_scores", with_an_empty_quarter)
    page = staff_client("cx_analyst").get(reverse("feedback:dashboard")).content.decode()
    assert "FY2019" not in page and "2019" not in page
    assert "3.20" in page  # the quarter with answers is still there
