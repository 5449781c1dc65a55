"""Eight counters calling "next" at the same instant on PostgreSQL, through the `call`
transition: everyone in line is called exactly once, and nobody is called to two counters."""

from collections import Counter as Tally

import pytest
from django.db import connection
from django.utils import timezone

from civiccx.walkin import queue
from civiccx.walkin.local_time import local_today
from civiccx.walkin.models import Ticket
from tests.factories import make_center, make_staff, midday_zone
from tests.threads import run_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

COUNTERS = 8
PEOPLE = 120


def fill_line(center, people: int) -> None:
    offering = center.offerings.get()
    now = timezone.now()
    Ticket.objects.bulk_create(
        Ticket(center=center, offering=offering, day=local_today(center, now), prefix="A",
               number=number, arrived_at=now - timezone.timedelta(seconds=people - number),
               due_at=now - timezone.timedelta(seconds=people - number))
        for number in range(1, people + 1))


def serve_the_line(counters) -> list[int]:
    """Each counter calls, marks a no-show and calls again until nobody waits."""

    def work(counter, staff):
        called = []
        while (ticket := queue.call_next(counter, staff)) is not None:
            called.append(ticket.pk)
            queue.finish(ticket, "no_show")
        return called

    return run_at_once(work, [(counter, make_staff("center_staff")) for counter in counters])


def test_every_person_in_line_is_called_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (SQLite runs one writer at a time)")
    center = make_center(counters=COUNTERS, services=(("A", 10),), time_zone=midday_zone())
    fill_line(center, PEOPLE)
    counters = list(center.counter_set.select_related("center__location"))
    called = serve_the_line(counters)
    times = Tally(called)
    assert len(times) == PEOPLE and max(times.values()) == 1
    assert not Ticket.objects.filter(status=Ticket.Status.WAITING).exists()
    per_counter = Tally(Ticket.objects.values_list("counter", flat=True))
    assert len(per_counter) > COUNTERS // 2  # the counters really did share the line
