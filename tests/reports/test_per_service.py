"""A service's report shows its own customers' figures: a figure its app can read per service
(customers served and resolved, from the spine; phone, walk-in, help and Direct File figures)
counts that service only, equal to a recount of the raw rows; a figure read only for the whole
agency is marked so on the page, the PDF and in the open data."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.metrics.statistics import SMALL_SAMPLE_N
from civiccx.phone.models import QueueEntry
from civiccx.reports.building import draft_report, publish, submit
from civiccx.reports.figures import AGENCY, SERVICE, Number, resolve
from civiccx.services.interactions import record_interaction
from civiccx.services.models import Channel, Interaction, Outcome
from tests.factories import make_call_queue, make_service
from tests.reports.conftest import QUARTER, _at

pytestmark = pytest.mark.django_db


def _serve(service, count, outcome=Outcome.RESOLVED, quarter=QUARTER):
    at = _at(quarter)
    for n in range(count):
        moment = at + timedelta(hours=n)
        record_interaction(service=service, channel=Channel.PHONE, started_at=moment,
                           ended_at=moment, outcome=outcome)


@pytest.fixture
def served(answered_service):
    other = make_service(slug="other", name="Other service")
    _serve(answered_service, 31)
    _serve(answered_service, 9, Outcome.UNRESOLVED)
    _serve(other, 500)
    return answered_service


def test_served_and_resolved_count_the_reports_service_only(served):
    quarter = parse_fiscal_quarter(QUARTER)
    raw = Interaction.objects.filter(service=served, ended_at__date__gte=quarter.start,
                                     ended_at__date__lte=quarter.end)
    customers = resolve("services.served", served.pk, QUARTER)
    assert (customers.value, customers.scope) == (40, SERVICE) == (raw.count(), SERVICE)
    resolved = resolve("services.resolved_share", served.pk, QUARTER)
    assert resolved.value == pytest.approx(31 / 40)
    assert resolved.n == 40 and resolved.low < 31 / 40 < resolved.high
    assert resolve("services.served", served.pk, "FY2025Q2").value == 0


def test_an_agency_wide_figure_is_marked_in_every_format(served, season_figure, analyst,
                                                         publisher, client):
    report = draft_report(served, QUARTER, analyst.user,
                          keys=("services.served", season_figure))
    report = publish(submit(report, analyst.user), publisher.user)
    scopes = {f["key"]: f["numbers"][-1]["scope"] for f in report.data["figures"]}
    assert scopes == {"services.served": SERVICE, season_figure: AGENCY}

    args = [served.slug, QUARTER, report.version]
    page = client.get(reverse("reports:report-version", args=args)).content.decode()
    row = page.split(f'data-figure="{season_figure}"')[1].split("</tr>")[0]
    assert "whole agency" in row
    assert "whole agency" not in page.split('data-figure="services.served"')[1].split("</tr>")[0]
    assert "40" in page  # this service's customers, not the other service's 500

    pdf = client.get(reverse("reports:report-pdf", args=args)).content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "(whole agency)" in " ".join(text.split())

    rows = list(csv.DictReader(io.StringIO(
        client.get(reverse("reports:report-csv", args=args)).content.decode("utf-8-sig"))))
    latest = {r["figure"]: r for r in rows if r["quarter"] == QUARTER}
    assert latest["services.served"]["scope"] == "service"
    assert latest["services.served"]["value"] == "40"
    assert latest[season_figure]["scope"] == "agency"


def test_reports_published_before_scopes_read_as_they_were():
    old_a11 = {"key": "a11.trust", "quarter": QUARTER, "unit": "share", "value": 0.8, "n": 40}
    old_phone = {**old_a11, "key": "phone.service_level"}
    assert Number.from_dict(old_a11).scope == SERVICE
    assert Number.from_dict(old_phone).agency_wide


def test_a_services_report_shows_its_own_phone_waits(answered_service, analyst, publisher,
                                                     client):
    """Each service's calls wait differently: the report shows its own queue's answer time,
    not the agency's mean of both lines."""
    other = make_service(slug="other", name="Other service")
    at = _at(QUARTER)
    for service, waited in ((answered_service, 120), (other, 600)):
        queue = make_call_queue(service, slug=f"{service.slug}-line")
        for n in range(SMALL_SAMPLE_N):
            answered = at + timedelta(minutes=n)
            QueueEntry.objects.create(queue=queue, kind="hold", status="resolved",
                                      arrived_at=answered - timedelta(seconds=waited),
                                      first_claimed_at=answered)
    report = draft_report(answered_service, QUARTER, analyst.user,
                          keys=("phone.answer_minutes",))
    report = publish(submit(report, analyst.user), publisher.user)
    [number] = [f["numbers"][-1] for f in report.data["figures"]]
    assert (number["value"], number["n"], number["scope"]) == (2.0, SMALL_SAMPLE_N, SERVICE)
    assert resolve("phone.answer_minutes", other.pk, QUARTER).value == 10.0

    args = [answered_service.slug, QUARTER, report.version]
    page = client.get(reverse("reports:report-version", args=args)).content.decode()
    row = page.split('data-figure="phone.answer_minutes"')[1].split("</tr>")[0]
    assert "2.0" in row and "whole agency" not in row
    assert "6.0" not in row and "10.0" not in row  # neither the agency's mean nor the other's
