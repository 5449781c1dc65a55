"""The public pages and the center console through the Django test client."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from civiccx.core.notifications import OutboxBackend
from civiccx.services.models import Interaction
from civiccx.walkin import booking, codes, local_time, queue
from civiccx.walkin.models import Appointment, Ticket
from civiccx.walkin.views.public import ticket_token
from tests.factories import make_center, midday_zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def center():
    center = make_center(services=(("A", 30), ("B", 15)), appointment_counters=1,
                         min_notice_minutes=60, time_zone=midday_zone())
    location = center.location
    location.latitude, location.longitude = 30.2672, -97.7431  # Austin
    location.save()
    return center


@pytest.fixture(autouse=True)
def _outbox():
    OutboxBackend.outbox.clear()


def test_find_by_zip_lists_nearest_first_with_the_wait(client, center):
    near = make_center(time_zone="America/Chicago")
    near.location.latitude, near.location.longitude = 29.4241, -98.4936  # San Antonio
    near.location.save()
    far = make_center(time_zone="America/New_York")
    far.location.latitude, far.location.longitude = 40.7143, -74.0060
    far.location.save()
    page = client.get("/visit/", {"zip_code": "78701"}).content.decode()
    assert page.index(center.location.name) < page.index(near.location.name)
    assert "miles away" in page and ("No wait right now" in page or "Walk-in wait" in page)
    # New York, 1,500 miles from Austin, is no answer to "near me".
    assert far.location.name not in page


def test_a_zip_far_from_every_center_says_how_far_the_nearest_is(client, center):
    page = client.get("/visit/", {"zip_code": "10007"}).content.decode()  # New York
    assert "There is no center within 150 miles of ZIP code 10007" in page
    assert f"The nearest is {center.location.name}, 1,5" in page  # about 1,500 miles
    assert page.count('class="usa-card ') == 1  # that one center, to book there anyway
    page = client.get("/es/visit/", {"zip_code": "10007"}).content.decode()
    assert "No hay ningún centro a menos de 150 millas del código postal 10007" in page


def test_states_are_chosen_by_name_in_the_readers_language(client, center):
    page = client.get("/visit/").content.decode()
    assert '<option value="TX">Texas</option>' in page
    assert '<option value="NC">North Carolina</option>' in page
    assert '<option value="PR">Puerto Rico</option>' in page
    names = re.findall(r'<option value="[A-Z]{2}">([^<]+)</option>', page)
    assert len(names) == 52 and names == sorted(names)  # 50 states, DC and Puerto Rico
    page = client.get("/es/visit/").content.decode()
    assert '<option value="NC">Carolina del Norte</option>' in page
    assert '<option value="PA">Pensilvania</option>' in page
    es_names = re.findall(r'<option value="([A-Z]{2})">', page)
    # Alphabetical in Spanish: "Carolina del Norte" comes before "Colorado", and the accent
    # of "Míchigan" does not move it out of the M.
    assert es_names.index("NC") < es_names.index("CO")
    assert es_names.index("MN") > es_names.index("MI") > es_names.index("MA")
    assert 'class="usa-card ' in client.get("/es/visit/", {"state": "TX"}).content.decode()
    assert client.get("/visit/", {"state": "XX"}).status_code == 400


def test_book_by_form_confirmation_ics_and_code(client, center,
                                                django_capture_on_commit_callbacks):
    url = f"/visit/{center.slug}/book/"
    page = client.get(url)
    assert page.status_code == 200
    slot = re.search(rb'name="slot" value="([^"]+)"', page.content).group(1).decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"service": "A", "slot": slot, "email": "a@example.com",
                                     "language": "en"})
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    confirmation = client.get(response.url).content.decode()
    assert appointment.code in confirmation and "<svg" in confirmation
    email = OutboxBackend.outbox[-1]
    assert appointment.code in email.body
    [(filename, attached, mime)] = email.attachments  # the .ics travels with the email
    assert filename.endswith(".ics") and mime == "text/calendar"
    [event] = Calendar.from_ical(attached).walk("VEVENT")
    assert event.decoded("dtstart") == appointment.starts_at
    ics = client.get(response.url + "calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert list(Calendar.from_ical(ics.content).walk("VEVENT"))
    again = client.post(url, {"service": "A", "slot": slot, "email": "b@example.com",
                              "language": "en"})
    assert again.status_code == 400 and b"just booked the last place" in again.content
    assert Appointment.objects.count() == 1


def test_booking_bad_input_is_explained(client, center):
    url = f"/visit/{center.slug}/book/"
    past = (local_time.local_today(center) - timedelta(days=3)).isoformat()
    assert b"That day has passed" in client.get(url, {"day": past}).content
    assert b"That is not a date" in client.get(url, {"day": "tomorrow"}).content
    response = client.post(url, {"service": "A", "slot": "2020-01-01T10:00:00+00:00",
                                 "email": "a@example.com", "language": "en"})
    assert b"already passed" in response.content
    response = client.post(url, {"service": "A", "slot": "not-a-time", "language": "en"})
    assert b"Choose one of the times shown" in response.content or \
        b"email address or a mobile" in response.content
    assert not Appointment.objects.exists()


def test_manage_by_code_reschedule_and_cancel(client, center):
    now = timezone.now()
    slots = booking.available_slots(center.offerings.get(prefix="A"), now)
    appointment = booking.book(center.offerings.get(prefix="A"), slots[0].starts_at,
                              email="a@example.com")
    assert b"could not find an appointment" in client.post(
        "/visit/appointment/", {"code": "WRONG123"}).content
    response = client.post("/visit/appointment/", {"code": appointment.code.lower()})
    assert response.status_code == 302 and response.url.endswith("/change/")
    change = client.get(response.url)
    later = list(re.findall(r'name="slot" value="([^"]+)"', change.content.decode()))
    moved = client.post(response.url, {"slot": later[-1]})
    assert moved.status_code == 302
    appointment.refresh_from_db()
    assert appointment.starts_at.isoformat() == later[-1]
    cancel_url = response.url.replace("/change/", "/cancel/")
    assert b"Yes, cancel it" in client.get(cancel_url).content
    assert b"is cancelled" in client.post(cancel_url).content
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    assert client.get("/visit/appointment/garbage/cancel/").status_code == 404


def test_kiosk_ticket_page_and_lobby_board(client, center):
    response = client.post(f"/visit/{center.slug}/kiosk/", {
        "action": "ticket", "ticket-service": "B", "ticket-phone": ""})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "B-001" in page and "You are next" in page
    status = client.get(response.url + "status/")
    assert status.status_code == 200
    board = client.get(f"/visit/{center.slug}/display/board/").content.decode()
    assert "Please wait for your number" in board
    # Nobody called yet: the lobby says so instead of an empty table holding a dash.
    assert "None yet." in board and "<table" not in board
    spanish = client.get(f"/es/visit/{center.slug}/display/board/").content.decode()
    assert "Todavía no hay ninguno." in spanish


def test_kiosk_check_in_by_code_and_bad_codes(client, center):
    now = timezone.now()
    appointment = Appointment.objects.create(
        center=center, offering=center.offerings.get(prefix="A"),
        starts_at=now + timedelta(minutes=10), ends_at=now + timedelta(minutes=40),
        code=codes.new_code())
    response = client.post(f"/visit/{center.slug}/kiosk/",
                           {"action": "check-in", "checkin-code": "ABCD2345"})
    assert response.status_code == 400 and b"could not find that confirmation code" in \
        response.content
    kiosk = client.get(f"/visit/{center.slug}/kiosk/", {"code": appointment.code})
    assert appointment.code.encode() in kiosk.content  # the QR code fills in the code
    response = client.post(f"/visit/{center.slug}/kiosk/",
                           {"action": "check-in", "checkin-code": appointment.code})
    assert response.status_code == 302
    assert Ticket.objects.get().appointment == appointment


def test_console_call_serve_undo_and_transfer(staff_client, client, center):
    staff = staff_client("center_staff")
    center.staff.add(staff.user)
    a = center.offerings.get(prefix="A")
    first = queue.take_ticket(a)
    second = queue.take_ticket(a)
    page = staff.get(f"/staff/walkin/{center.slug}/")
    assert page.status_code == 200 and b"A-001" in page.content
    counter = center.counter_set.get(number=1)
    staff.post(f"/staff/walkin/{center.slug}/counters/{counter.pk}/next/")
    first.refresh_from_db()
    assert first.status == "called"
    board = client.get(f"/visit/{center.slug}/display/board/").content.decode()
    assert "A-001" in board and "Counter 1" in board
    staff.post(f"/staff/walkin/{center.slug}/tickets/{first.pk}/finish/",
               {"outcome": "no_show"})
    response = staff.post(f"/staff/walkin/{center.slug}/tickets/{first.pk}/undo/", follow=True)
    assert b"Undone: A-001 is back at counter 1" in response.content
    staff.post(f"/staff/walkin/{center.slug}/tickets/{first.pk}/finish/", {"outcome": "served"})
    assert Interaction.objects.filter(source=f"walkin:{first.pk}").exists()
    staff.post(f"/staff/walkin/{center.slug}/tickets/{second.pk}/transfer/", {"service": "B"})
    second.refresh_from_db()
    assert second.offering.prefix == "B"
    assert staff.get(f"/staff/walkin/{center.slug}/figures/").status_code == 200
    assert staff.get("/staff/walkin/centers/").status_code == 200
    assert staff.get("/staff/walkin/").status_code in (200, 302)


def test_the_console_says_why_a_move_is_refused(staff_client, center):
    staff = staff_client("center_staff")
    center.staff.add(staff.user)
    ticket = queue.take_ticket(center.offerings.get(prefix="A"))
    refused = staff.post(f"/staff/walkin/{center.slug}/tickets/{ticket.pk}/finish/",
                         {"outcome": "served"}, follow=True)
    assert refused.status_code == 200
    assert "Ticket A-001 is not at a counter." in refused.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == "waiting" and not Interaction.objects.exists()


def test_console_is_for_center_staff(staff_client, center):
    assert staff_client("researcher").get(f"/staff/walkin/{center.slug}/").status_code == 403


def _book_today(center, email):
    offering = center.offerings.first()
    slot = booking.available_slots(offering, timezone.now())[0]
    return booking.book(offering, slot.starts_at, email=email)


def test_center_staff_see_only_the_centers_they_are_assigned_to(staff_client, center):
    from auditlog.models import LogEntry

    other = make_center(time_zone=midday_zone(), min_notice_minutes=0)
    theirs = _book_today(other, "other@example.com")
    ours = _book_today(center, "ours@example.com")
    staff = staff_client("center_staff")
    center.staff.add(staff.user)
    console = staff.get(f"/staff/walkin/{center.slug}/")
    assert console.status_code == 200 and ours.code in console.content.decode()
    # Viewing the appointment codes is an audited read of personal information.
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(ours.pk),
                                   actor=staff.user).exists()
    counter = other.counter_set.first()
    for method, path in (("get", ""), ("get", "figures/"), ("post", f"counters/{counter.pk}/"),
                         ("post", f"counters/{counter.pk}/next/")):
        refused = getattr(staff, method)(f"/staff/walkin/{other.slug}/{path}")
        assert refused.status_code == 403, path
        assert theirs.code not in refused.content.decode()
    home = staff.get("/staff/walkin/", follow=True).content.decode()
    assert other.location.name not in home
    manager = staff.get("/staff/walkin/centers/").content.decode()
    assert center.location.name in manager and other.location.name not in manager
    other.staff.add(staff.user)  # a manager assigned to both centers sees both
    assert staff.get(f"/staff/walkin/{other.slug}/").status_code == 200
    assert other.location.name in staff.get("/staff/walkin/centers/").content.decode()


def test_an_admin_sees_every_center(staff_client, center):
    assert staff_client("admin").get(f"/staff/walkin/{center.slug}/").status_code == 200


def test_a_signed_in_person_books_with_their_account(client, center,
                                                     django_capture_on_commit_callbacks):
    from tests.factories import make_public_user

    person = make_public_user()
    person.email = "me@example.com"
    person.save()
    client.force_login(person)
    url = f"/visit/{center.slug}/book/"
    slot = re.search(rb'name="slot" value="([^"]+)"', client.get(url).content).group(1).decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"service": "A", "slot": slot, "language": "en"})
    assert response.status_code == 302
    assert Appointment.objects.get().person == person
    assert OutboxBackend.outbox[-1].to == "me@example.com"


def test_the_console_shows_arrivals_on_the_centers_clock(staff_client, monkeypatch):
    """Issue #18 item 13: a 3:36 p.m. arrival at a Central-time center reads 3:36 p.m. on the
    console, whatever the server's zone (America/New_York, where it is 4:36 p.m.)."""
    from datetime import UTC, datetime

    chicago = make_center(hours=((8, 17),), weekdays=range(7), time_zone="America/Chicago")
    arrival = datetime(2027, 3, 9, 21, 36, tzinfo=UTC)  # 3:36 p.m. in Chicago
    queue.take_ticket(chicago.offerings.first(), now=arrival)
    monkeypatch.setattr("django.utils.timezone.now", lambda: arrival + timedelta(minutes=4))
    staff = staff_client("center_staff")
    chicago.staff.add(staff.user)
    page = staff.get(f"/staff/walkin/{chicago.slug}/").content.decode()
    assert "3:36 p.m." in page
    assert "4:36" not in page


def test_the_lobby_says_nothing_misleading_when_nobody_waits(client, center, staff_client):
    """Issue #18 item 15: with every counter busy and nobody in line, the display said
    "about 0 to 46 minutes. 0 people waiting."."""
    worker = staff_client("center_staff").user
    a = center.offerings.get(prefix="A")
    board_url = f"/visit/{center.slug}/display/board/"
    assert "No wait right now." in client.get(board_url).content.decode()
    for number in (1, 2):  # both counters busy, nobody else in line
        queue.take_ticket(a)
        queue.call_next(center.counter_set.get(number=number), worker)
    board = client.get(board_url).content.decode()
    assert "No one is waiting: you are next when a counter is free." in board
    assert "0 people" not in board and "0 to" not in board
    es = client.get(f"/es{board_url}").content.decode()
    assert "Nadie está esperando" in es and "0 personas" not in es
    waiting = queue.take_ticket(a)  # one person in line: a range, and how many wait
    ticket_page = client.get(f"/visit/ticket/{ticket_token(waiting)}/").content.decode()
    assert "You are next." in ticket_page and "about 0 to" not in ticket_page
    assert re.search(r"Expected wait: (about [1-9]\d* to|up to) \d+ minutes\.", ticket_page)
    board = client.get(board_url).content.decode()
    assert re.search(r"Walk-in wait now: (about [1-9]\d* to|up to) \d+ minutes\. 1 person "
                     r"waiting\.", board), board
    assert "about 0 to" not in board
