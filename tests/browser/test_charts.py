"""Charts in a real browser: on staff pages they fill the content column at 1280 px, their
labels are drawn at 12 px or more (also on a 600 px window, where the chart scrolls), the
numbers are a real table under each, and axe still finds nothing."""

import pytest

from tests.browser.test_sign_in import _staff_sign_in
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)

SMALLEST_LABEL = """svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll('text')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale));
}"""


@pytest.fixture
def demo(seed_demo):
    seed_demo("feedback", "phone", "walkin", "metrics", responses=300)


def test_cx_dashboard_charts_fill_the_content_column(live_server, page, assert_accessible,
                                                     demo):
    _staff_sign_in(page, live_server.url, make_staff("cx_analyst"))
    page.goto(live_server.url + "/staff/cx/")
    assert_accessible(page, "CX dashboard")
    column = page.locator("main .grid-container").evaluate(
        "el => el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft)"
        " - parseFloat(getComputedStyle(el).paddingRight)")
    charts = page.locator("svg.civiccx-chart")
    assert charts.count() >= 1
    for index in range(charts.count()):
        chart = charts.nth(index)
        box = chart.bounding_box()
        assert abs(box["width"] - column) <= 2, (box["width"], column)
        assert box["height"] > 250
        assert chart.evaluate(SMALLEST_LABEL) >= 12
    first = charts.first
    name = first.get_attribute("aria-labelledby")
    assert page.get_by_role("img", name=page.locator(f"[id='{name}']").text_content()).count() == 1
    section = page.locator("section", has=page.locator(f"[id='{name}']"))  # the first's own
    table = section.get_by_role("table")
    assert table.is_visible() and table.get_by_role("row").count() >= 2

    page.set_viewport_size({"width": 600, "height": 900})
    assert first.evaluate(SMALLEST_LABEL) >= 12
    frame = page.locator(".civiccx-chart-scroll").first
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth")
    assert_accessible(page, "CX dashboard at 600 px")


def test_phone_estimates_and_walk_in_manager_charts_fill_the_column(live_server, page,
                                                                     assert_accessible, demo):
    _staff_sign_in(page, live_server.url, make_staff("cx_analyst"))
    for path in ("/staff/phone/estimates/", "/staff/walkin/centers/"):
        page.goto(live_server.url + path)
        assert_accessible(page, path)
        charts = page.locator("svg.civiccx-chart")
        assert charts.count() == 1, path
        column = page.locator("main .grid-container").evaluate(
            "el => el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft)"
            " - parseFloat(getComputedStyle(el).paddingRight)")
        assert abs(charts.first.bounding_box()["width"] - column) <= 2
        assert charts.first.evaluate(SMALLEST_LABEL) >= 12
