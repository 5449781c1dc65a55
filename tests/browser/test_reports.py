"""Keyboard only: a CX analyst edits the drafted quarterly report and sends it for review; a
publisher approves it; the public page (axe-clean in English and Spanish) and its PDF appear
with the same numbers."""

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from civiccx.reports.building import draft_report
from civiccx.reports.models import ProgressReport
from tests.browser.keyboard import tab_to
from tests.browser.test_sign_in import _staff_sign_in
from tests.reports.conftest import QUARTER, answered_service  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(os.environ.get("CIVICCX_SCREENSHOTS", "var/screenshots"))
LEARNED = "Callers who were called back trusted us more than callers who held."


def _press(page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Enter")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"reports-{name}.png"), full_page=True)


def test_analyst_edits_publisher_approves_public_page_and_pdf_appear(
    live_server,
    browser,
    page,
    assert_accessible,
    answered_service,  # noqa: F811 (the fixture imported above)
):
    from tests.factories import make_staff

    base = live_server.url
    analyst, publisher = make_staff("cx_analyst"), make_staff("report_publisher")
    report = draft_report(answered_service, QUARTER, analyst)  # as the quarter's close drafts it

    _staff_sign_in(page, base, analyst)
    page.goto(f"{base}/staff/reports/")
    assert_accessible(page, "report builder list")
    _press(page, f"a[href='/staff/reports/{report.pk}/']")
    page.wait_for_url(f"**/staff/reports/{report.pk}/")
    assert_accessible(page, "draft editor")
    tab_to(page, "textarea[name=learned]")
    page.keyboard.type("Trust rose to 90% this quarter.")
    _press(page, "form.usa-form button[type=submit]")
    page.get_by_text("Numbers come from the data").first.wait_for()
    tab_to(page, "textarea[name=learned]")
    page.keyboard.press("Control+A")
    page.keyboard.type(LEARNED)
    _press(page, "form.usa-form button[type=submit]")
    page.get_by_text("Draft saved.").wait_for()
    _shot(page, "draft-editor")
    _press(page, "form[action$='/submit/'] button")
    page.get_by_text("Sent for review.").wait_for()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    reviewer = context.new_page()
    try:
        _staff_sign_in(reviewer, base, publisher)
        reviewer.goto(f"{base}/staff/reports/")
        _press(reviewer, f"a[href='/staff/reports/{report.pk}/']")
        reviewer.wait_for_url(f"**/staff/reports/{report.pk}/")
        assert LEARNED in reviewer.content()
        assert_accessible(reviewer, "report in review")
        _press(reviewer, "form[action$='/publish/'] button")
        reviewer.get_by_text("Published.", exact=True).wait_for()
        _press(reviewer, "a[href*='/performance/']")
        reviewer.wait_for_url("**/performance/phone-help/**/v1/")
        assert reviewer.get_by_role("heading", name="Headline figures").is_visible()
        assert LEARNED in reviewer.content()
        value = reviewer.locator("#headline-figures tbody tr").first.locator("td").first
        shown = value.inner_text()
        assert shown in ("80%", "75%")
        assert_accessible(reviewer, "public report")
        _shot(reviewer, "public-report")
        pdf_href = reviewer.get_by_role("link", name="PDF").get_attribute("href")
        pdf = reviewer.request.get(base + pdf_href)
        assert pdf.headers["content-type"] == "application/pdf"
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
        assert shown in text and "Callers who were called back" in text
        reviewer.goto(base + "/es" + reviewer.url.removeprefix(base))
        assert reviewer.get_by_role("heading", name="Cifras principales").is_visible()
        assert_accessible(reviewer, "public report (Spanish)")
        _shot(reviewer, "public-report-es")
        for path in (
            "/performance/",
            "/es/performance/",
            "/performance/commitments/",
            "/es/performance/data-dictionary/",
        ):
            reviewer.goto(base + path)
            assert_accessible(reviewer, path)
        _shot(reviewer, "data-dictionary-es")
        reviewer.goto(base + "/performance/")
        _shot(reviewer, "index")
    finally:
        context.close()
    report.refresh_from_db()
    assert report.state == ProgressReport.State.PUBLISHED and report.published_by == publisher


def test_publisher_enters_a_quote_and_scores_by_keyboard_and_partners_read_it(
    live_server,
    page,
    assert_accessible,
    answered_service,  # noqa: F811 (the fixture imported above)
):
    """The quote and capacity forms, keyboard only and axe-clean (with their error states),
    and the partners' pages in English and Spanish."""
    from civiccx.reports.building import publish, submit
    from civiccx.reports.models import CapacityAssessment, Quote
    from tests.factories import make_staff

    base = live_server.url
    analyst, publisher = make_staff("cx_analyst"), make_staff("report_publisher")
    _staff_sign_in(page, base, publisher)
    page.goto(f"{base}/staff/reports/")
    _press(page, "a[href='/staff/reports/quotes/']")
    page.wait_for_url("**/staff/reports/quotes/")
    assert_accessible(page, "quote form")
    _press(page, "form.usa-form button[type=submit]")  # nothing filled in
    page.get_by_text("Please fix the highlighted fields").wait_for()
    assert_accessible(page, "quote form with errors")
    tab_to(page, "select[name=service]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "input[name=quarter]")
    page.keyboard.type(QUARTER)
    tab_to(page, "textarea[name=text]")
    page.keyboard.type("They called me back when they said they would.")
    tab_to(page, "input[name=public_consent]")
    page.keyboard.press("Space")
    _press(page, "form.usa-form button[type=submit]")
    page.get_by_text("It will appear in").wait_for()
    assert Quote.objects.get().public_consent

    page.goto(f"{base}/staff/reports/capacity/")
    assert_accessible(page, "capacity form")
    tab_to(page, "input[name=fiscal_year]")
    page.keyboard.type("2025")
    for domain in CapacityAssessment.Domain.values:
        tab_to(page, f"input[name={domain}_score]")  # a radio group is one tab stop
        page.keyboard.press("Space")  # 1
        page.keyboard.press("ArrowDown")  # 2
        page.keyboard.press("ArrowDown")  # 3
    _press(page, "form.usa-form button[type=submit]")
    page.get_by_text("self-assessment is published").wait_for()
    assert CapacityAssessment.objects.filter(fiscal_year=2025, score=3).count() == 5
    _shot(page, "capacity-form")

    report = draft_report(answered_service, QUARTER, analyst, keys=("a11.trust",),
                          audience="partners")
    publish(submit(report, analyst), publisher)
    for language in ("", "/es"):
        page.goto(f"{base}{language}/performance/partners/")
        assert_accessible(page, f"{language} partners' reports")
        _press(page, f"a[href$='/performance/partners/phone-help/{QUARTER}/v1/']")
        page.wait_for_url(f"**/performance/partners/phone-help/{QUARTER}/v1/")
        assert_accessible(page, f"{language} a partners' report")
    _shot(page, "partners-report-es")


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_public_report_pages_fit_a_phone_without_sideways_scrolling(
    live_server, page, assert_accessible, prefix,
    answered_service,  # noqa: F811 (the fixture imported above)
):
    """At 390 px the commitments and archive tables pushed the whole page sideways; a wide
    table scrolls inside its own frame, as the headline table and the charts do."""
    from civiccx.reports.building import publish, submit
    from civiccx.reports.models import Commitment
    from tests.factories import make_staff

    analyst, publisher = make_staff("cx_analyst"), make_staff("report_publisher")
    Commitment.objects.create(
        service=answered_service, title="Raise trust", metric="a11.trust",
        baseline_quarter=QUARTER, target=0.9, due_quarter="FY2026Q2",
        owner="Office of Taxpayer Experience")
    report = publish(submit(draft_report(answered_service, QUARTER, analyst), analyst), publisher)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/performance/", "/performance/commitments/",
                 f"/performance/{answered_service.slug}/{report.quarter}/v{report.version}/"):
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert_accessible(page, f"{prefix}{path} at 390 px")
