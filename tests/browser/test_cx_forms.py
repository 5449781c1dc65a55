"""The analyst's filter and download forms at 1280 px: every control sits inside the form (the
"Apply" button used to stick out of a one-column slot, past the content edge) and a button
lines up with the fields beside it (a hint under one field pushed "Download" below them)."""

import pytest

from tests.browser.test_sign_in import _staff_sign_in
from tests.factories import make_service, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

OVERFLOWING = """form => {
  const edge = form.getBoundingClientRect().right + 1;
  return [...form.querySelectorAll('input, select, button')]
    .filter(el => el.type !== 'hidden' && el.getBoundingClientRect().right > edge)
    .map(el => el.id || el.textContent.trim());
}"""


@pytest.fixture
def analyst_page(live_server, page):
    make_service()
    page.set_viewport_size({"width": 1280, "height": 900})
    _staff_sign_in(page, live_server.url, make_staff("cx_analyst"))
    return page


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_dashboard_filters_stay_inside_the_content_column(live_server, analyst_page,
                                                          assert_accessible, prefix):
    analyst_page.goto(f"{live_server.url}{prefix}/staff/cx/")
    form = analyst_page.locator("main form").first
    assert form.evaluate(OVERFLOWING) == []
    assert_accessible(analyst_page, f"{prefix} CX dashboard")


def test_a11_download_button_lines_up_with_its_fields(live_server, analyst_page,
                                                      assert_accessible):
    analyst_page.goto(f"{live_server.url}/staff/cx/a11/")
    form = analyst_page.locator("main form").first
    assert form.evaluate(OVERFLOWING) == []
    quarter = analyst_page.locator("#quarter").bounding_box()
    download = analyst_page.get_by_role("button", name="Download").bounding_box()
    assert abs((quarter["y"] + quarter["height"]) - (download["y"] + download["height"])) <= 2
    kind = analyst_page.locator("#kind")
    assert kind.evaluate("""el => {
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(el).font;
      probe.style.position = 'absolute';  // measured on its own, not stretched by the page
      probe.style.whiteSpace = 'nowrap';
      probe.textContent = el.options[el.selectedIndex].text;
      document.body.append(probe);
      const fits = probe.getBoundingClientRect().width + 40 <= el.clientWidth;
      probe.remove();
      return fits;
    }""")
    assert_accessible(analyst_page, "A-11 export page")
