"""The help analytics page in a real browser: axe finds nothing, with figures and with a bad
date, and the charts carry their names for screen readers."""

import random

import pytest

from civiccx.help.demo import load_content
from civiccx.help.demo_analytics import seed_analytics
from civiccx.services.demo.seed import seed_catalog
from tests.browser.test_sign_in import _staff_sign_in
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_help_analytics_is_accessible(live_server, page, assert_accessible):
    seed_catalog()
    load_content()
    seed_analytics(random.Random(3))
    _staff_sign_in(page, live_server.url, make_staff("content_editor"))
    page.goto(live_server.url + "/staff/help/analytics/?period=90")
    assert_accessible(page, "help analytics")
    charts = page.locator("svg.civiccx-chart")
    assert charts.count() == 3
    assert page.get_by_role("img", name="Searches per day, and searches that found nothing") \
        .count() == 1
    page.locator("label", has_text="Between these dates").click()
    # A date picker (it shows the day in the reader's language; a day that does not exist
    # cannot be typed in, tests/help/test_analytics_views.py sends one).
    assert page.get_by_label("First day").get_attribute("type") == "date"
    page.get_by_label("First day").fill("2024-03-31")
    page.get_by_role("button", name="Show figures").click()
    page.get_by_text("Enter the last day").first.wait_for()  # waits, unlike is_visible()
    assert page.get_by_label("Between these dates").is_checked()
    assert_accessible(page, "help analytics with a bad date")
