"""Reports for each audience the issue names: customers and the public, partners and the
community (public pages of their own), and employees (for signed-in staff only). A report is
published for its audience's pages only; each has its page, PDF, CSV and JSON."""

import pytest
from django.urls import reverse

from civiccx.reports.models import ProgressReport
from tests.factories import make_staff
from tests.fixtures import sign_in_staff
from tests.reports.conftest import QUARTER

pytestmark = pytest.mark.django_db

PARTNERS_NEXT = "We will share the callback schedule with partner clinics each month."
EMPLOYEES_NEXT = "Representatives asked for a shorter callback script; it is in the workspace."


def _publish_for(audience, analyst, publisher, service, next_steps):
    response = analyst.post(reverse("reports:start"), {
        "service": service.slug, "quarter": QUARTER, "audience": audience})
    assert response.status_code == 302
    report = ProgressReport.objects.get(service=service, quarter=QUARTER, audience=audience)
    analyst.post(reverse("reports:edit", args=[report.pk]),
                 {"figures": ["a11.trust"], "next_steps": next_steps})
    analyst.post(reverse("reports:step", args=[report.pk, "submit"]))
    publisher.post(reverse("reports:step", args=[report.pk, "publish"]))
    report.refresh_from_db()
    assert report.state == ProgressReport.State.PUBLISHED
    return report


@pytest.fixture
def both(analyst, publisher, answered_service):
    return (_publish_for("partners", analyst, publisher, answered_service, PARTNERS_NEXT),
            _publish_for("employees", analyst, publisher, answered_service, EMPLOYEES_NEXT))


def test_partners_have_public_pages_of_their_own(both, client):
    partners, _employees = both
    index = client.get(reverse("reports:partners-index")).content.decode()
    assert "Performance reports for: Partners" in index
    url = reverse("reports:partners-report-version",
                  args=[partners.service.slug, QUARTER, 1])
    assert f'href="{url}"' in index
    page = client.get(url).content.decode()
    assert PARTNERS_NEXT in page and "Written for: Partners." in page
    assert EMPLOYEES_NEXT not in page
    for name in ("partners-report-pdf", "partners-report-csv", "partners-report-json"):
        response = client.get(reverse(f"reports:{name}",
                                      args=[partners.service.slug, QUARTER, 1]))
        assert response.status_code == 200, name
    spanish = client.get("/es" + url).content.decode()
    assert "Organizaciones aliadas" in spanish


def test_an_audiences_report_is_not_on_the_publics_pages_or_feed(both, client):
    partners, _employees = both
    args = [partners.service.slug, QUARTER]
    assert client.get(reverse("reports:report", args=args)).status_code == 404
    assert client.get(reverse("reports:report-version", args=[*args, 1])).status_code == 404
    public = client.get(reverse("reports:index")).content.decode()
    assert "No reports are published yet." in public
    assert PARTNERS_NEXT not in client.get(reverse("reports:feed")).content.decode()
    # and the public's page links to each audience's list
    assert reverse("reports:partners-index") in public
    assert reverse("reports:employees-index") in public


def test_employees_reports_need_a_staff_sign_in(both, client):
    _partners, employees = both
    args = [employees.service.slug, QUARTER, 1]
    for name in ("employees-index", "employees-report-version", "employees-report-pdf",
                 "employees-report-json"):
        url = reverse(f"reports:{name}", args=[] if name == "employees-index" else args)
        response = client.get(url)
        assert response.status_code == 302 and "/staff/sign-in/" in response.url, name
    representative = make_staff("csr", "a-representative")
    sign_in_staff(client, representative)
    index = client.get(reverse("reports:employees-index")).content.decode()
    assert "staff only" in index
    page = client.get(reverse("reports:employees-report-version", args=args)).content.decode()
    assert EMPLOYEES_NEXT in page and PARTNERS_NEXT not in page
    # the partners' report is not served at the employees' address, nor the reverse
    assert client.get(reverse("reports:partners-report-version",
                              args=args)).status_code == 200
    assert client.get(reverse("reports:employees-report-version",
                              args=[args[0], "FY2025Q2", 1])).status_code == 404


def test_the_builder_refuses_an_unknown_audience(analyst, answered_service):
    response = analyst.post(reverse("reports:start"), {
        "service": answered_service.slug, "quarter": QUARTER, "audience": "investors"},
        follow=True)
    assert "Select a valid choice" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_no_personal_information_in_the_partners_artifacts(analyst, publisher,
                                                           answered_service, client):
    from civiccx.reports.models import Quote
    from tests.reports.test_publication import NOT_CONSENTED, PII

    Quote.objects.create(service=answered_service, quarter=QUARTER, text=NOT_CONSENTED)
    Quote.objects.create(service=answered_service, quarter=QUARTER, public_consent=True,
                         text="Write to me at pat@example.com, it was quick.")
    report = _publish_for("partners", analyst, publisher, answered_service, PARTNERS_NEXT)
    args = [report.service.slug, QUARTER, report.version]
    from io import BytesIO

    from pypdf import PdfReader

    texts = {name: client.get(reverse(f"reports:partners-{name}", args=args)).content
             for name in ("report-version", "report-csv", "report-json", "report-pdf")}
    texts["report-pdf"] = " ".join(p.extract_text()
                                   for p in PdfReader(BytesIO(texts["report-pdf"])).pages)
    texts["index"] = client.get(reverse("reports:partners-index")).content
    for name, text in texts.items():
        text = text if isinstance(text, str) else text.decode()
        assert "Maria" not in text and "555" not in text, name
        assert not any(pattern.search(text) for pattern in PII), name
    assert "it was quick" in texts["report-version"].decode()
