"""Walk-in benchmarks on PostgreSQL.

1. Bookings per second: 8 processes (like web workers) booking at once, racing for the same
   slots of one center (3 appointment counters, three weeks of slots), beside one process
   booking alone. Every
   run checks that no seat-time was booked twice and that every success is in the database.
2. Lobby and queue pages with 500 people in line (lobby board, ticket page, center console),
   beside the same pages with 5 in line.

    python bench/bench_walkin.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime

from benchdb import median_seconds, setup_django

NOW = datetime(2027, 3, 8, 15, 0, tzinfo=UTC)


def _book_many(offering_pk: int, starts: list, attempts: int, seed: int, barrier,
               results) -> None:
    """One worker process: its own database connection, booking random slots."""
    from django.db import connections

    from civiccx.walkin import booking
    from civiccx.walkin.models import CenterService

    connections.close_all()
    offering = CenterService.objects.get(pk=offering_pk)
    rng = random.Random(seed)
    booked = lost = 0
    errors = []
    barrier.wait()
    for _ in range(attempts):
        try:
            booking.book(offering, rng.choice(starts), email="b@example.com", now=NOW)
            booked += 1
        except booking.SlotFull:
            lost += 1
        except Exception as error:  # noqa: BLE001 (reported, then the run fails)
            errors.append(repr(error))
    connections.close_all()
    results.put((booked, lost, errors))


def booking_run(workers: int, attempts_each: int) -> tuple[float, int, int]:
    """`workers` processes (as web workers would be) booking at once for one center."""
    import multiprocessing

    from django.db import connections

    from civiccx.walkin import booking
    from civiccx.walkin.models import Appointment, SlotClaim
    from tests.factories import make_center

    center = make_center(hours=((8, 16),), weekdays=range(5), appointment_counters=3)
    offering = center.offerings.get()
    starts = [slot.starts_at for slot in booking.available_slots(offering, NOW)]
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(workers + 1)
    results = context.Queue()
    connections.close_all()
    processes = [context.Process(target=_book_many, args=(offering.pk, starts, attempts_each,
                                                          n, barrier, results))
                 for n in range(workers)]
    for process in processes:
        process.start()
    barrier.wait()
    start = time.perf_counter()
    outcomes = [results.get() for _ in processes]
    elapsed = time.perf_counter() - start
    for process in processes:
        process.join()
    errors = [e for *_x, errs in outcomes for e in errs]
    assert not errors, errors[:3]
    total = sum(b for b, _l, _e in outcomes)
    refused = sum(lost for _b, lost, _e in outcomes)
    stored = Appointment.objects.filter(center=center).count()
    assert stored == total, f"a booking was lost or doubled: {stored} stored, {total} told"
    per_time = Counter(Appointment.objects.filter(center=center, status="booked")
                       .values_list("starts_at", flat=True))
    assert max(per_time.values()) <= 3, "a slot was booked beyond its counters"
    claims = list(SlotClaim.objects.filter(center=center).values_list("seat", "starts_at"))
    assert len(claims) == len(set(claims)), "a seat was booked twice"
    return total / elapsed, total, refused


def page_latency(in_line: int) -> dict[str, float]:
    from django.test import Client
    from django.utils import timezone

    from civiccx.walkin import local_time
    from civiccx.walkin.models import Ticket
    from civiccx.walkin.views.public import ticket_token
    from tests.factories import make_center, make_staff

    center = make_center(services=(("A", 30), ("B", 15)), counters=4)
    now = timezone.now()
    offerings = list(center.offerings.all())
    Ticket.objects.bulk_create(
        Ticket(center=center, offering=offerings[i % 2], day=local_time.local_today(center, now),
               prefix=offerings[i % 2].prefix, number=i + 1, arrived_at=now, due_at=now,
               needs_accessibility=i % 17 == 0) for i in range(in_line))
    last = Ticket.objects.filter(center=center).order_by("-pk").first()
    staff = make_staff("center_staff")
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)
    session = client.session
    public = Client(HTTP_HOST="localhost")
    pages = {"lobby board": (public, f"/visit/{center.slug}/display/board/"),
             "ticket page (last in line)": (public, f"/visit/ticket/{ticket_token(last)}/"),
             "find a center": (public, "/visit/?state=TX")}

    def staff_console():
        from civiccx.walkin.views.staff import _console_context

        _console_context(center)

    results = {}
    for name, (who, url) in pages.items():
        assert who.get(url).status_code == 200, url
        results[name] = median_seconds(lambda w=who, u=url: w.get(u), repeats=9) * 1000
    results["console data (queue, counters, figures)"] = median_seconds(staff_console,
                                                                         repeats=9) * 1000
    del session
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    import os

    os.environ["CIVICCX_NOTIFICATION_BACKEND"] = "civiccx.core.notifications.OutboxBackend"
    setup_django()
    import itertools

    from benchdb import ROOT

    sys.path.insert(0, str(ROOT))
    import tests.factories

    tests.factories._numbers = itertools.count(int(time.time() * 1000))
    attempts = 30 if args.quick else 100
    rate, booked, refused = booking_run(8, attempts)
    alone, _alone_booked, _ = booking_run(1, attempts * 4)
    print(f"Bookings per second, 8 processes booking at once on PostgreSQL: {rate:,.0f}/s "
          f"({booked} booked, {refused} told the time had gone; 0 double bookings, 0 lost)")
    print(f"  peer: one process booking alone: {alone:,.0f}/s   ratio = {rate / alone:.2f}")
    busy = page_latency(500)
    calm = page_latency(5)
    print("Page latency (median of 9, in-process), 500 people in line vs 5:")
    for name in busy:
        print(f"  {name}: {busy[name]:.1f} ms  (peer, 5 in line: {calm[name]:.1f} ms, "
              f"ratio {busy[name] / calm[name]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
