"""Walk-in centers: what each offers, its counters, appointments and the day's tickets.

An appointment occupies one appointment counter ("seat") for a run of grid units; each unit is a
`SlotClaim` row, unique per (center, seat, start), so the database itself refuses a double
booking however many requests race for the last slot.
"""

from __future__ import annotations

from datetime import timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, TransitionNotAllowed, transition

from civiccx.core import dates
from civiccx.core.fields import EncryptedTextField
from civiccx.core.languages import current_language
from civiccx.core.states import refused_with
from civiccx.services.interactions import record_interaction, void_interaction
from civiccx.services.models import Channel, Location, Outcome, Service

UNDO_MINUTES = 5
CHECK_IN_EARLY_MINUTES = 120


class QueueError(ValidationError):
    """A queue move that cannot happen (closed center, wrong state, unknown code); the message
    is for the person in front of the screen."""


class MoveRefused(QueueError, TransitionNotAllowed):
    """A move the ticket's or appointment's state (or the clock) does not allow."""


def _not_at_a_counter(ticket) -> str:
    return gettext("Ticket %(t)s is not at a counter.") % {"t": ticket.display}


def _already_finished(ticket) -> str:
    return gettext("Ticket %(t)s has already finished.") % {"t": ticket.display}


def _too_late_to_undo(_ticket=None) -> str:
    return gettext("It is too late to undo this; the %(n)d minutes have passed.") % {
        "n": UNDO_MINUTES}


class Center(models.Model):
    """A walk-in center's settings on top of its catalog `Location` (address, hours)."""

    location = models.OneToOneField(Location, on_delete=models.CASCADE,
                                    related_name="walkin_center")
    languages = models.CharField(max_length=200, default="English, Spanish",
                                 help_text="Languages staff speak, comma-separated.")
    accessibility_notes = models.TextField(blank=True)
    accessibility_notes_es = models.TextField(blank=True)
    counters = models.PositiveSmallIntegerField(default=3, help_text="Counters staffed on a "
                                                "normal day.")
    appointment_counters = models.PositiveSmallIntegerField(
        default=2, help_text="Counters kept for appointments: how many people can book the "
        "same time.")
    slot_minutes = models.PositiveSmallIntegerField(default=30)
    book_days_ahead = models.PositiveSmallIntegerField(default=21)
    min_notice_minutes = models.PositiveIntegerField(default=60)
    no_show_grace_minutes = models.PositiveSmallIntegerField(
        default=15, help_text="An appointment not checked in this long after its start is a "
        "no-show and its time goes to walk-ins.")
    appointments_on_special_days = models.BooleanField(
        default=False, help_text="Special openings (e.g. Saturday walk-in days) take "
        "appointments too; by default they are walk-in only.")
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="walkin_centers",
        help_text="Center staff who run this center's console. A manager may be assigned to "
        "several centers; administrators see every center.")

    class Meta:
        ordering = ["location__state", "location__city"]

    def __str__(self):
        return self.location.name

    @property
    def slug(self) -> str:
        return self.location.slug

    def localized_accessibility(self) -> str:
        if current_language() == "es" and self.accessibility_notes_es:
            return self.accessibility_notes_es
        return self.accessibility_notes


class CenterService(models.Model):
    """A service a center offers, how long a visit for it takes, and its ticket letter."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="offerings")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="center_offerings")
    prefix = models.CharField(max_length=2, help_text="Ticket letter, e.g. A for A-012.")
    duration_minutes = models.PositiveSmallIntegerField(default=30)
    bookable = models.BooleanField(default=True)

    class Meta:
        ordering = ["prefix"]
        constraints = [
            models.UniqueConstraint(fields=["center", "service"], name="one_offering_per_service"),
            models.UniqueConstraint(fields=["center", "prefix"], name="one_prefix_per_center"),
        ]

    def __str__(self):
        return f"{self.prefix}: {self.service} at {self.center}"


class Counter(models.Model):
    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="counter_set")
    number = models.PositiveSmallIntegerField()
    is_open = models.BooleanField(default=False)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="walkin_counters")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["center", "number"],
                                               name="unique_counter_number")]

    def __str__(self):
        return f"Counter {self.number}"


class Appointment(ConcurrentTransitionMixin, models.Model):
    """A booked visit. Its status moves only through the transitions below (decision 0013)."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CHECKED_IN = "checked_in", _("Checked in")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Missed")

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="appointments")
    offering = models.ForeignKey(CenterService, on_delete=models.PROTECT,
                                 related_name="appointments")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    seat = models.PositiveSmallIntegerField(default=0)
    status = FSMField(max_length=12, choices=Status.choices, default=Status.BOOKED,
                      protected=True)
    code = models.CharField(max_length=12, unique=True)
    name = EncryptedTextField(blank=True)
    email = EncryptedTextField(blank=True)
    phone = EncryptedTextField(blank=True)
    language = models.CharField(max_length=8, default="en")
    needs_accessibility = models.BooleanField(default=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="walkin_appointments")
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["center", "starts_at", "status"])]

    def __str__(self):
        return f"Appointment {self.code} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def local_start(self):
        from zoneinfo import ZoneInfo

        return self.starts_at.astimezone(ZoneInfo(self.center.location.time_zone))

    @refused_with(MoveRefused, _("This appointment was cancelled or missed. Take a walk-in "
                                 "ticket or ask at the front desk."))
    @transition(field=status, source=Status.BOOKED, target=Status.CHECKED_IN)
    def check_in(self, now):
        """The person arrived: on the appointment's day, from two hours before it until the
        center's grace period after it. (Their ticket is issued by `queue.check_in`.)"""
        if self.local_start.date() != now.astimezone(self.local_start.tzinfo).date():
            raise MoveRefused(gettext("Your appointment is on another day: %(when)s.")
                              % {"when": dates.day_at_clock(self.local_start)})
        grace = self.center.no_show_grace_minutes
        if now > self.starts_at + timedelta(minutes=grace):
            raise MoveRefused(gettext(
                "You are more than %(n)d minutes late for your appointment. Take a walk-in "
                "ticket and we will see you as soon as we can.") % {"n": grace})
        if now < self.starts_at - timedelta(minutes=CHECK_IN_EARLY_MINUTES):
            raise MoveRefused(gettext("Check-in opens two hours before your appointment."))
        self.changed_at = now

    @transition(field=status, source=Status.BOOKED, target=Status.CANCELLED)
    def cancel(self, now):
        """The person cancels: their time is free for others at once, and they are told
        (after commit)."""
        from civiccx.walkin.messages import notify  # messages reads these models

        self.changed_at = now
        self.claims.all().delete()
        transaction.on_commit(lambda: notify(self.pk, "cancelled"))

    @transition(field=status, source=Status.BOOKED, target=Status.NO_SHOW)
    def miss(self, now):
        """Not checked in by the end of the grace period (`booking.apply_no_show_rule`)."""
        self.changed_at = now


class SlotClaim(models.Model):
    """One grid unit of one appointment counter, held by one appointment."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="claims")
    seat = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="claims")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["center", "seat", "starts_at"],
                                               name="one_booking_per_seat_and_time")]

    def __str__(self):
        return f"Seat {self.seat} at {self.starts_at:%Y-%m-%d %H:%M}"


class Ticket(ConcurrentTransitionMixin, models.Model):
    """A person in a center's line today: a walk-in, or an appointment that checked in.

    Its status moves only through the transitions below (decision 0013), each holding its side
    effects: a call texts people, serving records the `Interaction`, undo takes it back.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        CALLED = "called", _("Called to a counter")
        SERVED = "served", _("Served")
        NO_SHOW = "no_show", _("Did not come when called")

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="tickets")
    offering = models.ForeignKey(CenterService, on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField(help_text="The center's local date.")
    prefix = models.CharField(max_length=2)
    number = models.PositiveIntegerField()
    appointment = models.OneToOneField(Appointment, on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="ticket")
    needs_accessibility = models.BooleanField(default=False)
    status = FSMField(max_length=10, choices=Status.choices, default=Status.WAITING,
                      protected=True)
    arrived_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(help_text="Appointment time, or arrival for walk-ins.")
    called_at = models.DateTimeField(null=True, blank=True)
    first_called_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="tickets")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="walkin_tickets")
    phone = EncryptedTextField(blank=True)
    language = models.CharField(max_length=8, default="en")
    survey_consent = models.BooleanField(default=False)
    next_text_sent = models.BooleanField(default=False)
    predicted_wait_seconds = models.PositiveIntegerField(null=True, blank=True)
    predicted_low_seconds = models.PositiveIntegerField(null=True, blank=True)
    predicted_high_seconds = models.PositiveIntegerField(null=True, blank=True)
    undo_status = models.CharField(max_length=10, blank=True)
    undo_until = models.DateTimeField(null=True, blank=True)
    interaction = models.ForeignKey("services.Interaction", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["center", "day", "status"])]
        constraints = [models.UniqueConstraint(fields=["center", "day", "prefix", "number"],
                                               name="unique_ticket_number_per_day")]

    def __str__(self):
        return self.display

    @property
    def display(self) -> str:
        return f"{self.prefix}-{self.number:03d}"

    @property
    def spoken(self) -> str:
        return f"{self.prefix} {self.number}"

    @property
    def actual_wait(self) -> timedelta | None:
        return (self.first_called_at - self.arrived_at) if self.first_called_at else None

    def can_undo(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(self.undo_status and self.undo_until and now <= self.undo_until)

    @transition(field=status, source=Status.WAITING, target=Status.CALLED)
    def call(self, counter, staff, now):
        """Called to `counter`: the counter opens if it was closed, and after commit the person
        called and the person now next get a text."""
        from civiccx.walkin.messages import announce_call  # messages reads these models

        self.counter = counter
        self.staff = staff
        self.called_at = now
        self.first_called_at = self.first_called_at or now
        Counter.objects.filter(pk=counter.pk, is_open=False).update(is_open=True)
        transaction.on_commit(lambda: announce_call(self, now))

    @refused_with(MoveRefused, _already_finished)
    @transition(field=status, source=[Status.WAITING, Status.CALLED], target=Status.WAITING)
    def transfer(self, offering, now):
        """To another service's line, keeping the number and the place in line."""
        self.offering = offering
        self.counter = None
        self.called_at = None

    @refused_with(MoveRefused, _not_at_a_counter)
    @transition(field=status, source=Status.CALLED, target=Status.SERVED)
    def serve(self, now):
        """Served: the visit is recorded on the spine. Can be undone for a few minutes."""
        self._finish(now)
        self.interaction = record_interaction(
            service=self.offering.service, channel=Channel.IN_PERSON,
            location=self.center.location, started_at=self.arrived_at, ended_at=now,
            outcome=Outcome.RESOLVED, language=self.language,
            person=self.appointment.person if self.appointment_id else None,
            contact_consent=self.survey_consent and bool(self.phone),
            contact_phone=self.phone if self.survey_consent else "", source=f"walkin:{self.pk}")

    @refused_with(MoveRefused, _not_at_a_counter)
    @transition(field=status, source=Status.CALLED, target=Status.NO_SHOW)
    def mark_no_show(self, now):
        """Did not come to the counter when called. Can be undone for a few minutes."""
        self._finish(now)

    def _finish(self, now) -> None:
        self.ended_at = now
        self.undo_status = Ticket.Status.CALLED
        self.undo_until = now + timedelta(minutes=UNDO_MINUTES)

    @refused_with(MoveRefused, _too_late_to_undo)
    @transition(field=status, source=[Status.SERVED, Status.NO_SHOW], target=Status.CALLED)
    def undo(self, now):
        """A mistaken served or no-show, within `UNDO_MINUTES`: back at the counter, and the
        visit no longer counts as served."""
        if not self.can_undo(now):
            raise MoveRefused(_too_late_to_undo())
        if self.interaction_id:  # the visit was counted as served: take it back
            void_interaction(self.interaction, reason=f"Undone at the counter: {self}")
            self.interaction = None
        self.ended_at = None
        self.undo_status = ""
        self.undo_until = None
        self.called_at = now



auditlog.register(Appointment, mask_fields=["name", "email", "phone"],
                  exclude_fields=["ticket", "claims", "created_at", "changed_at"])
auditlog.register(Ticket, mask_fields=["phone"])
