"""What a person booked or waiting in line reads, word for word, in English and in Spanish:
every text and email kind, with the site's public address in its links."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation
from icalendar import Calendar

from civiccx.core.notifications import OutboxBackend
from civiccx.walkin import booking, messages, queue
from tests.factories import make_center, make_staff
from tests.fixtures import NON_DEFAULT_SITE as SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox_on_another_port")]

# Monday 8 March 2027, 9:00 in Chicago (Central time, UTC-6); the visit is Tuesday at 10:00.
NOW = datetime(2027, 3, 8, 15, 0, tzinfo=UTC)
TEN = datetime(2027, 3, 9, 16, 0, tzinfo=UTC)
ELEVEN = datetime(2027, 3, 9, 17, 0, tzinfo=UTC)

EXPECTED = {
    ("booked", "en"): (
        "Your appointment is booked",
        "Test Revenue Agency: your visit to {center} is booked for Tuesday, March 9, 2027, "
        "at 10 a.m. (Central time). Code {code}. Add to calendar: {site}/visit/appointment/TOKEN/"
        "calendar.ics Change or cancel: {site}/visit/appointment/"),
    ("booked", "es"): (
        "Su cita está reservada",
        "Agencia de Ingresos de Prueba: su visita al {center_es} está reservada para el martes 9 "
        "de marzo de 2027, a las 10 a. m. (hora del Centro). Código {code}. Calendario: "
        "{site}/es/visit/appointment/TOKEN/calendar.ics Cambiar o cancelar: "
        "{site}/es/visit/appointment/"),
    ("rescheduled", "en"): (
        "Your appointment changed",
        "Test Revenue Agency: your visit to {center} is now Tuesday, March 9, 2027, at 11 a.m. "
        "(Central time). Code {code}. Calendar: {site}/visit/appointment/TOKEN/calendar.ics "
        "Change or cancel: {site}/visit/appointment/"),
    ("rescheduled", "es"): (
        "Su cita cambió",
        "Agencia de Ingresos de Prueba: su visita al {center_es} ahora es el martes 9 de marzo de "
        "2027, a las 11 a. m. (hora del Centro). Código {code}. Calendario: "
        "{site}/es/visit/appointment/TOKEN/calendar.ics Cambiar o cancelar: "
        "{site}/es/visit/appointment/"),
    ("cancelled", "en"): (
        "Your appointment is cancelled",
        "Test Revenue Agency: your visit to {center} on Tuesday, March 9, 2027, at 10 a.m. "
        "(Central time) is cancelled. Code {code}."),
    ("cancelled", "es"): (
        "Su cita está cancelada",
        "Agencia de Ingresos de Prueba: su visita al {center_es} del martes 9 de marzo de 2027, a "
        "las 10 a. m. (hora del Centro) está cancelada. Código {code}."),
    ("reminder", "en"): (
        "Your appointment is tomorrow",
        "Test Revenue Agency: reminder, your visit to {center} is tomorrow, Tuesday, March 9, "
        "2027, at 10 a.m. (Central time). Code {code}. Can't come? Cancel in one tap: "
        "{site}/visit/appointment/TOKEN/cancel/"),
    ("reminder", "es"): (
        "Su cita es mañana",
        "Agencia de Ingresos de Prueba: recordatorio, su visita al {center_es} es mañana, martes "
        "9 de marzo de 2027, a las 10 a. m. (hora del Centro). Código {code}. ¿No puede venir? "
        "Cancele con un toque: {site}/es/visit/appointment/TOKEN/cancel/"),
}


@pytest.fixture
def center():
    return make_center(hours=((8, 16),), weekdays=range(5), appointment_counters=1)


def _without_tokens(text: str) -> str:
    return re.sub(r"/visit/appointment/[\w:-]+/", "/visit/appointment/TOKEN/", text)


def _appointment_messages(kind, center, language, on_commit):
    offering = center.offerings.get()
    with on_commit(execute=True):
        appointment = booking.book(offering, TEN, email="ana@example.com",
                                   phone="(202) 555-0143", language=language, now=NOW)
    if kind != "booked":
        OutboxBackend.outbox.clear()
    with on_commit(execute=True):
        if kind == "rescheduled":
            booking.reschedule(appointment, ELEVEN, now=NOW)
        elif kind == "cancelled":
            booking.cancel(appointment, now=NOW)
        elif kind == "reminder":
            assert messages.send_reminders(now=NOW) == 1
    [text] = [m for m in OutboxBackend.outbox if m.channel == "sms"]
    [email] = [m for m in OutboxBackend.outbox if m.channel == "email"]
    return appointment, text, email


@pytest.mark.parametrize(("kind", "language"), sorted(EXPECTED))
def test_each_appointment_message_in_the_language_the_person_chose(
        kind, language, center, django_capture_on_commit_callbacks):
    appointment, text, email = _appointment_messages(kind, center, language,
                                                     django_capture_on_commit_callbacks)
    subject, body = EXPECTED[kind, language]
    expected = body.format(center=center.location.name, center_es=center.location.name_es,
                           code=appointment.code, site=SITE)
    assert _without_tokens(text.body) == expected
    assert text.to == "+12025550143"
    assert _without_tokens(email.body) == expected
    assert email.subject == subject and email.to == "ana@example.com"
    with_calendar = kind != "cancelled"
    assert bool(email.attachments) is with_calendar


def test_the_links_in_a_text_open_the_appointment(center, django_capture_on_commit_callbacks):
    _appointment, text, _email = _appointment_messages("reminder", center, "es",
                                                       django_capture_on_commit_callbacks)
    cancel = re.search(rf"{SITE}/es/visit/appointment/([\w:-]+)/cancel/", text.body)
    assert cancel, text.body
    assert messages.appointment_from_token(cancel.group(1)) == _appointment


def test_a_spanish_page_books_an_english_text_without_a_doubled_language_prefix(
        center, django_capture_on_commit_callbacks):
    """The booking form can be sent from /es/ while asking for messages in English."""
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        booking.book(center.offerings.get(), TEN, phone="2025550143", language="en", now=NOW)
    body = OutboxBackend.outbox[-1].body
    assert f"Change or cancel: {SITE}/visit/appointment/" in body
    assert "/es/" not in body


def test_the_calendar_file_speaks_the_persons_language(center):
    appointment = booking.book(center.offerings.get(), TEN, email="ana@example.com",
                               language="es", now=NOW)
    event = Calendar.from_ical(messages.ics(appointment)).walk("VEVENT")[0]
    assert str(event["description"]) == (
        f"Código de confirmación {appointment.code}. Traiga una identificación con foto. "
        f"Registre su llegada en el quiosco o con el código en el {center.location.name_es}.")
    assert str(event["summary"]).startswith("Servicio ")
    assert str(event.walk("VALARM")[0]["description"]) == "Cita mañana"


@pytest.mark.parametrize(("language", "turn", "upcoming"), [
    ("en", "It's your turn: ticket A-001, please go to counter 1.",
     "You're next: ticket A-002. Please come back inside now."),
    ("es", "Es su turno: turno A-001, pase a la ventanilla 1.",
     "Usted sigue: turno A-002. Por favor, regrese ahora."),
])
def test_the_texts_that_call_people_back_inside(language, turn, upcoming,
                                                django_capture_on_commit_callbacks):
    center = make_center()
    offering = center.offerings.get()
    # A fixed weekday noon: with the real clock, a run just after the center's midnight put the
    # tickets on yesterday's line and called nobody.
    now = datetime(2027, 3, 9, 18, 0, tzinfo=UTC)
    queue.take_ticket(offering, phone="2025550101", language=language,
                      now=now - timedelta(minutes=3))
    queue.take_ticket(offering, phone="2025550102", language=language,
                      now=now - timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        queue.call_next(center.counter_set.get(number=1), make_staff("center_staff"), now=now)
    texts = {m.to: m.body for m in OutboxBackend.outbox}
    assert texts == {"+12025550101": turn, "+12025550102": upcoming}
