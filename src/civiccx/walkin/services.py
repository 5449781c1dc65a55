"""Walk-in domain operations shared by the public pages, the kiosk, the center console and
tasks: slots and bookings, check-in and tickets, the priority queue, wait estimates."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, IntegerField, Max, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civiccx.core.notifications import send_email, send_sms
from civiccx.services.hours import closing_time, is_open, next_opening, opening_spans
from civiccx.services.models import Channel, Interaction, Outcome
from civiccx.services.services import normalize_phone, record_interaction
from civiccx.walkin.estimate import WaitRange, wait_range
from civiccx.walkin.models import (
    Appointment,
    Center,
    CenterService,
    Counter,
    SlotClaim,
    Ticket,
)
from civiccx.walkin.slots import Slot, generate_slots, units

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8
CANCEL_SALT = "civiccx.walkin.cancel"
UNDO_MINUTES = 5
CHECK_IN_EARLY_MINUTES = 120
RECENT_VISITS = 20


class BookingError(ValidationError):
    """The booking cannot be made as asked; the message says why, for the person."""


class SlotFull(BookingError):
    """Someone else took the last place at that time."""


class QueueError(ValidationError):
    """A queue move that cannot happen (closed center, wrong state, unknown code)."""


# --- time and hours ----------------------------------------------------------------------

def zone(center: Center) -> ZoneInfo:
    return ZoneInfo(center.location.time_zone)


def local_today(center: Center, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone(center)).date()


def booking_spans(center: Center):
    """Opening spans that take appointments: weekly hours, and special openings only when the
    center takes appointments on them (Saturday walk-in days are walk-in only by default)."""
    location = center.location
    specials = {s.date: s for s in location.special_hours.all()}

    def spans(day: date):
        special = specials.get(day)
        if special is not None and not special.is_closed and \
                not center.appointments_on_special_days:
            return []
        return opening_spans(location, day)

    return spans


def _taken(center: Center, start: datetime, end: datetime) -> set[tuple[int, datetime]]:
    return {(seat, at) for seat, at in SlotClaim.objects.filter(
        center=center, starts_at__gte=start, starts_at__lt=end).values_list("seat", "starts_at")}


def available_slots(offering: CenterService, now: datetime | None = None,
                    first_day: date | None = None, days: int | None = None) -> list[Slot]:
    center = offering.center
    now = now or timezone.now()
    today = local_today(center, now)
    first_day = max(first_day or today, today)
    last_day = today + timedelta(days=center.book_days_ahead)
    days = min(days or center.book_days_ahead, (last_day - first_day).days + 1)
    if days <= 0 or not offering.bookable:
        return []
    window_start = datetime.combine(first_day, datetime.min.time(), zone(center))
    window_end = window_start + timedelta(days=days + 1)
    return generate_slots(
        spans_for=booking_spans(center), zone_name=center.location.time_zone,
        first_day=first_day, days=days, slot_minutes=center.slot_minutes,
        duration_minutes=offering.duration_minutes, seats=center.appointment_counters,
        taken=_taken(center, window_start, window_end),
        not_before=now + timedelta(minutes=center.min_notice_minutes))


def _check_bookable(offering: CenterService, starts_at: datetime, now: datetime) -> None:
    center = offering.center
    if starts_at < now:
        raise BookingError(_("That time has already passed. Choose a later time."))
    if starts_at < now + timedelta(minutes=center.min_notice_minutes):
        raise BookingError(_("That time is too soon to book. Choose a time at least %(n)d "
                             "minutes from now.") % {"n": center.min_notice_minutes})
    if local_today(center, starts_at) > local_today(center, now) + timedelta(
            days=center.book_days_ahead):
        raise BookingError(_("You can book up to %(n)d days ahead.")
                           % {"n": center.book_days_ahead})
    day = local_today(center, starts_at)
    from civiccx.walkin.slots import day_starts

    starts = day_starts(day, booking_spans(center)(day), center.location.time_zone,
                        center.slot_minutes, offering.duration_minutes)
    if not starts:
        raise BookingError(_("The center does not take appointments that day. Choose "
                             "another day."))
    if starts_at not in starts:
        raise BookingError(_("The center does not take appointments at that time. Choose "
                             "one of the times shown."))


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:CODE_LENGTH * 2]


def find_appointment(raw_code: str) -> Appointment | None:
    code = normalize_code(raw_code)
    if len(code) != CODE_LENGTH:
        return None
    return (Appointment.objects.select_related("center__location", "offering__service")
            .filter(code=code).first())


def _claim_seat(appointment: Appointment, seats, now) -> bool:
    """Try each free seat in turn; the unique constraint refuses a seat someone just took."""
    center = appointment.center
    needed = units(appointment.starts_at, appointment.offering.duration_minutes,
                   center.slot_minutes)
    for seat in seats:
        try:
            with transaction.atomic():
                appointment.seat = seat
                if appointment.pk is None:
                    for _attempt in range(5):
                        appointment.code = new_code()
                        if not Appointment.objects.filter(code=appointment.code).exists():
                            break
                    appointment.save()
                else:
                    appointment.save(update_fields=["seat", "starts_at", "ends_at",
                                                    "changed_at"])
                SlotClaim.objects.bulk_create(
                    SlotClaim(center=center, seat=seat, starts_at=unit, appointment=appointment)
                    for unit in needed)
                return True
        except IntegrityError:
            if appointment.pk is not None and not Appointment.objects.filter(
                    pk=appointment.pk).exists():
                appointment.pk = None
            continue
    return False


def book(offering: CenterService, starts_at: datetime, *, name: str = "", email: str = "",
         phone: str = "", language: str = "en", needs_accessibility: bool = False,
         person=None, now: datetime | None = None) -> Appointment:
    """Book a visit. Raises BookingError (past, closed, too far) or SlotFull (taken)."""
    now = now or timezone.now()
    offering = (CenterService.objects.select_related("center__location", "service")
                .prefetch_related("center__location__hours", "center__location__special_hours")
                .get(pk=offering.pk))
    center = offering.center
    _check_bookable(offering, starts_at, now)
    if phone:
        phone = normalize_phone(phone)
    if not (email or phone or person):
        raise BookingError(_("Give an email address or a mobile number so we can send your "
                             "confirmation code."))
    appointment = Appointment(
        center=center, offering=offering, starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=offering.duration_minutes), name=name,
        email=email, phone=phone, language=language if language in ("en", "es") else "en",
        needs_accessibility=needs_accessibility, person=person, created_at=now, changed_at=now)
    with transaction.atomic():
        if not _claim_seat(appointment, range(center.appointment_counters), now):
            raise SlotFull(_("Someone has just booked the last place at that time. Choose "
                             "another time."))
        transaction.on_commit(lambda: notify(appointment.pk, "booked"))
    return appointment


def reschedule(appointment: Appointment, starts_at: datetime,
               now: datetime | None = None) -> Appointment:
    """Move a booking. All or nothing: if the new time is taken, the old one is kept."""
    now = now or timezone.now()
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().select_related(
            "center__location", "offering__service").get(pk=appointment.pk)
        if appointment.status != Appointment.Status.BOOKED:
            raise BookingError(_("This appointment can no longer be changed."))
        _check_bookable(appointment.offering, starts_at, now)
        appointment.claims.all().delete()
        appointment.starts_at = starts_at
        appointment.ends_at = starts_at + timedelta(
            minutes=appointment.offering.duration_minutes)
        appointment.changed_at = now
        appointment.reminder_sent_at = None
        if not _claim_seat(appointment, range(appointment.center.appointment_counters), now):
            raise SlotFull(_("That time has just been taken. Your appointment was not "
                             "changed; choose another time."))
        Appointment.objects.filter(pk=appointment.pk).update(reminder_sent_at=None)
        transaction.on_commit(lambda: notify(appointment.pk, "rescheduled"))
    return appointment


def cancel(appointment: Appointment, now: datetime | None = None) -> bool:
    """Cancel a booking and free its time. False when it was not booked any more."""
    now = now or timezone.now()
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status != Appointment.Status.BOOKED:
            return False
        appointment.cancel(now)
        appointment.save()
        appointment.claims.all().delete()
        transaction.on_commit(lambda: notify(appointment.pk, "cancelled"))
    return True


def apply_no_show_rule(center: Center | None = None, now: datetime | None = None) -> int:
    """Appointments not checked in `no_show_grace_minutes` after their start are missed."""
    now = now or timezone.now()
    missed = 0
    centers = [center] if center else Center.objects.all()
    for item in centers:
        due = Appointment.objects.filter(
            center=item, status=Appointment.Status.BOOKED,
            starts_at__lt=now - timedelta(minutes=item.no_show_grace_minutes))
        for appointment in due:
            appointment.miss(now)
            appointment.save()
            missed += 1
    return missed


# --- signed links, calendar, messages -----------------------------------------------------

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


# --- tickets and the queue -----------------------------------------------------------------

def _next_number(center: Center, day: date, prefix: str) -> int:
    last = Ticket.objects.filter(center=center, day=day, prefix=prefix).aggregate(
        n=Max("number"))["n"]
    return (last or 0) + 1


def _issue(ticket: Ticket) -> Ticket:
    for _attempt in range(10):
        ticket.number = _next_number(ticket.center, ticket.day, ticket.prefix)
        try:
            with transaction.atomic():
                ticket.save()
            return ticket
        except IntegrityError:  # a concurrent ticket took the number
            ticket.pk = None
    raise QueueError(_("The ticket machine is busy. Please try again."))


def _store_estimate(ticket: Ticket, estimate: WaitRange) -> None:
    ticket.predicted_wait_seconds = estimate.mean_seconds
    ticket.predicted_low_seconds = estimate.low_seconds
    ticket.predicted_high_seconds = estimate.high_seconds


def take_ticket(offering: CenterService, *, phone: str = "", language: str = "en",
                needs_accessibility: bool = False, survey_consent: bool = False,
                now: datetime | None = None) -> Ticket:
    """A walk-in ticket (A-012 style, numbered per service and day) while the center is open."""
    now = now or timezone.now()
    center = offering.center
    if not is_open(center.location, now):
        raise QueueError(_("The center is closed now, so we cannot give you a ticket."))
    if phone:
        phone = normalize_phone(phone)
    ticket = Ticket(center=center, offering=offering, day=local_today(center, now),
                    prefix=offering.prefix, arrived_at=now, due_at=now,
                    needs_accessibility=needs_accessibility, phone=phone,
                    language=language if language in ("en", "es") else "en",
                    survey_consent=survey_consent)
    estimate = estimate_wait(center, None, now)
    closes = closing_time(center.location, now)
    if closes is not None and now + timedelta(seconds=estimate.low_seconds) >= closes:
        raise QueueError(_("Today's line is full: we cannot see you before we close at "
                           "%(time)s. Book an appointment, or come back when we open.")
                         % {"time": closes.astimezone(zone(center)).strftime("%H:%M")})
    _store_estimate(ticket, estimate)
    return _issue(ticket)


def check_in(raw_code: str, center: Center, now: datetime | None = None) -> Ticket:
    """An appointment arrives: it joins the line, due at its appointment time."""
    now = now or timezone.now()
    appointment = find_appointment(raw_code)
    if appointment is None or appointment.center_id != center.pk:
        raise QueueError(_("We could not find that confirmation code at this center. Check "
                           "the code, or ask at the front desk."))
    if appointment.status == Appointment.Status.CHECKED_IN:
        return appointment.ticket
    if appointment.status != Appointment.Status.BOOKED:
        raise QueueError(_("This appointment was cancelled or missed. Take a walk-in ticket "
                           "or ask at the front desk."))
    if local_today(center, appointment.starts_at) != local_today(center, now):
        raise QueueError(_("Your appointment is on another day: %(when)s.")
                         % {"when": appointment.local_start.strftime("%Y-%m-%d %H:%M")})
    if now > appointment.starts_at + timedelta(minutes=center.no_show_grace_minutes):
        raise QueueError(_("You are more than %(n)d minutes late for your appointment. Take a "
                           "walk-in ticket and we will see you as soon as we can.")
                         % {"n": center.no_show_grace_minutes})
    if now < appointment.starts_at - timedelta(minutes=CHECK_IN_EARLY_MINUTES):
        raise QueueError(_("Check-in opens two hours before your appointment."))
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status == Appointment.Status.CHECKED_IN:
            return appointment.ticket
        appointment.check_in(now)
        appointment.save()
        ticket = Ticket(center=center, offering=appointment.offering,
                        day=local_today(center, now), prefix=appointment.offering.prefix,
                        appointment=appointment, arrived_at=now, due_at=appointment.starts_at,
                        needs_accessibility=appointment.needs_accessibility,
                        phone=appointment.phone, language=appointment.language)
        _store_estimate(ticket, estimate_wait(center, appointment.offering, now, n_ahead=0))
        return _issue(ticket)


def _priority(now: datetime):
    """0: appointments whose time has come; 1: accessibility needs; 2: everyone else."""
    return Case(When(appointment__isnull=False, due_at__lte=now, then=Value(0)),
                When(needs_accessibility=True, then=Value(1)),
                default=Value(2), output_field=IntegerField())


def waiting_queryset(center: Center, now: datetime, offering: CenterService | None = None):
    tickets = Ticket.objects.filter(center=center, day=local_today(center, now),
                                    status=Ticket.Status.WAITING)
    if offering is not None:
        tickets = tickets.filter(offering=offering)
    return tickets.annotate(tier=_priority(now)).order_by("tier", "due_at", "pk")


def waiting_in_order(center: Center, now: datetime | None = None,
                     offering: CenterService | None = None) -> list[Ticket]:
    now = now or timezone.now()
    return list(waiting_queryset(center, now, offering).select_related("offering"))


def position(ticket: Ticket, now: datetime | None = None) -> int:
    """How many people will be called before this ticket (0: next)."""
    now = now or timezone.now()
    order = [t.pk for t in waiting_queryset(ticket.center, now).only("pk")]
    return order.index(ticket.pk) if ticket.pk in order else 0


def call_next(counter: Counter, staff, now: datetime | None = None) -> Ticket | None:
    """Call whoever is first by the priority rules to `counter`, or None when nobody waits.

    On PostgreSQL the pick takes a row lock with SKIP LOCKED, so two counters never wait on
    each other or call the same person; a conditional UPDATE guards both engines.
    """
    now = now or timezone.now()
    center = counter.center
    if Ticket.objects.filter(counter=counter, status=Ticket.Status.CALLED).exists():
        raise QueueError(_("Finish the person at this counter first."))
    for _attempt in range(5):
        with transaction.atomic():
            candidates = waiting_queryset(center, now)
            if connection.vendor == "postgresql":
                candidates = candidates.select_for_update(skip_locked=True, of=("self",))
            ticket = candidates.first()
            if ticket is None:
                return None
            taken = Ticket.objects.filter(pk=ticket.pk, status=Ticket.Status.WAITING).update(
                status=Ticket.Status.CALLED, counter=counter, staff=staff, called_at=now,
                first_called_at=ticket.first_called_at or now)
            if taken:
                Counter.objects.filter(pk=counter.pk, is_open=False).update(is_open=True)
                ticket = Ticket.objects.select_related("offering__service", "counter").get(
                    pk=ticket.pk)
                transaction.on_commit(lambda t=ticket: _after_call(t, now))
                return ticket
    return None


TEXTS = {
    "en": {"turn": "It's your turn: ticket {ticket}, please go to counter {counter}.",
           "next": "You're next: ticket {ticket}. Please come back inside now."},
    "es": {"turn": "Es su turno: turno {ticket}, pase a la ventanilla {counter}.",
           "next": "Usted es el siguiente: turno {ticket}. Por favor, regrese ahora."},
}


def _after_call(called: Ticket, now: datetime) -> None:
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


def _locked(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().select_related(
        "center__location", "offering__service").get(pk=ticket.pk)


def finish(ticket: Ticket, outcome: str, now: datetime | None = None) -> Ticket:
    """Mark served (records the Interaction) or no-show; either can be undone for a few
    minutes."""
    now = now or timezone.now()
    if outcome not in ("served", "no_show"):
        raise QueueError(_("Choose served or no-show."))
    with transaction.atomic():
        ticket = _locked(ticket)
        if ticket.status != Ticket.Status.CALLED:
            raise QueueError(_("Ticket %(t)s is not at a counter.") % {"t": ticket.display})
        if outcome == "served":
            ticket.serve(now, UNDO_MINUTES)
            ticket.interaction = record_interaction(
                service=ticket.offering.service, channel=Channel.IN_PERSON,
                location=ticket.center.location, started_at=ticket.arrived_at, ended_at=now,
                outcome=Outcome.RESOLVED, language=ticket.language,
                person=ticket.appointment.person if ticket.appointment_id else None,
                contact_consent=ticket.survey_consent and bool(ticket.phone),
                contact_phone=ticket.phone if ticket.survey_consent else "",
                source=f"walkin:{ticket.pk}")
        else:
            ticket.mark_no_show(now, UNDO_MINUTES)
        ticket.save()
    return ticket


def undo(ticket: Ticket, now: datetime | None = None) -> Ticket:
    """Put a ticket back at its counter after a mistaken served or no-show."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
        if not ticket.can_undo(now):
            raise QueueError(_("It is too late to undo this; the %(n)d minutes have passed.")
                             % {"n": UNDO_MINUTES})
        if ticket.interaction_id:
            Interaction.objects.filter(pk=ticket.interaction_id).delete()
            ticket.interaction = None
        ticket.undo(now)
        ticket.save()
    return ticket


def transfer(ticket: Ticket, offering: CenterService, now: datetime | None = None) -> Ticket:
    """Send someone to another service's line; they keep their number and their place."""
    now = now or timezone.now()
    if offering.center_id != ticket.center_id:
        raise QueueError(_("That service is not offered at this center."))
    with transaction.atomic():
        ticket = _locked(ticket)
        if ticket.status not in Ticket.OPEN:
            raise QueueError(_("Ticket %(t)s has already finished.") % {"t": ticket.display})
        ticket.transfer(offering, now)
        ticket.save()
    return ticket


def set_counter(counter: Counter, staff, is_open: bool) -> Counter:
    counter.is_open = is_open
    counter.staff = staff if is_open else None
    counter.save(update_fields=["is_open", "staff"])
    return counter


# --- wait estimates ------------------------------------------------------------------------

def service_seconds(center: Center, offering: CenterService | None,
                    now: datetime | None = None) -> float:
    """Mean length of recent visits (called to finished), or the planned visit length."""
    now = now or timezone.now()
    recent = Ticket.objects.filter(center=center, status=Ticket.Status.SERVED,
                                   ended_at__gte=now - timedelta(days=14),
                                   called_at__isnull=False)
    if offering is not None:
        recent = recent.filter(offering=offering)
    pairs = recent.order_by("-ended_at").values_list("called_at", "ended_at")[:RECENT_VISITS]
    durations = [(end - start).total_seconds() for start, end in pairs if end > start]
    if len(durations) >= 5:
        return sum(durations) / len(durations)
    if offering is not None:
        return offering.duration_minutes * 60.0
    planned = [o.duration_minutes for o in center.offerings.all()]
    return (sum(planned) / len(planned) if planned else 30) * 60.0


def open_counters(center: Center) -> int:
    """Counters open now; the planned number when none has opened yet today."""
    return Counter.objects.filter(center=center, is_open=True).count() or center.counters


def estimate_wait(center: Center, offering: CenterService | None = None,
                  now: datetime | None = None, n_ahead: int | None = None) -> WaitRange:
    """The wait for someone joining now (or with `n_ahead` people before them).

    Every counter serves every service from one priority line, so the wait is the center's:
    the people ahead, the counters open and busy, and how long recent visits took (of one
    service when `offering` is given, else of all, which is what the people ahead need)."""
    now = now or timezone.now()
    if n_ahead is None:
        n_ahead = waiting_queryset(center, now).count()
    busy = Ticket.objects.filter(center=center, day=local_today(center, now),
                                 status=Ticket.Status.CALLED).count()
    return wait_range(n_ahead, open_counters(center), busy,
                      service_seconds(center, offering, now))


def walk_in_status(center: Center, now: datetime | None = None) -> dict:
    """What the public pages say about today: open or not, people waiting, the wait."""
    now = now or timezone.now()
    open_now = is_open(center.location, now)
    waiting = waiting_queryset(center, now).count() if open_now else 0
    return {"open": open_now, "waiting": waiting,
            "estimate": estimate_wait(center, None, now, n_ahead=waiting) if open_now else None,
            "opens_at": None if open_now else _next_open_local(center, now),
            "time_zone": center.location.time_zone}


def _next_open_local(center: Center, now: datetime):
    opens = next_opening(center.location, now)
    return opens.astimezone(zone(center)) if opens else None


def called_board(center: Center, now: datetime | None = None, limit: int = 8) -> list[Ticket]:
    """The most recent calls today, newest first, for the lobby display."""
    now = now or timezone.now()
    return list(Ticket.objects.filter(center=center, day=local_today(center, now),
                                      first_called_at__isnull=False)
                .filter(Q(status=Ticket.Status.CALLED) | Q(called_at__gte=now - timedelta(
                    minutes=10)))
                .select_related("counter").order_by("-called_at", "-pk")[:limit])


def local_instant_day(center: Center, day: date) -> datetime:
    """Local midnight starting `day`, as an aware datetime."""
    return datetime.combine(day, datetime.min.time(), zone(center))


def purge_contact_details(now: datetime | None = None) -> int:
    """Erase names, emails and phone numbers of visits past their service's retention
    period (counted from the visit). Returns how many records were erased."""
    now = now or timezone.now()
    erased = 0
    for offering in CenterService.objects.select_related("service"):
        cutoff = now - timedelta(days=offering.service.contact_retention_days)
        erased += Appointment.objects.filter(offering=offering, ends_at__lt=cutoff).exclude(
            name="", email="", phone="").update(name="", email="", phone="")
        erased += Ticket.objects.filter(offering=offering, arrived_at__lt=cutoff).exclude(
            phone="").update(phone="")
    return erased
