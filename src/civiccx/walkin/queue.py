"""The walk-in line at work: tickets, check-in, calling the next person, finishing, undoing a
mistake and transfers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from civiccx.core import dates
from civiccx.core.languages import site_language
from civiccx.services.hours import closing_time, is_open
from civiccx.services.interactions import normalize_phone
from civiccx.walkin.codes import find_appointment
from civiccx.walkin.estimates import estimate_wait
from civiccx.walkin.line import waiting_queryset
from civiccx.walkin.local_time import local_today, zone
from civiccx.walkin.models import UNDO_MINUTES as UNDO_MINUTES  # the views' name for it
from civiccx.walkin.models import Appointment, Center, CenterService, Counter, QueueError, Ticket
from civiccx.walkin.wait_range import WaitRange


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
                    language=site_language(language),
                    survey_consent=survey_consent)
    estimate = estimate_wait(center, None, now)
    closes = closing_time(center.location, now)
    if closes is not None and now + timedelta(seconds=estimate.low_seconds) >= closes:
        raise QueueError(_("Today's line is full: we close %(at_time)s and cannot see you "
                           "before then. Book an appointment, or come back when we open.")
                         % {"at_time": dates.at_clock(closes, zone(center))})
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
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().select_related(
            "center__location", "offering").get(pk=appointment.pk)
        if appointment.status == Appointment.Status.CHECKED_IN:
            return appointment.ticket
        appointment.check_in(now)  # refuses a cancelled or missed visit, or the wrong time
        appointment.save()
        ticket = Ticket(center=center, offering=appointment.offering,
                        day=local_today(center, now), prefix=appointment.offering.prefix,
                        appointment=appointment, arrived_at=now, due_at=appointment.starts_at,
                        needs_accessibility=appointment.needs_accessibility,
                        phone=appointment.phone, language=appointment.language)
        _store_estimate(ticket, estimate_wait(center, appointment.offering, now, n_ahead=0))
        return _issue(ticket)


def call_next(counter: Counter, staff, now: datetime | None = None) -> Ticket | None:
    """Call whoever is first by the priority rules to `counter`, or None when nobody waits.

    The pick locks the row with SKIP LOCKED on PostgreSQL (SQLite runs one writer at a time),
    so two counters never wait on each other or call the same person; the `call` transition's
    save is `UPDATE … WHERE status = 'waiting'`, which guards again (decision 0013).
    """
    now = now or timezone.now()
    center = counter.center
    if Ticket.objects.filter(counter=counter, status=Ticket.Status.CALLED).exists():
        raise QueueError(_("Finish the person at this counter first."))
    with transaction.atomic():
        ticket = (waiting_queryset(center, now)
                  .select_for_update(skip_locked=True, of=("self",))
                  .select_related("offering__service").first())
        if ticket is None:
            return None
        ticket.call(counter, staff, now)
        ticket.save()
    return ticket


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
        if outcome == "served":
            ticket.serve(now)
        else:
            ticket.mark_no_show(now)
        ticket.save()
    return ticket


def undo(ticket: Ticket, now: datetime | None = None) -> Ticket:
    """Put a ticket back at its counter after a mistaken served or no-show."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
        ticket.undo(now)  # refused after the undo window; takes the Interaction back
        ticket.save()
    return ticket


def transfer(ticket: Ticket, offering: CenterService, now: datetime | None = None) -> Ticket:
    """Send someone to another service's line; they keep their number and their place."""
    now = now or timezone.now()
    if offering.center_id != ticket.center_id:
        raise QueueError(_("That service is not offered at this center."))
    with transaction.atomic():
        ticket = _locked(ticket)
        ticket.transfer(offering, now)
        ticket.save()
    return ticket


def set_counter(counter: Counter, staff, is_open: bool) -> Counter:
    counter.is_open = is_open
    counter.staff = staff if is_open else None
    counter.save(update_fields=["is_open", "staff"])
    return counter
