"""Walk-in centers: what each offers, its counters, appointments and the day's tickets.

An appointment occupies one appointment counter ("seat") for a run of grid units; each unit is a
`SlotClaim` row, unique per (center, seat, start), so the database itself refuses a double
booking however many requests race for the last slot.
"""

from __future__ import annotations

from datetime import timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from civiccx.core.fields import EncryptedTextField
from civiccx.core.languages import current_language
from civiccx.services.models import Location, Service


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


class Appointment(models.Model):
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
    status = FSMField(max_length=12, choices=Status.choices, default=Status.BOOKED)
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

    ACTIVE = (Status.BOOKED, Status.CHECKED_IN)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["center", "starts_at", "status"])]

    def __str__(self):
        return f"Appointment {self.code} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def local_start(self):
        from zoneinfo import ZoneInfo

        return self.starts_at.astimezone(ZoneInfo(self.center.location.time_zone))

    @transition(field=status, source=Status.BOOKED, target=Status.CHECKED_IN)
    def check_in(self, now):
        self.changed_at = now

    @transition(field=status, source=Status.BOOKED, target=Status.CANCELLED)
    def cancel(self, now):
        self.changed_at = now

    @transition(field=status, source=Status.BOOKED, target=Status.NO_SHOW)
    def miss(self, now):
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


class Ticket(models.Model):
    """A person in a center's line today: a walk-in, or an appointment that checked in."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        CALLED = "called", _("Called to a counter")
        SERVED = "served", _("Served")
        NO_SHOW = "no_show", _("Did not come when called")
        CANCELLED = "cancelled", _("Left the line")

    OPEN = (Status.WAITING, Status.CALLED)

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="tickets")
    offering = models.ForeignKey(CenterService, on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField(help_text="The center's local date.")
    prefix = models.CharField(max_length=2)
    number = models.PositiveIntegerField()
    appointment = models.OneToOneField(Appointment, on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="ticket")
    needs_accessibility = models.BooleanField(default=False)
    status = FSMField(max_length=10, choices=Status.choices, default=Status.WAITING)
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
        self.counter = counter
        self.staff = staff
        self.called_at = now
        self.first_called_at = self.first_called_at or now

    @transition(field=status, source=Status.CALLED, target=Status.WAITING)
    def requeue(self, now):
        self.counter = None
        self.called_at = None

    @transition(field=status, source=[Status.WAITING, Status.CALLED], target=Status.WAITING)
    def transfer(self, offering, now):
        self.offering = offering
        self.counter = None
        self.called_at = None

    @transition(field=status, source=Status.CALLED, target=Status.SERVED)
    def serve(self, now, undo_minutes):
        self.ended_at = now
        self.undo_status = Ticket.Status.CALLED
        self.undo_until = now + timedelta(minutes=undo_minutes)

    @transition(field=status, source=Status.CALLED, target=Status.NO_SHOW)
    def mark_no_show(self, now, undo_minutes):
        self.ended_at = now
        self.undo_status = Ticket.Status.CALLED
        self.undo_until = now + timedelta(minutes=undo_minutes)

    @transition(field=status, source=[Status.SERVED, Status.NO_SHOW], target=Status.CALLED,
                conditions=[lambda self: self.can_undo()])
    def undo(self, now):
        self.ended_at = None
        self.undo_status = ""
        self.undo_until = None
        self.called_at = now

    @transition(field=status, source=Status.WAITING, target=Status.CANCELLED)
    def leave(self, now):
        self.ended_at = now


auditlog.register(Appointment, mask_fields=["name", "email", "phone"],
                  exclude_fields=["ticket", "claims", "created_at", "changed_at"])
auditlog.register(Ticket, mask_fields=["phone"])
