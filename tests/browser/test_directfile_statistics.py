"""The public season statistics page passes axe in English and Spanish, and its chart is
followed by its numbers."""

import os

import pytest

from civiccx.directfile.demo.history import funnel_cells, season_cells
from civiccx.metrics.rollups import record_external_counts
from tests.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SCREENSHOTS_DIR")


@pytest.fixture
def two_seasons():
    service = make_service(slug="direct-file")
    for year in (2023, 2024):
        record_external_counts(season_cells(service.pk, year, 4_000, seed=year,
                                            waiting=0.4 if year == 2024 else 0),
                               source="test seasons")
        record_external_counts(funnel_cells(service.pk, year, 3_000), source="test funnel")


@pytest.mark.parametrize("language", ["", "/es"])
def test_the_statistics_page_passes_axe_and_shows_its_numbers(live_server, page,
                                                              assert_accessible, two_seasons,
                                                              language):
    response = page.goto(f"{live_server.url}{language}/direct-file/statistics/")
    assert response.status == 200
    assert_accessible(page, f"{language}/direct-file/statistics/")
    page.get_by_text("Show the numbers in this chart" if not language
                     else "Mostrar los números de este gráfico").first.click()
    page.locator("#directfile-weekly-caption").wait_for()  # waits, unlike is_visible()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/statistics{language.replace('/', '-')}.png",
                        full_page=True)


def test_rejection_reasons_read_on_a_phone(live_server, page, assert_accessible, two_seasons):
    """At 390 px the rule codes kept their width and squeezed each reason into a column two or
    three words wide; on a phone each rejection is a stacked card, its reason full width."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/direct-file/statistics/")
    reasons = page.locator("td[data-label='What it means']")
    assert reasons.count() >= 1
    assert reasons.first.bounding_box()["width"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page, "statistics at 390 px")
