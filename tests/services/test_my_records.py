"""'My records': a signed-in person's Direct File returns, callbacks, walk-in appointments
and tickets side by side, each only to its owner (core.personal_records)."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from civiccx.core.personal_records import records_for
from civiccx.phone.models import QueueEntry
from civiccx.phone.services import entry_from_cancel_token
from civiccx.walkin import booking, queue
from civiccx.walkin.messages import appointment_from_token
from tests.directfile.helpers import SINGLE, make_return
from tests.factories import make_call_queue, make_center, make_public_user, midday_zone

pytestmark = pytest.mark.django_db

MY_RECORDS = reverse("services:my-interactions")


def _ask_for_callback(client, user, slug, phone):
    client.force_login(user)
    reply = client.post(reverse("phone:request-callback", args=[slug]),
                        {"phone": phone, "language": "en"})
    assert reply.status_code == 302


def _book(center, person, hours_ahead=3):
    offering = center.offerings.get()
    now = timezone.now()
    slot = next(s for s in booking.available_slots(offering, now, days=2)
                if s.starts_at > now + timezone.timedelta(hours=hours_ahead))
    return booking.book(offering, slot.starts_at, email="a@example.com", person=person,
                        now=now)


def _callbacks(user) -> list:
    """The callbacks "My records" lists for this person, found from each record's link."""
    return [entry_from_cancel_token(r.url.rstrip("/").rsplit("/", 1)[1])
            for r in records_for(user) if r.kind == "callback"]


def test_a_callback_asked_while_signed_in_is_in_my_records_and_only_mine(client):
    line = make_call_queue(slug="tax-line")
    anna, ben = make_public_user(), make_public_user()
    _ask_for_callback(client, anna, "tax-line", "(202) 555-0101")
    _ask_for_callback(client, ben, "tax-line", "(202) 555-0102")
    annas, bens = QueueEntry.objects.get(person=anna), QueueEntry.objects.get(person=ben)

    client.force_login(anna)
    page = client.get(MY_RECORDS).content.decode()
    assert f"Callback: {line.service.name}" in page and "Waiting" in page
    assert page.count("/phone/callback/confirmed/") == 1
    assert _callbacks(anna) == [annas]
    assert _callbacks(ben) == [bens]
    link = next(r.url for r in records_for(anna) if r.kind == "callback")
    assert b"We will call you back" in client.get(link).content


def test_an_anonymous_callback_belongs_to_nobody(client):
    make_call_queue(slug="tax-line")
    client.post(reverse("phone:request-callback", args=["tax-line"]),
                {"phone": "(202) 555-0103", "language": "en"})
    assert [r for r in records_for(make_public_user()) if r.kind == "callback"] == []


def test_appointments_and_their_tickets_are_in_my_records_and_only_mine(client):
    center = make_center(time_zone=midday_zone())
    anna, ben = make_public_user(), make_public_user()
    annas = _book(center, anna)
    _book(center, ben, hours_ahead=1)
    queue.check_in(annas.code, center, now=annas.starts_at)

    client.force_login(anna)
    page = client.get(MY_RECORDS).content.decode()
    service = center.offerings.get().service.name
    assert f"Appointment: {service} at {center.location.name}" in page
    assert f"Ticket A-001: {service}" in page
    kinds = sorted(r.kind for r in records_for(anna))
    assert kinds == ["appointment", "ticket"]
    assert sorted(r.kind for r in records_for(ben)) == ["appointment"]
    assert page.count("/visit/appointment/") == 1 and page.count("/visit/ticket/") == 1

    def booked(user):
        return [appointment_from_token(r.url.rstrip("/").rsplit("/", 1)[1])
                for r in records_for(user) if r.kind == "appointment"]

    assert booked(anna) == [annas]
    assert [a.person for a in booked(ben)] == [ben]
    ticket = next(r.url for r in records_for(anna) if r.kind == "ticket")
    assert "A-001" in client.get(ticket).content.decode()


def test_my_records_lists_returns_callbacks_and_appointments_together(client):
    make_call_queue(slug="tax-line")
    anna = make_public_user()
    make_return(anna, SINGLE)
    _ask_for_callback(client, anna, "tax-line", "(202) 555-0104")
    _book(make_center(time_zone=midday_zone()), anna)
    assert sorted(r.kind for r in records_for(anna)) == ["appointment", "callback",
                                                         "tax_return"]
    assert records_for(make_public_user()) == []


def test_my_records_speak_spanish_with_each_status(client):
    """Issue #18 item 16: a Spanish reader sees each return, callback and appointment named
    in Spanish (the service's and the center's Spanish names) with its status in Spanish."""
    line = make_call_queue(slug="tax-line")
    center = make_center(time_zone=midday_zone())
    anna = make_public_user()
    tax_return = make_return(anna, SINGLE)
    _ask_for_callback(client, anna, "tax-line", "(202) 555-0105")
    appointment = _book(center, anna)
    client.force_login(anna)
    page = client.get("/es" + MY_RECORDS).content.decode()
    service = appointment.offering.service
    with translation.override("es"):
        status = tax_return.get_status_display()
    with translation.override("en"):
        assert status != tax_return.get_status_display()  # the status is in Spanish
    assert f"Su declaración federal de {tax_return.tax_year}</a>: {status}" in page
    assert f"Llamada de regreso: {line.service.name_es}</a>: En espera" in page
    assert (f"Cita: {service.name_es} en {center.location.name_es}</a>: Reservada" in page)
    english = client.get(MY_RECORDS).content.decode()
    assert f"Callback: {line.service.name}</a>: Waiting" in english
    assert f"Appointment: {service.name} at {center.location.name}</a>: Booked" in english
