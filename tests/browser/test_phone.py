"""A caller asks for a callback on the web by keyboard, in Spanish; a CSR works three calls."""

import re

import pytest

from civiccx.phone.models import QueueEntry
from civiccx.phone.services import request_callback
from civiccx.services.models import OpeningHours
from tests.browser.keyboard import tab_to
from tests.browser.test_sign_in import _staff_sign_in
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def line(seed_demo):
    from datetime import time

    from civiccx.phone.models import CallQueue

    seed_demo("phone")
    queue = CallQueue.objects.select_related("call_center").get(slug="main-line")
    QueueEntry.objects.filter(status="waiting").delete()  # the demo's people in line
    queue.call_center.hours.all().delete()  # open all day, every day, so the test never waits
    OpeningHours.objects.bulk_create(
        OpeningHours(location=queue.call_center, weekday=day, opens=time(0),
                     closes=time(23, 59, 59)) for day in range(7))
    return queue



def test_spanish_callback_request_by_keyboard(live_server, page, assert_accessible, line):
    page.goto(f"{live_server.url}/es/phone/callback/main-line/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page, "pedir devolución de llamada")
    tab_to(page, "input[name=phone]")
    page.keyboard.type("(202) 555-01")  # too short: the page must say so and keep it
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("input[name=phone]").input_value() == "(202) 555-01"
    assert_accessible(page, "formulario con errores")
    page.locator("input[name=phone]").focus()
    page.keyboard.press("End")
    page.keyboard.type("99")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/es/phone/callback/confirmed/"))
    assert_accessible(page, "confirmación")
    entry = QueueEntry.objects.get(source="web")
    assert entry.phone == "+12025550199" and entry.language == "es" and entry.source == "web"
    tab_to(page, "a[href*='/cancel/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cancel/"))
    assert_accessible(page, "cancelar")


def test_csr_works_three_callbacks(live_server, page, assert_accessible, line):
    numbers = ["202-555-0161", "202-555-0162", "202-555-0163"]
    for number in numbers:
        request_callback(line, number, source="web")
    _staff_sign_in(page, live_server.url, make_staff("csr"))
    page.goto(f"{live_server.url}/staff/phone/")
    page.get_by_role("button", name="Available").click()
    assert_accessible(page, "CSR workspace")
    for number, outcome in zip(numbers, ["Resolved", "Transferred", "No answer (we will try "
                                                                    "again)"], strict=True):
        page.get_by_role("button", name="Take the next call").click()
        written = f"({number[:3]}) {number[4:]}"  # as people write it: (202) 555-0161
        assert page.get_by_role("link", name=written).is_visible()
        assert_accessible(page, "CSR workspace with a call")
        page.get_by_text(outcome, exact=True).click()  # the label of the radio button
        page.get_by_role("button", name="Save outcome").click()
        page.get_by_text("Outcome saved.").wait_for()  # waits, unlike is_visible()
    statuses = dict(QueueEntry.objects.filter(source="web").values_list("phone", "status"))
    assert statuses == {"+12025550161": "resolved", "+12025550162": "transferred",
                        "+12025550163": "waiting"}  # no answer: back in line for a retry
    page.goto(f"{live_server.url}/staff/phone/supervisor/")
    assert_accessible(page, "supervisor view")
