"""Staff forms for "What we heard" quotes and the annual CX capacity self-assessment: only a
progress report publisher may use them, bad input is refused with a message saying what to
fix, personal details are removed, every entry is in the audit log, and what is saved shows
on the public pages (a quote only with the customer's agreement)."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from civiccx.reports.building import draft_report, publish, submit
from civiccx.reports.forms import CapacityAssessmentForm
from civiccx.reports.models import CapacityAssessment, Quote
from tests.reports.conftest import QUARTER

pytestmark = pytest.mark.django_db

SAID = "They called me back when they said they would."


def _quote(client, for_service, **overrides):
    data = {"service": for_service.pk, "quarter": QUARTER.lower(), "text": SAID,
            "text_es": "", "public_consent": "on", **overrides}
    return client.post(reverse("reports:quotes"), data, follow=True)


def _scores(year, **overrides):
    data = {"fiscal_year": str(year)}
    for n, domain in enumerate(CapacityAssessment.Domain.values):
        data[f"{domain}_score"] = str(n % 5 + 1)
        data[f"{domain}_note"] = f"Why {domain}"
        data[f"{domain}_note_es"] = ""
    return {**data, **overrides}


def test_a_publisher_adds_a_quote_and_it_appears_in_the_published_report(
    publisher, analyst, answered_service, client
):
    response = _quote(publisher, answered_service)
    assert "It will appear in FY2025Q3" in response.content.decode()
    quote = Quote.objects.get()
    assert (quote.quarter, quote.public_consent, quote.text) == (QUARTER, True, SAID)
    assert LogEntry.objects.get_for_object(quote).filter(
        actor=publisher.user, action=LogEntry.Action.CREATE).exists()

    report = draft_report(answered_service, QUARTER, analyst.user, keys=("a11.trust",))
    report = publish(submit(report, analyst.user), publisher.user)
    page = client.get(reverse("reports:report", args=[answered_service.slug, QUARTER]))
    assert SAID in page.content.decode()


def test_a_quote_without_agreement_is_kept_but_said_never_to_be_published(
    publisher, analyst, answered_service, client
):
    response = _quote(publisher, answered_service, public_consent="")
    assert "it will never be published" in response.content.decode()
    report = draft_report(answered_service, QUARTER, analyst.user, keys=("a11.trust",))
    publish(submit(report, analyst.user), publisher.user)
    page = client.get(reverse("reports:report", args=[answered_service.slug, QUARTER]))
    assert SAID not in page.content.decode()


def test_personal_details_are_removed_and_the_publisher_is_told(publisher, answered_service):
    response = _quote(publisher, answered_service,
                      text="Great help. Call me at 555-201-3344 any time.")
    assert "Personal details were removed" in response.content.decode()
    assert "555-201-3344" not in Quote.objects.get().text


@pytest.mark.parametrize(("overrides", "message"), [
    ({"text": "   "}, "Enter what the customer said."),
    ({"text": "word " * 200}, "Keep a quote to 600 characters; this one has 999."),
    ({"quarter": "2025-3"}, "FY"),
    ({"service": "999999"}, "Select a valid choice."),
])
def test_a_bad_quote_is_refused_with_what_to_fix(publisher, answered_service, overrides, message):
    response = _quote(publisher, answered_service, **overrides)
    page = response.content.decode()
    assert response.status_code == 200 and "Please fix the highlighted fields" in page
    assert message in page
    assert not Quote.objects.exists()


def test_only_a_publisher_enters_quotes_and_scores(analyst, answered_service, client):
    for name in ("reports:quotes", "reports:capacity-new"):
        assert analyst.get(reverse(name)).status_code == 403
        assert client.get(reverse(name)).status_code == 302  # to sign-in
    assert _quote(analyst, answered_service).status_code == 403
    assert analyst.post(reverse("reports:capacity-new"), _scores(2024)).status_code == 403
    assert not Quote.objects.exists() and not CapacityAssessment.objects.exists()


def test_a_publisher_records_a_years_scores_and_they_are_published(publisher, client):
    response = publisher.post(reverse("reports:capacity-new"), _scores(2024), follow=True)
    assert "The FY2024 self-assessment is published" in response.content.decode()
    scores = {row.domain: row.score for row in CapacityAssessment.objects.all()}
    assert scores == {"measurement": 1, "governance": 2, "culture": 3, "research": 4,
                      "design": 5}
    row = CapacityAssessment.objects.get(domain="research")
    assert LogEntry.objects.get_for_object(row).filter(actor=publisher.user).exists()
    page = client.get(reverse("reports:index")).content.decode()
    table = page.split('id="capacity-caption"')[1].split("</table>")[0]
    assert "FY2024" in table and "Why research" in table
    assert '<th scope="row">Customer research</th><td class="text-right">4</td>' in table


def test_a_year_is_scored_once_and_never_in_the_future(publisher):
    publisher.post(reverse("reports:capacity-new"), _scores(2024))
    again = publisher.post(reverse("reports:capacity-new"), _scores(2024, measurement_score="5"))
    assert "FY2024 is already assessed" in again.content.decode()
    assert CapacityAssessment.objects.get(fiscal_year=2024, domain="measurement").score == 1

    form = CapacityAssessmentForm(_scores(2027), today=date(2026, 9, 30))  # FY2026's last day
    assert not form.is_valid()
    assert "from 2000 to 2026" in form.errors["fiscal_year"][0]
    assert CapacityAssessmentForm(_scores(2027), today=date(2026, 10, 1)).is_valid()


@pytest.mark.parametrize(("overrides", "field"), [
    ({"culture_score": "6"}, "culture_score"),
    ({"culture_score": ""}, "culture_score"),
    ({"fiscal_year": "next year"}, "fiscal_year"),
])
def test_a_bad_score_is_refused(publisher, overrides, field):
    response = publisher.post(reverse("reports:capacity-new"), _scores(2024, **overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Please fix the highlighted fields" in response.content.decode()
    assert not CapacityAssessment.objects.exists()
