"""The kiosk is a kiosk (issue #18 item 15): no site menu and no sign-in links, the ticket shown
on its screen, and back to the start after a while without a touch; axe stays at zero."""

from __future__ import annotations

import pytest

from tests.factories import make_center, midday_zone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_kiosk_has_no_site_menu_and_returns_to_its_start(
    live_server, page, settings, assert_accessible, language
):
    settings.CIVICCX_KIOSK_IDLE_SECONDS = 6
    center = make_center(time_zone=midday_zone())
    prefix = "/es" if language == "es" else ""
    start = f"{live_server.url}{prefix}/visit/{center.slug}/kiosk/"
    page.goto(start)
    assert_accessible(page, "kiosk")
    for absent in (
        ".usa-nav",
        ".usa-menu-btn",
        "a[href*='/staff/sign-in/']",
        "a[href*='/account/sign-in/']",
        ".usa-footer",
    ):
        assert page.locator(absent).count() == 0, absent
    assert page.locator(".civiccx-language-link").count() == 1

    page.locator("label[for=id_ticket-service_0]").click()
    page.get_by_role(
        "button", name="Take a ticket" if language == "en" else "Tomar un turno"
    ).click()
    page.wait_for_url("**/visit/ticket/**")
    assert "kiosk=1" in page.url
    assert page.locator(".usa-nav").count() == 0
    assert_accessible(page, "ticket on the kiosk")
    page.wait_for_url(start, timeout=15000)  # nobody touched it: back to the start screen
    assert page.locator("h1").first.is_visible()


def test_the_language_switch_sits_at_the_right_edge_of_the_kiosk_header(live_server, page):
    """USWDS's clearfix ::after is a flex item of the header row, so the switch floated in the
    middle of the screen; it belongs at the right edge, above the content's edge."""
    center = make_center(time_zone=midday_zone())
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/visit/{center.slug}/kiosk/")
    switch = page.locator(".civiccx-language-link").bounding_box()
    content = page.locator("main .grid-container").evaluate(
        "el => el.getBoundingClientRect().right - parseFloat(getComputedStyle(el).paddingRight)")
    assert abs(switch["x"] + switch["width"] - content) <= 2, (switch, content)
