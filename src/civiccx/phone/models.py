"""Phone queues and the people in them: callers holding on the line and callbacks, served
together in order of arrival, so choosing a callback never costs anyone their place."""

from __future__ import annotations

from datetime import timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, TransitionNotAllowed, transition

from civiccx.core.fields import EncryptedTextField
from civiccx.core.languages import default_language, site_language
from civiccx.core.states import refused_with
from civiccx.services.interactions import record_interaction
from civiccx.services.models import Channel, Location, Outcome, Service, ServiceChannel


class CallQueue(models.Model):
    """One phone line's queue, for one service, open when its call center is open."""

    service = models.OneToOneField(Service, on_delete=models.PROTECT, related_name="call_queue")
    slug = models.SlugField(unique=True)
    call_center = models.ForeignKey(Location, on_delete=models.PROTECT,
                                    related_name="call_queues",
                                    help_text="Its opening hours are the queue's hours.")
    callback_threshold_minutes = models.PositiveIntegerField(
        default=10, help_text="Offer a callback when the estimated wait is longer than this.")
    callback_max_wait_minutes = models.PositiveIntegerField(
        default=240, help_text="Do not offer callbacks when the wait is longer than this.")
    max_attempts = models.PositiveSmallIntegerField(default=3)
    retry_delay_minutes = models.PositiveIntegerField(default=15)
    mean_patience_minutes = models.PositiveIntegerField(
        default=12, help_text="How long callers on hold wait, on average, before hanging up.")
    default_handle_minutes = models.PositiveIntegerField(default=12)
    service_level_seconds = models.PositiveIntegerField(default=300)

    def __str__(self):
        return self.slug

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.list_in_catalog()

    def list_in_catalog(self) -> None:
        """The catalog names this line's callback page as the way to reach its service by
        phone, so other apps (the help center's "Still need help?") offer it from there."""
        with translation.override(default_language()):
            url = reverse("phone:request-callback", args=[self.slug])
        ServiceChannel.objects.update_or_create(service_id=self.service_id,
                                                channel=Channel.PHONE, defaults={"url": url})


class CallRefused(ValidationError, TransitionNotAllowed):
    """A move the call's state does not allow; the message is for the representative."""


class QueueEntry(ConcurrentTransitionMixin, models.Model):
    """Someone waiting: on hold, or for a callback. Served in order of `arrived_at`.

    Its status moves only through the transitions below (decision 0013), each holding its side
    effects; an attempt that ends the call records the `Interaction`.
    """

    class Kind(models.TextChoices):
        HOLD = "hold", _("On hold")
        CALLBACK = "callback", _("Callback")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        IN_PROGRESS = "in_progress", _("With a representative")
        RESOLVED = "resolved", _("Resolved")
        REACHED = "reached", _("Reached, needs follow-up")
        TRANSFERRED = "transferred", _("Transferred")
        NO_ANSWER = "no_answer", _("No answer")
        VOICEMAIL = "voicemail", _("Voicemail left")
        CANCELLED = "cancelled", _("Cancelled by the caller")

    OPEN = (Status.WAITING, Status.IN_PROGRESS)

    queue = models.ForeignKey(CallQueue, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = FSMField(max_length=12, choices=Status.choices, default=Status.WAITING,
                      protected=True)
    phone = EncryptedTextField(blank=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    language = models.CharField(max_length=8, default="en")
    best_time = models.CharField(max_length=20, blank=True)
    survey_consent = models.BooleanField(default=False)
    source = models.CharField(max_length=10, default="ivr")  # ivr or web
    arrived_at = models.DateTimeField(default=timezone.now, db_index=True)
    not_before = models.DateTimeField(default=timezone.now,
                                      help_text="Not dialed before this (hours, retries).")
    attempts = models.PositiveSmallIntegerField(default=0)
    csr = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                            blank=True, related_name="queue_entries")
    claimed_at = models.DateTimeField(null=True, blank=True)
    first_claimed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    predicted_wait_seconds = models.PositiveIntegerField(null=True, blank=True)
    predicted_low_seconds = models.PositiveIntegerField(null=True, blank=True)
    predicted_high_seconds = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="callbacks",
                               help_text="The signed-in person who asked on the web, if any.")

    class Meta:
        ordering = ["arrived_at", "pk"]
        indexes = [models.Index(fields=["queue", "status", "arrived_at"])]
        constraints = [models.UniqueConstraint(
            fields=["queue", "phone_index"],
            condition=Q(kind="callback", status__in=["waiting", "in_progress"]),
            name="one_open_callback_per_number")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk} in {self.queue}"

    @property
    def predicted_low_minutes(self) -> int:
        return max(1, round((self.predicted_low_seconds or 0) / 60))

    @property
    def predicted_high_minutes(self) -> int:
        return max(self.predicted_low_minutes, round((self.predicted_high_seconds or 0) / 60))

    @property
    def actual_wait(self) -> timedelta | None:
        return (self.first_claimed_at - self.arrived_at) if self.first_claimed_at else None

    # --- the allowed moves, in one place -------------------------------------------------

    @transition(field=status, source=Status.WAITING, target=Status.IN_PROGRESS)
    def claim(self, csr, now):
        """A representative takes this person. On PostgreSQL `take_next` claims with one SQL
        statement instead (decision 0013), which sets the same fields and then runs
        `after_claim` too; a test holds the two paths to the same result."""
        self.csr = csr
        self.claimed_at = now
        self.first_claimed_at = self.first_claimed_at or now
        self.attempts += 1
        self.after_claim(now)

    def after_claim(self, now) -> None:
        """What a claim changes besides this row, by either path: the CSR is on a call."""
        if not AgentState.objects.filter(user_id=self.csr_id).update(
                status=AgentState.Status.ON_CALL, changed_at=now):
            AgentState.objects.create(user_id=self.csr_id, status=AgentState.Status.ON_CALL,
                                      changed_at=now)

    @refused_with(CallRefused, _("This call has already ended."))
    @transition(field=status, source=Status.IN_PROGRESS, target=Status.WAITING)
    def retry_later(self, now):
        """Nobody answered a callback: it goes back in line, keeping its place, after the
        queue's retry delay."""
        self._callbacks_only()
        self.csr = None
        self.not_before = now + timedelta(minutes=self.queue.retry_delay_minutes)

    @refused_with(CallRefused, _("This call has already ended."))
    @transition(field=status, source=Status.IN_PROGRESS, target=Status.NO_ANSWER)
    def give_up_no_answer(self, now):
        self._callbacks_only()
        self._end(now, Outcome.UNRESOLVED)

    @refused_with(CallRefused, _("This call has already ended."))
    @transition(field=status, source=Status.IN_PROGRESS, target=Status.VOICEMAIL)
    def give_up_voicemail(self, now):
        self._callbacks_only()
        self._end(now, Outcome.UNRESOLVED)

    @refused_with(CallRefused, _("This call has already ended."))
    @transition(field=status, source=Status.IN_PROGRESS, target=Status.RESOLVED)
    def resolve(self, now):
        self._end(now, Outcome.RESOLVED)

    @refused_with(CallRefused, _("This call has already ended."))
    @transition(field=status, source=Status.IN_PROGRESS, target=Status.REACHED)
    def reached_needs_follow_up(self, now):
        self._end(now, Outcome.FOLLOW_UP)

    @refused_with(CallRefused, _("This call has already ended."))
    @transition(field=status, source=Status.IN_PROGRESS, target=Status.TRANSFERRED)
    def transfer(self, now):
        self._end(now, Outcome.REFERRED)

    @transition(field=status, source=Status.WAITING, target=Status.CANCELLED)
    def cancel(self, now):
        """The caller cancels a callback that is still waiting (by link or by text)."""
        self._end(now, Outcome.ABANDONED)

    def _callbacks_only(self) -> None:
        if self.kind != QueueEntry.Kind.CALLBACK:
            raise CallRefused(gettext("A caller on hold is already on the line."))

    def _end(self, now, outcome: str) -> None:
        """The person's contact with the line is over: record it on the spine."""
        self.ended_at = now
        record_interaction(
            service=self.queue.service, channel=Channel.PHONE,
            location=self.queue.call_center, started_at=self.arrived_at, ended_at=now,
            outcome=outcome, language=site_language(self.language),
            contact_consent=self.survey_consent and bool(self.phone),
            contact_phone=self.phone if self.survey_consent else "", source=f"phone:{self.pk}")


class AgentState(models.Model):
    """What a CSR is doing now, for routing and the supervisor's view."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        ON_CALL = "on_call", _("On a call")
        WRAP_UP = "wrap_up", _("Wrap-up")
        BREAK = "break", _("On break")
        OFFLINE = "offline", _("Not taking calls")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="phone_state")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OFFLINE)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} {self.status}"


class WebhookReceipt(models.Model):
    """A Twilio request already acted on, by its CallSid or MessageSid and the step it took.

    A correctly signed request replayed later must not act again (re-create a callback the
    caller cancelled, cancel again): the first receipt of a call also dates the call, so a
    request for a call older than TWILIO_WEBHOOK_MAX_AGE is refused as stale.
    """

    sid = models.CharField(max_length=64)
    step = models.CharField(max_length=20)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sid", "step"], name="webhook_once")]

    def __str__(self):
        return f"{self.sid} {self.step}"


auditlog.register(QueueEntry, mask_fields=["phone"], exclude_fields=["phone_index"])
