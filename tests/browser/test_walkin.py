"""A person finds a center by ZIP, books, gets the confirmation, checks in at the kiosk and
sees their number on the lobby display when staff call it: by keyboard, in English and
Spanish, with axe on every page."""

import os
import re
from datetime import time

import pytest

from civiccx.core.notifications import OutboxBackend
from civiccx.services.models import OpeningHours
from civiccx.walkin.models import Appointment, Center, Ticket
from tests.browser.keyboard import tab_to
from tests.browser.test_sign_in import _staff_sign_in
from tests.factories import make_staff, midday_zone

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def houston(seed_demo):
    seed_demo("walkin")
    center = Center.objects.select_related("location").get(location__slug="houston-tx")
    center.location.hours.all().delete()  # open all day, every day, so the test never waits
    center.location.special_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(location=center.location, weekday=day, opens=time(0),
                     closes=time(23, 59, 59)) for day in range(7))
    center.min_notice_minutes = 0
    center.save()
    center.location.time_zone = midday_zone()  # never near midnight: booking is for today
    center.location.save()
    OutboxBackend.outbox.clear()
    return center



def _enter(page, selector: str):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["en", "es"])
def test_find_book_check_in_and_be_called(live_server, browser, page, assert_accessible,
                                          houston, language):
    base = live_server.url + ("/es" if language == "es" else "")
    page.goto(f"{base}/visit/")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page, "find a center")
    tab_to(page, "input[name=zip_code]")
    page.keyboard.type("7700")  # too short: the page says so and keeps the entry
    _enter(page, "form[role=search] button[type=submit]")
    assert page.locator("input[name=zip_code]").input_value() == "7700"
    assert_accessible(page, "find a center, with an error")
    page.locator("input[name=zip_code]").focus()
    page.keyboard.press("End")
    page.keyboard.type("2")
    _enter(page, "form[role=search] button[type=submit]")
    assert_accessible(page, "centers near 77002")
    first_card = page.locator(".usa-card__heading").first.inner_text()
    assert "Houston" in first_card
    _enter(page, "a[href$='/visit/houston-tx/book/']")
    assert_accessible(page, "book")

    tab_to(page, "input[name=slot]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=email]")
    page.keyboard.type("ana@example.com")
    _enter(page, "button.usa-button--big")
    page.wait_for_url(re.compile(r"/visit/appointment/[^/]+/$"))
    assert_accessible(page, "confirmation")
    appointment = Appointment.objects.get()
    assert appointment.language == language
    assert page.get_by_test_id("code").inner_text() == appointment.code
    email = [m for m in OutboxBackend.outbox if m.channel == "email"]
    assert email and appointment.code in email[0].body  # the confirmation arrived

    change = page.url + "change/"
    page.goto(change)
    assert_accessible(page, "change")
    page.goto(page.url.replace("/change/", "/cancel/"))
    assert_accessible(page, "cancel (not confirmed)")

    # At the center: the QR code opens the kiosk with the code filled in.
    page.goto(f"{base}/visit/houston-tx/kiosk/?code={appointment.code}")
    assert_accessible(page, "kiosk")
    _enter(page, "form:has(input[value=check-in]) button[type=submit]")
    page.wait_for_url(re.compile(r"/visit/ticket/"))
    assert_accessible(page, "ticket")
    ticket = Ticket.objects.get(appointment=appointment)
    assert page.get_by_text(ticket.display).first.is_visible()

    lobby = browser.new_page()
    lobby.goto(f"{base}/visit/houston-tx/display/")
    assert lobby.locator("html").get_attribute("lang") == language
    assert_accessible(lobby, "lobby display")
    assert ticket.display not in lobby.locator("#board").inner_text()
    tab_to(lobby, "#speak-toggle")  # spoken announcements, switched on by keyboard
    lobby.keyboard.press("Enter")
    assert lobby.locator("#speak-toggle").get_attribute("aria-pressed") == "true"

    staff = browser.new_context().new_page()
    worker = make_staff("center_staff")
    houston.staff.add(worker)
    _staff_sign_in(staff, live_server.url, worker)
    staff.goto(f"{live_server.url}/staff/walkin/houston-tx/")
    assert_accessible(staff, "center console")
    staff.get_by_role("button", name="Call next to counter 1").click()
    staff.get_by_text(f"Called {ticket.display} to counter 1.").wait_for()  # waits

    lobby.locator(".walkin-board__current", has_text=ticket.display).wait_for(timeout=10000)
    assert "1" in lobby.locator(".walkin-board__counter").inner_text()
    assert_accessible(lobby, "lobby display after the call")
    staff.goto(f"{live_server.url}/staff/walkin/centers/")
    assert_accessible(staff, "all centers")
    page.bring_to_front()  # background tabs throttle their timers
    page.locator("#status-heading", has_text="1").wait_for(timeout=15000)  # the ticket page too
    lobby.close()
    staff.context.close()


def test_a_person_can_cancel_from_the_reminder_link_by_keyboard(live_server, page,
                                                                 assert_accessible, houston):
    from datetime import timedelta

    from django.utils import timezone

    from civiccx.walkin import booking, messages

    offering = houston.offerings.get(prefix="A")
    slot = booking.available_slots(offering, timezone.now() + timedelta(days=1))[0]
    appointment = booking.book(offering, slot.starts_at, phone="2025550143")
    page.goto(f"{live_server.url}/visit/appointment/{messages.cancel_token(appointment)}/cancel/")
    assert_accessible(page, "one-tap cancel")
    _enter(page, "main button[type=submit]")
    assert_accessible(page, "cancelled")
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"


@pytest.mark.parametrize("language", ["en", "es"])
def test_picking_a_day_keeps_focus_and_the_days_fit_a_1280_window(live_server, page,
                                                                 assert_accessible, houston,
                                                                 language):
    """Issue #18 item 14: the 15 day buttons ran off a 1280-pixel-wide window, and picking
    one by keyboard reloaded the page with focus back at the top."""
    page.set_viewport_size({"width": 1280, "height": 900})
    base = live_server.url + ("/es" if language == "es" else "")
    page.goto(f"{base}/visit/houston-tx/book/")
    days = page.locator("[aria-labelledby=days-heading] a")
    assert days.count() == 15
    content = page.locator("main .grid-container").bounding_box()
    for index in range(days.count()):
        box = days.nth(index).bounding_box()
        assert box["x"] >= content["x"] and box["x"] + box["width"] <= \
            content["x"] + content["width"], f"day {index + 1} runs off the page"
    if os.environ.get("CIVICCX_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['CIVICCX_SCREENSHOTS']}/book-1280-{language}.png",
                        full_page=True)
    assert_accessible(page, "book, 1280 pixels wide")

    third = days.nth(2).inner_text()
    _enter(page, "[aria-labelledby=days-heading] li:nth-child(3) a")
    focused = page.evaluate("[document.activeElement.innerText,"
                            " document.activeElement.getAttribute('aria-current')]")
    assert focused == [third, "date"]
    page.keyboard.press("Tab")  # on to the next day, as before the page loaded
    assert page.evaluate("document.activeElement.innerText") == days.nth(3).inner_text()
    assert page.locator("input[name=slot]").count() > 0  # that day's times are shown
    assert_accessible(page, "book, a day picked")
