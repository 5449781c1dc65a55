"""What a person booked or waiting in line is told: texts, emails, the calendar file and the
signed links in them."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from civiccx.core.languages import site_language
from civiccx.core.messaging import send_email_message, send_text_message
from civiccx.core.public_links import public_url
from civiccx.core.signed_links import SignedLink
from civiccx.walkin.codes import find_appointment
from civiccx.walkin.line import waiting_queryset
from civiccx.walkin.local_time import local_today, zone
from civiccx.walkin.models import Appointment, Ticket

APPOINTMENT_LINK = SignedLink("civiccx.walkin.cancel", max_age=timedelta(days=60))
"""The link to see, change or cancel an appointment, and to download it to a calendar."""


def cancel_token(appointment: Appointment) -> str:
    return APPOINTMENT_LINK.token(appointment.code)


def appointment_from_token(token: str) -> Appointment | None:
    code = APPOINTMENT_LINK.value(token)
    return find_appointment(code) if code else None


def ics(appointment: Appointment) -> bytes:
    """An iCalendar (RFC 5545) event for the visit, with a reminder the day before, worded in
    the language the person chose."""
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
    with translation.override(site_language(appointment.language)):
        event.add("summary", f"{appointment.offering.service.localized_name} "
                             f"({location.localized_name})")
        event.add("description", _("Confirmation code %(code)s. Bring a photo ID. Check in at "
                                   "the kiosk or with the code at %(center)s.")
                  % {"code": appointment.code, "center": location.localized_name})
        reminder = _("Appointment tomorrow")
    event.add("location", f"{location.street}, {location.city}, {location.state} "
                          f"{location.zip_code}")
    event.add("status", "CANCELLED" if appointment.status == Appointment.Status.CANCELLED
              else "CONFIRMED")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder)
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    calendar.add_missing_timezones()  # a VTIMEZONE for the center's zone (RFC 5545 3.6.5)
    return calendar.to_ical()


def notify(appointment_pk: int, kind: str) -> None:
    """Send the confirmation (or change, cancellation, reminder) by text and email, in the
    language the person chose and their center's time (templates walkin/messages/<kind>.txt)."""
    appointment = Appointment.objects.select_related(
        "center__location__provider", "offering__service").get(pk=appointment_pk)
    language = site_language(appointment.language)
    token = APPOINTMENT_LINK.token(appointment.code)
    context = {
        "appointment": appointment, "provider": appointment.center.location.provider,
        "location": appointment.center.location, "starts_at": appointment.starts_at,
        "code": appointment.code,
        "calendar_url": public_url("walkin:ics", token, language=language),
        "manage_url": public_url("walkin:manage", language=language),
        "cancel_url": public_url("walkin:cancel", token, language=language),
    }
    template, time_zone = f"walkin/{kind}", zone(appointment.center)
    if appointment.phone:
        send_text_message(appointment.phone, template, context, language=language,
                          time_zone=time_zone)
    email = appointment.email or getattr(appointment.person, "email", "")
    if email:
        calendar = ([("appointment.ics", ics(appointment), "text/calendar")]
                    if kind in ("booked", "rescheduled", "reminder") else [])
        send_email_message(email, template, context, language=language, time_zone=time_zone,
                           attachments=calendar)


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


def announce_call(called: Ticket, now: datetime) -> None:
    """Text the person called, and the person now next, so people can wait outside."""
    if called.phone:
        send_text_message(called.phone, "walkin/turn",
                          {"ticket": called.display, "counter": called.counter.number},
                          language=called.language)
    upcoming = waiting_queryset(called.center, now).first()
    if upcoming and upcoming.phone and not upcoming.next_text_sent and \
            Ticket.objects.filter(pk=upcoming.pk, next_text_sent=False).update(
                next_text_sent=True):
        send_text_message(upcoming.phone, "walkin/next", {"ticket": upcoming.display},
                          language=upcoming.language)
