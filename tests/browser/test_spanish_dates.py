"""Dates, times and time zones as a Spanish reader sees them in the browser (issue #20, and issue
#18 item 13): a closed center says when it opens, the booking page names its days and times
the US-Spanish way, the confirmation writes the day out with the center's zone by name. Axe on
every page."""

import os
import re
from datetime import UTC, datetime

import pytest

from civiccx.walkin import booking, messages
from civiccx.walkin.models import Center

pytestmark = pytest.mark.django_db(transaction=True)

# Saturday March 6, 2027, 5 p.m. in Houston: closed until Monday.
NOW = datetime(2027, 3, 6, 23, 0, tzinfo=UTC)
ONE_PM_TUESDAY = datetime(2027, 3, 9, 19, 0, tzinfo=UTC)


@pytest.fixture
def houston(monkeypatch, seed_demo):
    seed_demo("walkin")
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    return Center.objects.select_related("location").get(location__slug="houston-tx")


def _look(page, name: str) -> None:
    """A screenshot to look at, when CIVICCX_SCREENSHOTS names a folder."""
    folder = os.environ.get("CIVICCX_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _text(page) -> str:
    return " ".join(page.inner_text("main").split())


def test_a_closed_center_and_its_booking_page_in_spanish(
    live_server, page, assert_accessible, houston
):
    page.goto(f"{live_server.url}/es/visit/houston-tx/")
    text = _text(page)
    assert "Abre el lunes 8 de marzo, a las 8:30 a. m." in text
    assert "hora del Centro" in text and "America/Chicago" not in text
    assert "8:30 a. m. – 4:30 p. m." in text
    assert_accessible(page, "/es/visit/houston-tx/")
    _look(page, "center-es")

    page.goto(f"{live_server.url}/es/visit/houston-tx/book/")
    days = page.get_by_role("list", name="Elija un día").inner_text()
    assert "lun 8 mar" in days
    assert not re.search(r"\b(Mon|Tue|Mar 8|Feb)\b", days)
    page.get_by_role("link", name="mar 9 mar").click()
    text = _text(page)
    assert "martes 9 de marzo" in text
    assert "1 p. m." in text and not re.search(r"\b1[3-6]:\d\d\b", text)
    assert_accessible(page, "/es/visit/houston-tx/book/ (a day)")
    _look(page, "book-es")


def test_the_confirmation_writes_the_day_out_with_the_zone(
    live_server, page, assert_accessible, houston
):
    offering = houston.offerings.order_by("pk").first()
    appointment = booking.book(offering, ONE_PM_TUESDAY, phone="2025550143", language="es", now=NOW)
    path = f"/es/visit/appointment/{messages.cancel_token(appointment)}/"
    page.goto(live_server.url + path)
    text = _text(page)
    assert "martes 9 de marzo de 2027, 1 p. m. (hora del Centro)" in text
    assert "Centro de Houston" in text
    assert_accessible(page, path)
    _look(page, "confirmation-es")
    page.goto(live_server.url + path.removeprefix("/es"))
    assert "Tuesday, March 9, 2027, 1 p.m. (Central time)" in _text(page)
    assert_accessible(page, path.removeprefix("/es"))
