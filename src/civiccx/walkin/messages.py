"""What a person booked or waiting in line is told: texts, emails, the calendar file and the
signed links in them."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from civiccx.core.notifications import send_email, send_sms
from civiccx.walkin.codes import find_appointment
from civiccx.walkin.line import waiting_queryset
from civiccx.walkin.local_time import local_today, zone
from civiccx.walkin.models import Appointment, Ticket

CANCEL_SALT = "civiccx.walkin.cancel"


def cancel_token(appointment: Appointment) -> str:
    return signing.dumps(appointment.code, salt=CANCEL_SALT, compress=True)


def appointment_from_token(token: str) -> Appointment | None:
    try:
        code = signing.loads(token, salt=CANCEL_SALT, max_age=timedelta(days=60))
    except signing.BadSignature:
        return None
    return find_appointment(code)


def public_url(path: str, language: str) -> str:
    prefix = "/es" if language == "es" else ""
    return f"{settings.CIVICCX_PUBLIC_URL}{prefix}{path}"


def ics(appointment: Appointment) -> bytes:
    """An iCalendar (RFC 5545) event for the visit, with a reminder the day before."""
    from icalendar import Alarm, Calendar, Event

    location = appointment.center.location
    calendar = Calendar()
    calendar.add("prodid", "-//Civic CX//walk-in appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"walkin-{appointment.code}@civiccx")
    event.add("dtstamp", appointment.changed_at)
    event.add("dtstart", appointment.starts_at.astimezone(zone(appointment.center)))
    event.add("dtend", appointment.ends_at.astimezone(zone(appointment.center)))
    event.add("summary", f"{appointment.offering.service.name} ({location.name})")
    event.add("location", f"{location.street}, {location.city}, {location.state} "
                          f"{location.zip_code}")
    event.add("description", f"Confirmation code {appointment.code}. Bring a photo ID. "
                             f"Check in at the kiosk or with the code at {location.name}.")
    event.add("status", "CANCELLED" if appointment.status == Appointment.Status.CANCELLED
              else "CONFIRMED")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Appointment tomorrow")
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    calendar.add_missing_timezones()  # a VTIMEZONE for the center's zone (RFC 5545 3.6.5)
    return calendar.to_ical()


MESSAGES = {
    "en": {
        "booked": "{agency}: your visit to {center} is booked for {when}. Code {code}. "
                  "Add to calendar: {ics} Change or cancel: {manage}",
        "rescheduled": "{agency}: your visit to {center} is now {when}. Code {code}. "
                       "Calendar: {ics} Change or cancel: {manage}",
        "cancelled": "{agency}: your visit to {center} on {when} is cancelled. Code {code}.",
        "reminder": "{agency}: reminder, your visit to {center} is tomorrow, {when}. Code "
                    "{code}. Can't come? Cancel in one tap: {cancel}",
    },
    "es": {
        "booked": "{agency}: su visita a {center} está reservada para el {when}. Código "
                  "{code}. Calendario: {ics} Cambiar o cancelar: {manage}",
        "rescheduled": "{agency}: su visita a {center} ahora es el {when}. Código {code}. "
                       "Calendario: {ics} Cambiar o cancelar: {manage}",
        "cancelled": "{agency}: su visita a {center} del {when} está cancelada. Código {code}.",
        "reminder": "{agency}: recordatorio, su visita a {center} es mañana, {when}. Código "
                    "{code}. ¿No puede venir? Cancele con un toque: {cancel}",
    },
}


SUBJECTS = {
    "en": {"booked": "Your appointment is booked", "rescheduled": "Your appointment changed",
           "cancelled": "Your appointment is cancelled", "reminder": "Your appointment is "
           "tomorrow"},
    "es": {"booked": "Su cita está reservada", "rescheduled": "Su cita cambió",
           "cancelled": "Su cita está cancelada", "reminder": "Su cita es mañana"},
}


def _when(appointment: Appointment, language: str) -> str:
    local = appointment.local_start
    if language == "es":
        return local.strftime("%d/%m/%Y a las %H:%M") + f" ({local.tzname()})"
    return local.strftime("%A %B %-d, %Y at %-I:%M %p") + f" ({local.tzname()})"


def notify(appointment_pk: int, kind: str) -> None:
    """Send the confirmation (or change, cancellation, reminder) by text and email."""
    appointment = Appointment.objects.select_related(
        "center__location__provider", "offering__service").get(pk=appointment_pk)
    language = "es" if appointment.language == "es" else "en"
    provider = appointment.center.location.provider
    body = MESSAGES[language][kind].format(
        agency=provider.name_es if language == "es" and provider.name_es else provider.name,
        center=appointment.center.location.name, when=_when(appointment, language),
        code=appointment.code,
        ics=public_url(reverse("walkin:ics", args=[cancel_token(appointment)]), language),
        manage=public_url(reverse("walkin:manage"), language),
        cancel=public_url(reverse("walkin:cancel", args=[cancel_token(appointment)]),
                          language))
    if appointment.phone:
        send_sms(appointment.phone, body)
    email = appointment.email or getattr(appointment.person, "email", "")
    if email:
        calendar = ([("appointment.ics", ics(appointment), "text/calendar")]
                    if kind in ("booked", "rescheduled", "reminder") else [])
        send_email(email, SUBJECTS[language][kind], body, attachments=calendar)


def send_reminders(now: datetime | None = None) -> int:
    """Remind everyone booked for tomorrow (in their center's time) once, with a one-tap
    cancel link. Returns how many were reminded."""
    now = now or timezone.now()
    sent = 0
    candidates = Appointment.objects.select_related("center__location").filter(
        status=Appointment.Status.BOOKED, reminder_sent_at__isnull=True,
        starts_at__gt=now, starts_at__lt=now + timedelta(hours=48))
    for appointment in candidates:
        if local_today(appointment.center, appointment.starts_at) != \
                local_today(appointment.center, now) + timedelta(days=1):
            continue
        if Appointment.objects.filter(pk=appointment.pk, reminder_sent_at__isnull=True
                                      ).update(reminder_sent_at=now):
            notify(appointment.pk, "reminder")
            sent += 1
    return sent


TEXTS = {
    "en": {"turn": "It's your turn: ticket {ticket}, please go to counter {counter}.",
           "next": "You're next: ticket {ticket}. Please come back inside now."},
    "es": {"turn": "Es su turno: turno {ticket}, pase a la ventanilla {counter}.",
           "next": "Usted es el siguiente: turno {ticket}. Por favor, regrese ahora."},
}


def announce_call(called: Ticket, now: datetime) -> None:
    """Text the person called, and the person now next, so people can wait outside."""
    if called.phone:
        send_sms(called.phone, TEXTS[called.language if called.language == "es" else "en"][
            "turn"].format(ticket=called.display, counter=called.counter.number))
    upcoming = waiting_queryset(called.center, now).first()
    if upcoming and upcoming.phone and not upcoming.next_text_sent and \
            Ticket.objects.filter(pk=upcoming.pk, next_text_sent=False).update(
                next_text_sent=True):
        send_sms(upcoming.phone, TEXTS[upcoming.language if upcoming.language == "es"
                                       else "en"]["next"].format(ticket=upcoming.display))
