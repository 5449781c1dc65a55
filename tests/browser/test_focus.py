"""Focus goes where the person needs it (issue #18 item 14): to the error summary after a
failed submit, and to the 6-digit code field on the second sign-in step; axe stays at zero."""

from __future__ import annotations

import pytest

from tests.factories import STAFF_PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused(page, attribute: str) -> str | None:
    return page.evaluate(f"document.activeElement.getAttribute('{attribute}')")


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_a_failed_submit_focuses_the_error_summary(live_server, page, assert_accessible, prefix):
    page.goto(f"{live_server.url}{prefix}/report-a-problem/")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    # Its first link leads to the field to fix.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('[data-error-summary]') !== null")
    assert_accessible(page, "report a problem, with errors")


def test_the_code_step_focuses_the_code_field(live_server, page, assert_accessible):
    user = make_staff("csr")
    page.goto(f"{live_server.url}/staff/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/sign-in/code/**")
    assert _focused(page, "autocomplete") == "one-time-code"
    page.keyboard.type("12")  # typing goes straight into the field
    assert page.get_by_label("6-digit code").input_value() == "12"
    assert_accessible(page, "staff code page")
