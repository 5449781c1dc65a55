"""Phone domain operations shared by the IVR webhooks, the web form, the CSR workspace and
tasks: joining the queue, honest wait estimates, atomic claims, outcomes and cancellations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from auditlog.context import disable_auditlog
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Avg
from django.utils import timezone
from django_fsm import can_proceed

from civiccx.core.fields import blind_index
from civiccx.core.messaging import send_text_message
from civiccx.core.public_links import public_url
from civiccx.core.signed_links import SignedLink
from civiccx.phone.models import AgentState, CallQueue, QueueEntry
from civiccx.services.hours import is_open, next_opening
from civiccx.services.interactions import normalize_phone
from civiccx.staffing.queueing.wait_predictors import queue_length_wait_range

CANCEL_LINK = SignedLink("civiccx.phone.cancel", max_age=timedelta(days=14))
"""The link in the confirmation text that shows and cancels a waiting callback."""
ACTIVE_AGENT_STATES = (AgentState.Status.AVAILABLE, AgentState.Status.ON_CALL,
                       AgentState.Status.WRAP_UP)


class DuplicateCallback(ValidationError):
    """This number already has an open callback in this queue."""


@dataclass(frozen=True)
class WaitEstimate:
    mean_seconds: int
    low_seconds: int
    high_seconds: int
    opens_at: datetime | None = None  # set when the line is closed now

    @property
    def low_minutes(self) -> int:
        return max(1, round(self.low_seconds / 60))

    @property
    def high_minutes(self) -> int:
        return max(self.low_minutes, round(self.high_seconds / 60))


def handle_seconds(queue: CallQueue) -> float:
    """Average handle time of the queue's recent finished calls (default when none)."""
    recent = (QueueEntry.objects.filter(queue=queue, claimed_at__isnull=False,
                                        ended_at__isnull=False)
              .order_by("-ended_at")[:50].values_list("claimed_at", "ended_at"))
    durations = [(end - start).total_seconds() for start, end in recent if end > start]
    if len(durations) >= 5:
        return sum(durations) / len(durations)
    return queue.default_handle_minutes * 60.0


def staffed_agents() -> int:
    return max(1, AgentState.objects.filter(status__in=ACTIVE_AGENT_STATES).count())


def estimate_wait(queue: CallQueue, n_ahead: int, now: datetime | None = None) -> WaitEstimate:
    """Ibrahim & Whitt's queue-length predictor with abandonment, as an 80% range.

    Callers on hold may hang up (rate 1/patience), which shortens the wait of those behind
    them; callback customers never abandon. The abandonment rate is therefore scaled by the
    share of people ahead who are holding.
    """
    now = now or timezone.now()
    opens = next_opening(queue.call_center, now)
    ahead = QueueEntry.objects.filter(queue=queue, status=QueueEntry.Status.WAITING)
    holding = ahead.filter(kind=QueueEntry.Kind.HOLD).count()
    share = holding / n_ahead if n_ahead else 0.0
    patience = (queue.mean_patience_minutes * 60.0 / share) if share else float("inf")
    estimate = queue_length_wait_range(n_ahead, staffed_agents(), handle_seconds(queue),
                                       patience)
    closed_for = max(0.0, (opens - now).total_seconds()) if opens else 0.0
    return WaitEstimate(int(float(estimate.mean) + closed_for),
                        int(float(estimate.low) + closed_for),
                        int(float(estimate.high) + closed_for),
                        opens if closed_for else None)


def people_waiting(queue: CallQueue) -> int:
    return QueueEntry.objects.filter(queue=queue, status=QueueEntry.Status.WAITING).count()


def _store_estimate(entry: QueueEntry, estimate: WaitEstimate) -> None:
    entry.predicted_wait_seconds = estimate.mean_seconds
    entry.predicted_low_seconds = estimate.low_seconds
    entry.predicted_high_seconds = estimate.high_seconds


def request_callback(queue: CallQueue, raw_phone: str, *, language: str = "en",
                     source: str = "web", best_time: str = "", survey_consent: bool = False,
                     person=None, now: datetime | None = None) -> QueueEntry:
    """Put a callback in line, keeping this moment as the caller's place.

    After hours the request waits for the next opening (no dialing while closed). A number
    with an open callback in this queue is refused, so nobody is called twice.
    """
    now = now or timezone.now()
    phone = normalize_phone(raw_phone)
    index = blind_index(phone)
    if QueueEntry.objects.filter(queue=queue, phone_index=index, kind=QueueEntry.Kind.CALLBACK,
                                 status__in=QueueEntry.OPEN).exists():
        raise DuplicateCallback(
            "This number already has a callback waiting in this line. We will call you; "
            "to change it, cancel it first with the link we texted you.")
    opens = next_opening(queue.call_center, now) or now
    entry = QueueEntry(queue=queue, kind=QueueEntry.Kind.CALLBACK, phone=phone,
                       phone_index=index, language=language, source=source,
                       best_time=best_time, survey_consent=survey_consent, arrived_at=now,
                       not_before=max(now, opens), person=person)
    _store_estimate(entry, estimate_wait(queue, people_waiting(queue), now))
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:  # a concurrent request for the same number won
        raise DuplicateCallback("This number already has a callback waiting in this line."
                                ) from error
    transaction.on_commit(lambda: _confirm_by_sms(entry.pk))
    return entry


def join_hold(queue: CallQueue, raw_phone: str = "", *, language: str = "en",
              now: datetime | None = None) -> QueueEntry:
    now = now or timezone.now()
    phone = ""
    if raw_phone:
        try:
            phone = normalize_phone(raw_phone)
        except ValidationError:
            phone = ""
    entry = QueueEntry(queue=queue, kind=QueueEntry.Kind.HOLD, phone=phone,
                       phone_index=blind_index(phone) if phone else "", language=language,
                       source="ivr", arrived_at=now, not_before=now)
    _store_estimate(entry, estimate_wait(queue, people_waiting(queue), now))
    entry.save()
    return entry


def cancel_token(entry: QueueEntry) -> str:
    return CANCEL_LINK.token(entry.pk)


def entry_from_cancel_token(token: str) -> QueueEntry | None:
    return CANCEL_LINK.find(token, QueueEntry.objects.select_related("queue__service"))


def cancel_url(entry: QueueEntry) -> str:
    return public_url("phone:cancel", cancel_token(entry), language=entry.language)


def _confirm_by_sms(entry_pk: int) -> None:
    """The text that confirms a callback (phone/messages/callback_booked.txt)."""
    entry = QueueEntry.objects.select_related("queue__service__provider",
                                              "queue__call_center").get(pk=entry_pk)
    low = max(1, round((entry.predicted_low_seconds or 60) / 60))
    high = max(low, round((entry.predicted_high_seconds or 60) / 60))
    # Booked while the line is closed: say when it opens, not a wait of thousands of minutes.
    opens = entry.not_before if entry.not_before > entry.arrived_at else None
    send_text_message(entry.phone, "phone/callback_booked", {
        "provider": entry.queue.service.provider, "low": low, "high": high, "opens": opens,
        "cancel_url": cancel_url(entry)}, language=entry.language,
        time_zone=ZoneInfo(entry.queue.call_center.time_zone))


def _open_queue_ids(queues, now) -> list[int]:
    return [q.pk for q in queues if is_open(q.call_center, now)]


def take_next(csr, queues=None, now: datetime | None = None) -> QueueEntry | None:
    """Give the CSR the person who has waited longest (hold or callback), or None.

    The claim is atomic, and a callback is never handed to two CSRs. On PostgreSQL one SQL
    statement picks and claims the row with FOR UPDATE SKIP LOCKED, so CSRs never wait on each
    other; elsewhere the `claim` transition runs, its save guarded by the state it read (decision
    0012). Both end in the same state with the same side effects.
    """
    now = now or timezone.now()
    queues = list(queues if queues is not None else CallQueue.objects.select_related(
        "call_center").prefetch_related("call_center__hours", "call_center__special_hours"))
    open_queues = _open_queue_ids(queues, now)
    if not open_queues:
        return None
    if connection.vendor == "postgresql":
        return _claim_next_in_sql(csr, open_queues, now)
    return _claim_next(csr, open_queues, now)


def _claim_next(csr, open_queues: list[int], now) -> QueueEntry | None:
    """The transition path: lock the longest-waiting entry, then `claim` it.

    Like the SQL path, a claim writes no change-audit entry: the row itself says who claimed
    whom and when, and the CSR's sight of the number is audited on the workspace page.
    """
    with transaction.atomic():
        entry = (QueueEntry.objects.filter(queue_id__in=open_queues,
                                           status=QueueEntry.Status.WAITING, not_before__lte=now)
                 .order_by("arrived_at", "pk").select_for_update(skip_locked=True, of=("self",))
                 .select_related("queue").first())
        if entry is None:
            return None
        entry.claim(csr, now)
        with disable_auditlog():
            entry.save()
    return entry


def _claim_next_in_sql(csr, open_queues: list[int], now) -> QueueEntry | None:
    """One statement: pick the longest-waiting unlocked entry and claim it (SKIP LOCKED).

    This bypasses `QueueEntry.claim` for throughput (decision 0013): it sets the same fields
    as the transition, then runs the transition's other side effects (`after_claim`).
    """
    table = QueueEntry._meta.db_table
    sql = f"""
        UPDATE {table} SET status = %s, csr_id = %s, claimed_at = %s,
               first_claimed_at = COALESCE(first_claimed_at, %s), attempts = attempts + 1
        WHERE id = (SELECT id FROM {table}
                    WHERE queue_id = ANY(%s) AND status = %s AND not_before <= %s
                    ORDER BY arrived_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING *"""  # noqa: S608 (only the table name is formatted in)
    with transaction.atomic():
        claimed = list(QueueEntry.objects.raw(sql, [
            QueueEntry.Status.IN_PROGRESS, csr.pk, now, now, open_queues,
            QueueEntry.Status.WAITING, now]))
        if not claimed:
            return None
        claimed[0].after_claim(now)
    return claimed[0]


OUTCOMES = ("resolved", "reached", "transferred", "no_answer", "voicemail")


def record_outcome(entry: QueueEntry, csr, outcome: str, *, notes: str = "",
                   now: datetime | None = None) -> QueueEntry:
    """Finish an attempt. No answer or voicemail retries later until the queue's maximum."""
    now = now or timezone.now()
    if outcome not in OUTCOMES:
        raise ValidationError(f"Unknown outcome {outcome!r}; use one of {', '.join(OUTCOMES)}.")
    with transaction.atomic():
        entry = QueueEntry.objects.select_for_update().select_related(
            "queue__call_center", "queue__service").get(pk=entry.pk)
        if entry.csr_id != csr.pk:
            raise PermissionDenied("This call belongs to another representative.")
        if outcome in ("no_answer", "voicemail"):
            if entry.attempts < entry.queue.max_attempts:
                entry.retry_later(now)
            elif outcome == "no_answer":
                entry.give_up_no_answer(now)
            else:
                entry.give_up_voicemail(now)
        else:
            {"resolved": entry.resolve, "reached": entry.reached_needs_follow_up,
             "transferred": entry.transfer}[outcome](now)
        if notes:
            entry.notes = (entry.notes + "\n" + notes).strip()[:5000]
        entry.save()
        AgentState.objects.update_or_create(
            user=csr, defaults={"status": AgentState.Status.WRAP_UP, "changed_at": now})
    return entry


def cancel_entry(entry: QueueEntry, now: datetime | None = None) -> bool:
    """Cancel a waiting callback. Returns False when it had already ended."""
    now = now or timezone.now()
    with transaction.atomic():
        entry = QueueEntry.objects.select_for_update().select_related(
            "queue__call_center", "queue__service").get(pk=entry.pk)
        if not can_proceed(entry.cancel):
            return False
        entry.cancel(now)
        entry.save()
    return True


def cancel_by_sms(raw_phone: str) -> int:
    """CANCEL by text message: cancels the sender's waiting callbacks. Returns how many."""
    try:
        phone = normalize_phone(raw_phone)
    except ValidationError:
        return 0
    entries = QueueEntry.objects.filter(phone_index=blind_index(phone),
                                        kind=QueueEntry.Kind.CALLBACK,
                                        status=QueueEntry.Status.WAITING)
    return sum(cancel_entry(entry) for entry in entries)


def set_agent_status(csr, status: str, now: datetime | None = None) -> AgentState:
    if status not in AgentState.Status.values:
        raise ValidationError(f"Unknown status {status!r}.")
    state, _ = AgentState.objects.update_or_create(
        user=csr, defaults={"status": status, "changed_at": now or timezone.now()})
    return state


def average_predicted_error(queue: CallQueue | None = None):
    entries = QueueEntry.objects.filter(first_claimed_at__isnull=False,
                                        predicted_wait_seconds__isnull=False)
    if queue is not None:
        entries = entries.filter(queue=queue)
    return entries.aggregate(predicted=Avg("predicted_wait_seconds"))
