"""The callback queue: fair order, no duplicates, opening hours, retries, outcomes."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_fsm import TransitionNotAllowed

from civiccx.core.notifications import OutboxBackend
from civiccx.phone.models import QueueEntry
from civiccx.phone.services import (
    DuplicateCallback,
    cancel_entry,
    estimate_wait,
    join_hold,
    record_outcome,
    request_callback,
    take_next,
)
from civiccx.services.models import Interaction, OpeningHours
from tests.factories import make_call_queue, make_staff

pytestmark = pytest.mark.django_db
NY = ZoneInfo("America/New_York")


def test_callbacks_and_holds_are_served_in_arrival_order():
    queue = make_call_queue()
    start = datetime(2026, 3, 2, 10, tzinfo=NY)
    first = request_callback(queue, "202-555-0101", now=start)
    second = join_hold(queue, "202-555-0102", now=start + timedelta(minutes=1))
    third = request_callback(queue, "202-555-0103", now=start + timedelta(minutes=2))
    csr = make_staff("csr")
    later = start + timedelta(minutes=30)
    served = []
    for _ in range(3):
        entry = take_next(csr, now=later)
        served.append(entry.pk)
        record_outcome(entry, csr, "resolved", now=later)
    assert served == [first.pk, second.pk, third.pk]
    assert take_next(csr, now=later) is None


def test_the_same_number_cannot_have_two_open_callbacks():
    queue = make_call_queue()
    request_callback(queue, "(202) 555-0143")
    with pytest.raises(DuplicateCallback, match="already has a callback waiting"):
        request_callback(queue, "+1 202 555 0143")
    assert QueueEntry.objects.count() == 1
    other_queue = make_call_queue()
    assert request_callback(other_queue, "202-555-0143").pk  # another line is fine


def test_malformed_numbers_are_refused_clearly():
    queue = make_call_queue()
    for bad in ("555", "not a number", "+1 000 000 0000"):
        with pytest.raises(ValidationError):
            request_callback(queue, bad)
    assert not QueueEntry.objects.exists()


def test_after_hours_requests_wait_for_the_next_opening():
    queue = make_call_queue(open_hours=False)
    OpeningHours.objects.bulk_create(
        OpeningHours(location=queue.call_center, weekday=day, opens=time(8), closes=time(17))
        for day in range(5))
    friday_night = datetime(2026, 3, 6, 21, tzinfo=NY)
    entry = request_callback(queue, "202-555-0199", now=friday_night)
    assert entry.not_before == datetime(2026, 3, 9, 8, tzinfo=NY)  # Monday 8:00
    csr = make_staff("csr")
    assert take_next(csr, now=friday_night + timedelta(hours=1)) is None  # never dial closed
    assert take_next(csr, now=datetime(2026, 3, 9, 8, 1, tzinfo=NY)).pk == entry.pk
    estimate = estimate_wait(queue, 0, friday_night)
    assert estimate.opens_at == datetime(2026, 3, 9, 8, tzinfo=NY)


def test_no_answer_retries_then_ends_and_records_an_interaction():
    queue = make_call_queue(max_attempts=2, retry_delay_minutes=15)
    start = datetime(2026, 3, 2, 10, tzinfo=NY)
    entry = request_callback(queue, "202-555-0111", now=start, survey_consent=True)
    csr = make_staff("csr")
    claimed = take_next(csr, now=start)
    record_outcome(claimed, csr, "no_answer", now=start + timedelta(minutes=1))
    entry.refresh_from_db()
    assert entry.status == "waiting" and entry.not_before == start + timedelta(minutes=16)
    assert take_next(csr, now=start + timedelta(minutes=5)) is None  # retry delay respected
    claimed = take_next(csr, now=start + timedelta(minutes=20))
    record_outcome(claimed, csr, "voicemail", now=start + timedelta(minutes=21))
    entry.refresh_from_db()
    assert entry.status == "voicemail" and entry.attempts == 2
    interaction = Interaction.objects.get(source=f"phone:{entry.pk}")
    assert interaction.outcome == "unresolved" and interaction.channel == "phone"
    assert interaction.contact_phone == "+12025550111"


def test_invalid_transitions_raise():
    queue = make_call_queue()
    entry = request_callback(queue, "202-555-0120")
    with pytest.raises(TransitionNotAllowed):
        entry.resolve(entry.arrived_at)
    hold = join_hold(queue)
    claimed = take_next(make_staff("csr"))
    assert claimed.pk == entry.pk
    with pytest.raises(TransitionNotAllowed):
        hold.retry_later(hold.arrived_at)


@pytest.mark.parametrize(("outcome", "status", "recorded"), [
    ("resolved", "resolved", "resolved"), ("reached", "reached", "follow_up"),
    ("transferred", "transferred", "referred"), ("no_answer", "no_answer", "unresolved"),
    ("voicemail", "voicemail", "unresolved")])
def test_each_outcome_ends_the_call_and_records_it(outcome, status, recorded):
    queue = make_call_queue(max_attempts=1)
    entry = request_callback(queue, "202-555-0123")
    csr = make_staff("csr")
    take_next(csr)
    ended = record_outcome(entry, csr, outcome, notes="Spoke about the notice.")
    assert ended.status == status and ended.ended_at and ended.notes == "Spoke about the notice."
    assert Interaction.objects.get(source=f"phone:{entry.pk}").outcome == recorded


def test_refused_moves_say_why():
    queue = make_call_queue()
    join_hold(queue, "202-555-0121")
    csr = make_staff("csr")
    hold = take_next(csr)
    with pytest.raises(ValidationError, match="A caller on hold is already on the line."):
        record_outcome(hold, csr, "no_answer")
    hold.refresh_from_db()
    assert hold.status == "in_progress"
    record_outcome(hold, csr, "resolved")
    with pytest.raises(TransitionNotAllowed, match="This call has already ended."):
        record_outcome(hold, csr, "resolved")
    assert Interaction.objects.filter(source=f"phone:{hold.pk}").count() == 1


def test_a_cancelled_callback_records_the_interaction_once():
    queue = make_call_queue()
    entry = request_callback(queue, "202-555-0122", survey_consent=True)
    assert cancel_entry(entry) is True
    assert cancel_entry(entry) is False  # already ended: nothing changes
    entry.refresh_from_db()
    assert entry.status == "cancelled" and entry.ended_at
    interaction = Interaction.objects.get(source=f"phone:{entry.pk}")
    assert interaction.outcome == "abandoned"


def test_a_csr_cannot_close_someone_elses_call():
    queue = make_call_queue()
    request_callback(queue, "202-555-0130")
    owner, other = make_staff("csr"), make_staff("csr")
    entry = take_next(owner)
    with pytest.raises(PermissionDenied):
        record_outcome(entry, other, "resolved")
    entry.refresh_from_db()
    assert entry.status == "in_progress" and entry.csr == owner


def test_confirmation_text_gives_a_range_and_a_cancel_link(django_capture_on_commit_callbacks):
    OutboxBackend.outbox.clear()
    queue = make_call_queue()
    with django_capture_on_commit_callbacks(execute=True):
        request_callback(queue, "202-555-0140", language="es")
    message = OutboxBackend.outbox[-1]
    assert message.to == "+12025550140"
    assert "minutos" in message.body and "/es/phone/callback/cancel/" in message.body


def test_wait_estimate_matches_a_hand_computed_case():
    from civiccx.phone.models import AgentState

    queue = make_call_queue(default_handle_minutes=10)
    for _ in range(2):
        AgentState.objects.create(user=make_staff("csr"), status="available")
    for number in range(3):
        request_callback(queue, f"202-555-01{50 + number}")
    estimate = estimate_wait(queue, 3)
    # Callbacks never abandon: E[W | 3 ahead] = (3 + 1) / (s·μ) = 4 / (2 / 600 s) = 1200 s.
    assert estimate.mean_seconds == 1200
    assert estimate.low_seconds < 1200 < estimate.high_seconds
