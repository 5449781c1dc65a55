"""The analytics page and its CSV downloads, as editors and analysts use them."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civiccx.help.models import SearchLog, Vote
from tests.help.factories import escalate, make_help_translation

pytestmark = pytest.mark.django_db

URL = "/staff/help/analytics/"


def search(query, *, days_ago=1, results=5, clicked=False, visit="a" * 32, language="en"):
    return SearchLog.objects.create(
        query=query, normalized=query.lower(), language=language, results=results,
        clicked_slug="refund-status" if clicked else "", clicked_rank=1 if clicked else None,
        visit=visit, at=timezone.now() - timedelta(days=days_ago))


@pytest.fixture
def known_rows():
    for number in range(8):
        search("refund status", clicked=number < 6, visit=f"{number}" * 32)
    for _ in range(3):
        search("crypto", results=0, visit="8" * 32)
    search("itin renewal", results=0, days_ago=20, visit="9" * 32)
    escalate(visit="8" * 32, channel="phone")
    article = make_help_translation("amend-a-return", title="Amend a return")
    for number in range(12):
        Vote.objects.create(translation=article, helpful=number < 2,
                            at=timezone.now() - timedelta(days=2),
                            comment="Does not say how long it takes" if number == 5 else "")


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("role", ["cx_analyst", "content_editor", "content_publisher", "admin"])
def test_editors_and_analysts_see_the_figures(staff_client, known_rows, role):
    page = staff_client(role).get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Help center search analytics" in html
    assert "<svg" in html and 'role="img"' in html
    assert "refund status" in html and "crypto" in html and "Amend a return" in html
    assert "Does not say how long it takes" in html


def test_headline_figures_for_the_default_30_days(staff_client, known_rows):
    figures = staff_client("cx_analyst").get(URL).context["figures"]
    assert (figures.searches, figures.visits) == (12, 10)
    assert figures.zero_result == 4 and figures.clicked == 6
    assert figures.deflection == pytest.approx(0.9)
    assert figures.escalations == {"phone": 1}
    assert (figures.votes, figures.helpful_votes) == (12, 2)


def test_the_page_states_the_figures_as_people_read_them(staff_client, known_rows):
    html = staff_client("cx_analyst").get(URL, {"period": "7"}).content.decode()
    figures = re.findall(r'class="civiccx-stat margin-0">([^<]+)<', html)
    # 11 searches in the last 7 days; 3 found nothing; 6 opened a result; 2 of 12 votes said
    # yes; 1 of 9 visits asked for a callback.
    assert figures == ["11", "27.3%", "54.5%", "16.7%", "88.9%"]
    assert "in 9 search visits" in html and "95% interval 4.7% to 44.8%" in html
    assert "itin renewal" not in html  # searched 20 days ago


def test_the_period_and_language_filters(staff_client, known_rows):
    client = staff_client("cx_analyst")
    assert client.get(URL, {"period": "90"}).context["figures"].searches == 12
    assert client.get(URL, {"period": "7"}).context["figures"].searches == 11
    today = timezone.localdate()
    dates = {"period": "dates", "start": str(today - timedelta(days=25)),
             "end": str(today - timedelta(days=15))}
    assert client.get(URL, dates).context["figures"].searches == 1
    spanish = client.get(URL, {"language": "es"})
    assert spanish.context["figures"].searches == 0
    assert "No searches in this period." in spanish.content.decode()


def test_csr_is_refused_and_the_public_is_sent_to_sign_in(client, staff_client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:staff-login"))
    assert client.get(URL + "top-queries.csv").status_code == 302
    csr = staff_client("csr")
    assert csr.get(URL).status_code == 403
    assert csr.get(URL + "top-queries.csv").status_code == 403


def test_a_bad_date_is_explained_and_the_other_choices_are_kept(staff_client, known_rows):
    response = staff_client("cx_analyst").get(URL, {
        "period": "dates", "start": "2024-02-30", "end": "2024-03-31", "language": "es",
        "min_votes": "25"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no such date as 2024-02-30." in html
    assert 'value="2024-03-31"' in html and 'value="25"' in html
    assert '<option value="es" selected>' in html
    assert 'value="dates" id="id_period_3" checked' in html
    assert "refund status" not in html  # no figures for a period we could not read


@pytest.mark.parametrize(("start", "end", "message"), [
    ("03/01/2024", "2024-03-31", "Enter the date as year-month-day, for example 2024-03-01."),
    ("2024-03-31", "2024-03-01", "The last day must be on or after the first day."),
    ("", "2024-03-01", "Enter the first day, or choose one of the last 7, 30 or 90 days."),
    ("2020-01-01", "2024-03-01", "Choose a period of at most two years."),
])
def test_other_date_problems_are_explained(staff_client, start, end, message):
    response = staff_client("content_editor").get(
        URL, {"period": "dates", "start": start, "end": end})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_dates_are_ignored_unless_the_period_asks_for_them(staff_client, known_rows):
    response = staff_client("cx_analyst").get(
        URL, {"period": "7", "start": "not a date", "end": ""})
    assert response.status_code == 200
    assert response.context["figures"].searches == 11


def test_a_bad_threshold_is_explained(staff_client):
    response = staff_client("cx_analyst").get(URL, {"max_ctr": "150"})
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 100." in response.content.decode()


def test_csv_downloads_hold_the_tables(staff_client, known_rows):
    client = staff_client("cx_analyst")
    top = client.get(URL + "top-queries.csv", {"period": "30"})
    assert 'filename="help-top-queries-' in top["Content-Disposition"]
    rows = csv_rows(top)
    assert rows[0][:6] == ["query", "searches", "visits", "mean_results", "clicks",
                           "click_through_percent"]
    assert [row[:6] for row in rows[1:]] == [
        ["refund status", "8", "8", "5.0", "6", "75.0"], ["crypto", "3", "1", "0.0", "0", "0.0"],
        ["itin renewal", "1", "1", "0.0", "0", "0.0"]]

    zero = csv_rows(client.get(URL + "zero-result-queries.csv", {"period": "7"}))
    assert [row[:3] for row in zero[1:]] == [["crypto", "3", "1"]]

    [header, article] = csv_rows(client.get(URL + "low-helpfulness.csv"))
    assert dict(zip(header, article, strict=True)) | {"page": ""} == {
        "article": "amend-a-return", "language": "en", "title": "Amend a return",
        "votes": "12", "helpful": "2", "helpful_percent": "16.7", "ci_low_percent": "4.7",
        "ci_high_percent": "44.8", "clearly_low": "yes", "page": "",
        "recent_comments": "Does not say how long it takes"}

    summary = dict(csv_rows(client.get(URL + "summary.csv"))[1:])
    assert summary["deflection_percent"] == "90.0"
    assert summary["escalations_phone"] == "1" and summary["escalations_in_person"] == "0"

    weeks = csv_rows(client.get(URL + "deflection-by-week.csv", {"period": "7"}))
    assert sum(int(row[1]) for row in weeks[1:]) >= 8
    days = csv_rows(client.get(URL + "searches-by-day.csv", {"period": "7"}))
    assert len(days) == 8 and sum(int(row[1]) for row in days[1:]) == 11

    assert client.get(URL + "nonsense.csv").status_code == 404
    assert client.get(URL + "top-queries.csv", {"period": "dates"}).status_code == 400


def test_csv_cells_typed_by_the_public_cannot_run_as_formulas(staff_client):
    search("=HYPERLINK(\"http://evil.example\")", results=0)
    rows = csv_rows(staff_client("cx_analyst").get(URL + "zero-result-queries.csv"))
    assert rows[1][0] == "'=hyperlink(\"http://evil.example\")"


def test_the_staff_workspace_lists_the_page_for_editors_only(staff_client):
    assert URL in staff_client("content_editor").get("/staff/").content.decode()
    assert URL not in staff_client("csr").get("/staff/").content.decode()
