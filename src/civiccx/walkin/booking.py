"""Appointments: the times a center can take, booking, changing and cancelling a visit,
missed visits and the erasure of contact details."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from civiccx.core.languages import site_language
from civiccx.services.hours import opening_spans
from civiccx.services.interactions import normalize_phone
from civiccx.walkin.codes import new_code
from civiccx.walkin.local_time import local_today, zone
from civiccx.walkin.messages import notify
from civiccx.walkin.models import Appointment, Center, CenterService, SlotClaim, Ticket
from civiccx.walkin.slots import Slot, day_starts, generate_slots, units


class BookingError(ValidationError):
    """The booking cannot be made as asked; the message says why, for the person."""


class SlotFull(BookingError):
    """Someone else took the last place at that time."""


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
    starts = day_starts(day, booking_spans(center)(day), center.location.time_zone,
                        center.slot_minutes, offering.duration_minutes)
    if not starts:
        raise BookingError(_("The center does not take appointments that day. Choose "
                             "another day."))
    if starts_at not in starts:
        raise BookingError(_("The center does not take appointments at that time. Choose "
                             "one of the times shown."))


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
        email=email, phone=phone, language=site_language(language),
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
        if not can_proceed(appointment.cancel):
            return False
        appointment.cancel(now)  # frees the time and tells the person
        appointment.save()
    return True


def apply_no_show_rule(center: Center | None = None, now: datetime | None = None) -> int:
    """Appointments not checked in `no_show_grace_minutes` after their start are missed."""
    now = now or timezone.now()
    missed = 0
    centers = [center] if center else Center.objects.all()
    for item in centers:
        with transaction.atomic():  # skips a visit that is checking in at this moment
            due = Appointment.objects.select_for_update(skip_locked=True).filter(
                center=item, status=Appointment.Status.BOOKED,
                starts_at__lt=now - timedelta(minutes=item.no_show_grace_minutes))
            for appointment in due:
                appointment.miss(now)
                appointment.save()
                missed += 1
    return missed


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
