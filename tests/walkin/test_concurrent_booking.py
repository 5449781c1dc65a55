"""Many people booking the last slot at the same instant on PostgreSQL: exactly one wins,
the others are told it has gone, and nothing is lost or doubled."""

import threading
from collections import Counter as Tally
from datetime import UTC, datetime

import pytest
from django.db import connection, connections

from civiccx.walkin import booking
from civiccx.walkin.models import Appointment, SlotClaim
from tests.factories import make_center

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

NOW = datetime(2027, 3, 8, 15, 0, tzinfo=UTC)
SLOT = datetime(2027, 3, 9, 16, 0, tzinfo=UTC)  # 10:00 in Chicago


def race(offering, starts_at, people: int) -> list[str]:
    barrier = threading.Barrier(people)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(number):
        try:
            barrier.wait()
            booking.book(offering, starts_at, email=f"p{number}@example.com", now=NOW)
            result = "booked"
        except booking.SlotFull:
            result = "full"
        except BaseException as error:  # surface anything else in the test
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.parametrize("seats", [1, 3])
def test_exactly_as_many_win_as_there_are_counters(seats):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL and real concurrent connections")
    center = make_center(hours=((8, 16),), weekdays=range(5), appointment_counters=seats)
    offering = center.offerings.get()
    outcomes = Tally(race(offering, SLOT, 16))
    assert outcomes == {"booked": seats, "full": 16 - seats}
    assert Appointment.objects.filter(starts_at=SLOT).count() == seats
    seats_used = SlotClaim.objects.filter(starts_at=SLOT).values_list("seat", flat=True)
    assert sorted(seats_used) == list(range(seats))
