"""Booking, rescheduling and cancelling by code; the calendar file; messages; bad input."""

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from civiccx.core.notifications import OutboxBackend
from civiccx.services.models import SpecialHours
from civiccx.walkin import booking, codes, messages
from civiccx.walkin.models import Appointment, SlotClaim
from tests.factories import make_center

pytestmark = pytest.mark.django_db

# Monday 8 March 2027, 9:00 in Chicago (CST, UTC-6).
NOW = datetime(2027, 3, 8, 15, 0, tzinfo=UTC)


@pytest.fixture
def center():
    return make_center(hours=((8, 16),), weekdays=range(5), services=(("A", 30), ("B", 60)),
                       appointment_counters=1)


@pytest.fixture(autouse=True)
def _outbox():
    OutboxBackend.outbox.clear()


def _offering(center, prefix="A"):
    return center.offerings.get(prefix=prefix)


def at(hour, minute=0, day=9):
    """A Chicago wall-clock time in March 2027 (CST), as UTC."""
    return datetime(2027, 3, day, hour + 6, minute, tzinfo=UTC)


def test_slots_respect_hours_visit_length_and_the_weekend(center):
    slots = booking.available_slots(_offering(center, "B"), NOW, days=7)
    local = [s.starts_at - timedelta(hours=6) for s in slots]
    assert {d.date() for d in local} == {date(2027, 3, d) for d in (8, 9, 10, 11, 12)}
    assert min(local) == datetime(2027, 3, 8, 9, 0, tzinfo=UTC)  # not before now (9:00)
    assert max(d.time() for d in local).hour == 15  # a 60-minute visit ends by 16:00


def test_book_then_the_slot_is_gone_and_the_person_gets_a_code(center,
                                                                django_capture_on_commit_callbacks):
    offering = _offering(center)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = booking.book(offering, at(10), email="ana@example.com",
                                  phone="(202) 555-0143", language="es", now=NOW)
    assert len(appointment.code) == 8 and appointment.status == "booked"
    assert at(10) not in {s.starts_at for s in booking.available_slots(offering, NOW, days=2)}
    sms = [m for m in OutboxBackend.outbox if m.channel == "sms"]
    email = [m for m in OutboxBackend.outbox if m.channel == "email"]
    assert len(sms) == len(email) == 1
    assert appointment.code in sms[0].body and "reservada" in sms[0].body
    assert "/es/visit/appointment/" in sms[0].body and ".ics" in sms[0].body
    assert sms[0].to == "+12025550143" and email[0].to == "ana@example.com"


def test_the_last_place_cannot_be_booked_twice(center):
    offering = _offering(center)
    booking.book(offering, at(10), email="a@example.com", now=NOW)
    with pytest.raises(booking.SlotFull, match="just booked the last place"):
        booking.book(offering, at(10), email="b@example.com", now=NOW)
    assert Appointment.objects.count() == 1


def test_a_long_visit_cannot_overlap_a_booked_half_hour(center):
    booking.book(_offering(center, "A"), at(10, 30), email="a@example.com", now=NOW)
    with pytest.raises(booking.SlotFull):
        booking.book(_offering(center, "B"), at(10), email="b@example.com", now=NOW)


@pytest.mark.parametrize(("starts_at", "message"), [
    (at(8, day=1), "already passed"),
    (at(10, day=13), "does not take appointments that day"),  # a Saturday
    (at(10, 10), "at that time"),  # off the grid
    (at(17), "at that time"),  # after closing
    (at(10, day=31) + timedelta(days=30), "up to 21 days ahead"),
])
def test_bad_times_are_refused_with_a_clear_reason(center, starts_at, message):
    with pytest.raises(booking.BookingError, match=message):
        booking.book(_offering(center), starts_at, email="a@example.com", now=NOW)
    assert not Appointment.objects.exists() and not SlotClaim.objects.exists()


def test_a_closure_day_takes_no_bookings(center):
    SpecialHours.objects.create(location=center.location, date=date(2027, 3, 9), is_closed=True,
                                note="Closed for training")
    with pytest.raises(booking.BookingError, match="that day"):
        booking.book(_offering(center), at(10), email="a@example.com", now=NOW)


def test_saturday_walk_in_days_are_walk_in_only_unless_configured(center):
    from datetime import time

    SpecialHours.objects.create(location=center.location, date=date(2027, 3, 13),
                                opens=time(9), closes=time(16), note="Saturday walk-in day")
    with pytest.raises(booking.BookingError):
        booking.book(_offering(center), at(10, day=13), email="a@example.com", now=NOW)
    center.appointments_on_special_days = True
    center.save()
    assert booking.book(_offering(center), at(10, day=13), email="a@example.com", now=NOW).pk


def test_a_booking_needs_a_way_to_send_the_code(center):
    with pytest.raises(booking.BookingError, match="email address or a mobile number"):
        booking.book(_offering(center), at(10), now=NOW)


def test_reschedule_by_code_frees_the_old_time(center):
    offering = _offering(center)
    appointment = booking.book(offering, at(10), email="a@example.com", now=NOW)
    found = codes.find_appointment(appointment.code.lower()[:4] + "-" + appointment.code[4:])
    assert found == appointment
    moved = booking.reschedule(found, at(11), now=NOW)
    assert moved.starts_at == at(11)
    assert booking.book(offering, at(10), email="b@example.com", now=NOW).pk  # freed
    assert SlotClaim.objects.filter(appointment=moved).count() == 1


def test_reschedule_onto_a_taken_time_keeps_the_old_booking(center):
    offering = _offering(center)
    mine = booking.book(offering, at(10), email="a@example.com", now=NOW)
    booking.book(offering, at(11), email="b@example.com", now=NOW)
    with pytest.raises(booking.SlotFull, match="was not changed"):
        booking.reschedule(mine, at(11), now=NOW)
    mine.refresh_from_db()
    assert mine.starts_at == at(10)
    assert SlotClaim.objects.filter(appointment=mine, starts_at=at(10)).exists()


def test_cancel_by_code_frees_the_time_and_says_so(center, django_capture_on_commit_callbacks):
    offering = _offering(center)
    appointment = booking.book(offering, at(10), phone="2025550143", now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        assert booking.cancel(codes.find_appointment(appointment.code), now=NOW) is True
    assert booking.cancel(appointment, now=NOW) is False  # already cancelled
    assert "cancelled" in OutboxBackend.outbox[-1].body
    assert at(10) in {s.starts_at for s in booking.available_slots(offering, NOW, days=2)}


def test_unknown_codes_find_nothing(center):
    assert codes.find_appointment("NOPE1234") is None
    assert codes.find_appointment("") is None
    assert codes.find_appointment("x" * 500) is None


def test_the_calendar_file_parses_with_icalendar(center):
    appointment = booking.book(_offering(center, "B"), at(10), email="a@example.com", now=NOW)
    calendar = Calendar.from_ical(messages.ics(appointment))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == at(10)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)
    assert str(event.decoded("dtstart").tzinfo) == "America/Chicago"
    assert appointment.code in str(event["description"])
    assert str(event["uid"]).startswith("walkin-")
    assert list(event.walk("VALARM"))
    zones = [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")]
    assert zones == ["America/Chicago"]


def test_reminders_go_once_the_day_before_with_a_cancel_link(center):
    appointment = booking.book(_offering(center), at(10), phone="2025550143", now=NOW)
    OutboxBackend.outbox.clear()
    assert messages.send_reminders(now=NOW) == 1
    assert messages.send_reminders(now=NOW) == 0
    body = OutboxBackend.outbox[-1].body
    assert "tomorrow" in body and "/cancel/" in body
    token = body.rsplit("/visit/appointment/", 1)[1].split("/")[0]
    assert messages.appointment_from_token(token) == appointment


def test_the_no_show_rule_marks_missed_appointments(center):
    appointment = booking.book(_offering(center), at(10), email="a@example.com", now=NOW)
    assert booking.apply_no_show_rule(center, now=at(10, 14)) == 0  # grace: 15 minutes
    assert booking.apply_no_show_rule(center, now=at(10, 16)) == 1
    appointment.refresh_from_db()
    assert appointment.status == "no_show"


def test_the_hourly_command_reminds_and_applies_the_no_show_rule(center):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("walkin_hourly", stdout=out)
    assert "Reminded 0; marked 0 missed; erased 0" in out.getvalue()


def test_contact_details_are_erased_after_the_retention_period(center):
    appointment = booking.book(_offering(center), at(10), email="a@example.com",
                              phone="2025550143", name="Ana", now=NOW)
    retention = _offering(center).service.contact_retention_days
    assert booking.purge_contact_details(now=at(11)) == 0
    assert booking.purge_contact_details(now=at(11) + timedelta(days=retention + 1)) == 1
    appointment.refresh_from_db()
    assert (appointment.name, appointment.email, appointment.phone) == ("", "", "")
    assert appointment.code  # the booking itself stays, for the figures


def test_slots_through_the_catalog_across_the_spring_change():
    """A New York center open 8:30-4:30 every day: the Monday after clocks change still
    starts at 8:30 local, an hour earlier in UTC than the Friday before."""
    new_york = make_center(time_zone="America/New_York", hours=((8, 16),), weekdays=range(7),
                           slot_minutes=30)
    offering = new_york.offerings.get()
    now = datetime(2027, 3, 12, 5, 0, tzinfo=UTC)  # Friday, before opening
    slots = booking.available_slots(offering, now, days=4)
    by_day = {}
    for slot in slots:
        by_day.setdefault(slot.local("America/New_York").date(), []).append(slot)
    assert by_day[date(2027, 3, 12)][0].starts_at.hour == 13  # 8:00 EST
    assert by_day[date(2027, 3, 15)][0].starts_at.hour == 12  # 8:00 EDT
    assert {len(v) for v in by_day.values()} == {16}  # the Sunday of the change included
    assert date(2027, 3, 14) in by_day
