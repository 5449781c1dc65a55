"""The page frame: on a short page the footer ends the window, with no blank band under it
(the sign-in and find-a-center pages stopped partway down a 900-pixel window)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("path", ["/account/sign-in/", "/es/visit/"])
def test_the_footer_ends_the_window_on_a_short_page(live_server, page, assert_accessible, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + path)
    footer = page.locator(".usa-identifier").bounding_box()  # the last band of the footer
    assert abs(footer["y"] + footer["height"] - 900) <= 1, footer
    assert page.evaluate("document.documentElement.scrollHeight") <= 900
    assert_accessible(page, path)
