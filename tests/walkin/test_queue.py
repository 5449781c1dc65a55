"""Tickets, check-in, priority order, call next, served / no-show with undo, transfers,
Interactions, and the wait estimate from the live queue."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django_fsm import TransitionNotAllowed

from civiccx.core.notifications import OutboxBackend
from civiccx.metrics.models import Rollup
from civiccx.services.models import Interaction
from civiccx.walkin import booking, codes, estimates, line, queue
from civiccx.walkin.models import Appointment, Counter, Ticket
from tests.factories import make_center, make_staff, midday_zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def center():
    return make_center(services=(("A", 30), ("B", 15)), counters=2, appointment_counters=2,
                       time_zone=midday_zone())


@pytest.fixture
def staff():
    return make_staff("center_staff")


def counter(center, number=1):
    return Counter.objects.get(center=center, number=number)


def _booked(center, starts_at, **extra):
    """An appointment today (booked earlier), bypassing the booking rules on the time."""
    offering = center.offerings.get(prefix="A")
    return Appointment.objects.create(
        center=center, offering=offering, starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30), code=codes.new_code(), **extra)


def test_tickets_are_numbered_per_service_and_day(center):
    a, b = center.offerings.get(prefix="A"), center.offerings.get(prefix="B")
    numbers = [queue.take_ticket(o).display for o in (a, a, b, a)]
    assert numbers == ["A-001", "A-002", "B-001", "A-003"]


def test_no_tickets_while_the_center_is_closed():
    closed = make_center(hours=((0, 1),), weekdays=[])
    with pytest.raises(queue.QueueError, match="closed"):
        queue.take_ticket(closed.offerings.first())


def test_priority_appointments_at_their_time_then_accessibility_then_arrival(center):
    now = timezone.now()
    a = center.offerings.get(prefix="A")
    first = queue.take_ticket(a, now=now - timedelta(minutes=30))
    second = queue.take_ticket(a, now=now - timedelta(minutes=20))
    wheelchair = queue.take_ticket(a, needs_accessibility=True, now=now - timedelta(minutes=5))
    due = queue.check_in(_booked(center, now - timedelta(minutes=2)).code, center,
                          now=now - timedelta(minutes=10))
    early = queue.check_in(_booked(center, now + timedelta(minutes=60)).code, center, now=now)
    order = [t.display for t in line.waiting_in_order(center, now)]
    assert order == [due.display, wheelchair.display, first.display, second.display,
                     early.display]


def test_call_next_follows_the_order_and_texts_the_person_next(center, staff,
                                                              django_capture_on_commit_callbacks):
    OutboxBackend.outbox.clear()
    a = center.offerings.get(prefix="A")
    now = timezone.now()
    one = queue.take_ticket(a, phone="2025550101", now=now - timedelta(minutes=3))
    two = queue.take_ticket(a, phone="2025550102", now=now - timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        called = queue.call_next(counter(center), staff, now=now)
    assert called == one and called.status == "called" and called.counter.number == 1
    texts = {m.to: m.body for m in OutboxBackend.outbox}
    assert "counter 1" in texts["+12025550101"]
    assert "You're next" in texts["+12025550102"]
    with pytest.raises(queue.QueueError, match="Finish"):
        queue.call_next(counter(center), staff, now=now)
    assert queue.call_next(counter(center, 2), staff, now=now) == two
    queue.finish(two, "no_show", now=now)
    assert queue.call_next(counter(center, 2), staff, now=now) is None  # nobody left


def _served(service) -> int:
    return sum(Rollup.objects.filter(service=service, metric="volume:served")
               .values_list("c1", flat=True))


def test_served_records_an_interaction_and_undo_voids_it(center, staff):
    a = center.offerings.get(prefix="A")
    ticket = queue.take_ticket(a, phone="2025550101", survey_consent=True)
    queue.call_next(counter(center), staff)
    served = queue.finish(ticket, "served")
    assert _served(a.service) == 1
    interaction = Interaction.objects.get(source=f"walkin:{ticket.pk}")
    assert interaction.channel == "in_person" and interaction.location == center.location
    assert interaction.contact_phone == "+12025550101" and served.interaction == interaction
    back = queue.undo(served)
    assert back.status == "called" and back.interaction is None
    voided = Interaction.objects.get(pk=interaction.pk)  # the record stays: append-only
    assert voided.correction.reason == f"Undone at the counter: {ticket.display}"
    assert not Interaction.objects.in_effect().filter(source=f"walkin:{ticket.pk}").exists()
    assert _served(a.service) == 0  # the customer served is taken back from the counts
    queue.finish(back, "served")
    assert _served(a.service) == 1
    assert Interaction.objects.in_effect().filter(source=f"walkin:{ticket.pk}").count() == 1
    assert Interaction.objects.filter(source=f"walkin:{ticket.pk}").count() == 2


def test_a_mistaken_no_show_is_undone_within_minutes(center, staff):
    ticket = queue.take_ticket(center.offerings.get(prefix="A"))
    queue.call_next(counter(center), staff)
    now = timezone.now()
    marked = queue.finish(ticket, "no_show", now=now)
    assert marked.status == "no_show" and not Interaction.objects.exists()
    restored = queue.undo(marked, now=now + timedelta(minutes=4))
    assert restored.status == "called" and restored.counter.number == 1
    assert restored.ended_at is None
    queue.finish(restored, "served")
    assert Interaction.objects.count() == 1


def test_undo_is_refused_after_the_window(center, staff):
    ticket = queue.take_ticket(center.offerings.get(prefix="A"))
    queue.call_next(counter(center), staff)
    marked = queue.finish(ticket, "no_show", now=timezone.now() - timedelta(minutes=6))
    with pytest.raises(queue.QueueError, match="too late"):
        queue.undo(marked)
    assert Ticket.objects.get(pk=ticket.pk).status == "no_show"


def test_invalid_moves_raise(center):
    ticket = queue.take_ticket(center.offerings.get(prefix="A"))
    with pytest.raises(queue.QueueError, match="not at a counter"):
        queue.finish(ticket, "served")
    with pytest.raises(TransitionNotAllowed):
        ticket.serve(timezone.now(), 5)


def test_refused_moves_say_why_in_the_words_staff_see(center, staff):
    a, b = center.offerings.get(prefix="A"), center.offerings.get(prefix="B")
    ticket = queue.take_ticket(a)
    with pytest.raises(queue.QueueError, match="Ticket A-001 is not at a counter.") as refused:
        queue.finish(ticket, "no_show")
    assert isinstance(refused.value, TransitionNotAllowed)
    with pytest.raises(queue.QueueError, match="too late to undo"):
        queue.undo(ticket)  # nothing was finished, so there is nothing to undo
    queue.call_next(counter(center), staff)
    queue.finish(ticket, "served")
    with pytest.raises(queue.QueueError, match="Ticket A-001 has already finished."):
        queue.transfer(ticket, b)
    assert Ticket.objects.get(pk=ticket.pk).status == "served"


def test_calling_opens_a_closed_counter(center, staff):
    queue.take_ticket(center.offerings.get(prefix="A"))
    assert not counter(center).is_open
    called = queue.call_next(counter(center), staff)
    assert counter(center).is_open and called.staff == staff and called.first_called_at


def test_a_missed_appointment_cannot_check_in(center):
    now = timezone.now()
    appointment = _booked(center, now - timedelta(minutes=20))
    assert booking.apply_no_show_rule(center, now=now) == 1
    with pytest.raises(queue.QueueError, match="cancelled or missed"):
        queue.check_in(appointment.code, center, now=now)
    with translation.override("es"), pytest.raises(queue.QueueError, match="se canceló"):
        queue.check_in(appointment.code, center, now=now)  # the kiosk speaks Spanish too
    appointment.refresh_from_db()
    assert appointment.status == "no_show" and not Ticket.objects.exists()


def test_transfer_keeps_the_number_and_the_place(center, staff):
    a, b = center.offerings.get(prefix="A"), center.offerings.get(prefix="B")
    now = timezone.now()
    early = queue.take_ticket(a, now=now - timedelta(minutes=30))
    queue.take_ticket(b, now=now - timedelta(minutes=10))
    queue.call_next(counter(center), staff, now=now)
    moved = queue.transfer(early, b, now=now)
    assert moved.offering == b and moved.display == "A-001" and moved.status == "waiting"
    assert line.waiting_in_order(center, now, offering=b)[0] == moved


def test_check_in_by_code_with_clear_refusals(center):
    now = timezone.now()
    appointment = _booked(center, now + timedelta(minutes=20))
    with pytest.raises(queue.QueueError, match="could not find"):
        queue.check_in("ZZZZZZZZ", center, now=now)
    other = make_center()
    with pytest.raises(queue.QueueError, match="could not find"):
        queue.check_in(appointment.code, other, now=now)
    ticket = queue.check_in(appointment.code.lower(), center, now=now)
    assert ticket.appointment == appointment and ticket.due_at == appointment.starts_at
    assert queue.check_in(appointment.code, center, now=now) == ticket  # twice: same ticket
    late = _booked(center, now - timedelta(minutes=40))
    with pytest.raises(queue.QueueError, match="late"):
        queue.check_in(late.code, center, now=now)
    cancelled = _booked(center, now + timedelta(minutes=5), status="cancelled")
    with pytest.raises(queue.QueueError, match="cancelled"):
        queue.check_in(cancelled.code, center, now=now)
    tomorrow = _booked(center, now + timedelta(days=1))
    with pytest.raises(queue.QueueError, match="on another day"):
        queue.check_in(tomorrow.code, center, now=now)
    later = _booked(center, now + timedelta(hours=3))
    with pytest.raises(queue.QueueError, match="two hours before"):
        queue.check_in(later.code, center, now=now)
    assert Appointment.objects.get(pk=later.pk).status == "booked"


def test_the_estimate_uses_the_queue_open_counters_and_recent_visits(center, staff):
    """Hand-computed: 2 counters open and busy, 3 ahead, recent visits of 10 minutes:
    start at the 4th departure, mean 4 x 300 s = 1200 s, range 1200 +- 1.2816 x 600."""
    a = center.offerings.get(prefix="A")
    now = timezone.now()
    for minutes_ago in range(60, 0, -10):  # six finished visits of exactly 10 minutes
        t = queue.take_ticket(a, now=now - timedelta(minutes=minutes_ago + 15))
        Ticket.objects.filter(pk=t.pk).update(
            status="served", called_at=now - timedelta(minutes=minutes_ago + 10),
            first_called_at=now - timedelta(minutes=minutes_ago + 10),
            ended_at=now - timedelta(minutes=minutes_ago))
    for number in (1, 2):
        queue.set_counter(counter(center, number), staff, True)
    for _ in range(5):
        queue.take_ticket(a, now=now)
    queue.call_next(counter(center, 1), staff, now=now)
    queue.call_next(counter(center, 2), staff, now=now)
    assert estimates.service_seconds(center, a, now) == 600
    estimate = estimates.estimate_wait(center, a, now)
    assert (estimate.mean_seconds, estimate.low_seconds, estimate.high_seconds) == (
        1200, 431, 1969)
    newcomer = queue.take_ticket(a, now=now)
    assert (newcomer.predicted_low_seconds, newcomer.predicted_high_seconds) == (431, 1969)


def test_over_capacity_walk_ins_are_told_before_they_wait_in_vain():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    center = make_center(counters=1, services=(("A", 60),), time_zone=midday_zone())
    chicago = ZoneInfo(center.location.time_zone)
    local = timezone.now().astimezone(chicago)
    closes = datetime.combine(local.date(), datetime.max.time(), chicago)
    hours_left = (closes - local).total_seconds() / 3600
    a = center.offerings.get()
    people = int(hours_left * 2) + 5  # far more hour-long visits than hours left
    with pytest.raises(queue.QueueError, match="line is full"):
        for _ in range(people):
            queue.take_ticket(a)
    assert Ticket.objects.count() < people
