"""The walk-in app's part of `civiccx seed_demo`: every demo center gets its services, counters
and accessibility notes, two weeks of served visits with predicted and actual waits, a few
appointments today and people waiting now."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from civiccx.services.models import Location, Service
from civiccx.walkin.models import Center, CenterService, Counter, Ticket

OFFERINGS = [("walk-in-assistance", "A", 30), ("payments", "B", 15)]


@transaction.atomic
def seed(options, progress) -> list[str]:
    locations = list(Location.objects.filter(kind=Location.Kind.WALK_IN))
    task = progress.add_task("Walk-in centers", total=len(locations))
    for location in locations:
        center, created = Center.objects.get_or_create(location=location, defaults={
            "accessibility_notes": "Step-free entrance, a lowered counter and a hearing loop. "
                                   "Ask for a sign language interpreter when you book.",
            "accessibility_notes_es": "Entrada sin escalones, un mostrador bajo y un bucle de "
                                      "inducción. Pida un intérprete de lengua de señas al "
                                      "reservar."})
        for slug, prefix, minutes in OFFERINGS:
            service = Service.objects.filter(slug=slug).first()
            if service:
                CenterService.objects.get_or_create(center=center, service=service, defaults={
                    "prefix": prefix, "duration_minutes": minutes})
        for number in range(1, center.counters + 1):
            Counter.objects.get_or_create(center=center, number=number)
        # The demo's center staff account manages every demo center (a manager's view).
        center.staff.add(*get_user_model().objects.filter(groups__name="center_staff"))
        if created:
            _history(center, random.Random(location.slug))
        progress.advance(task)
    return ["Walk-in: find a center at /visit/ ; kiosk /visit/houston-tx/kiosk/ ; lobby display "
            "/visit/houston-tx/display/ ; center staff work at /staff/walkin/ .", ""]


def _history(center: Center, rng: random.Random) -> None:
    """Two weeks of served walk-ins whose wait estimates were usually, not always, right."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(center.location.time_zone)
    offerings = list(center.offerings.all())
    if not offerings:
        return
    today = timezone.localdate()
    tickets = []
    for days_ago in range(14, 0, -1):
        day = today - timedelta(days=days_ago)
        if day.weekday() >= 5:
            continue
        numbers = {o.prefix: 0 for o in offerings}
        for _ in range(rng.randint(8, 20)):
            offering = rng.choice(offerings)
            numbers[offering.prefix] += 1
            arrived = datetime.combine(day, time(8, 30), zone) + timedelta(
                minutes=rng.randint(0, 420))
            predicted = rng.randint(5, 60) * 60
            actual = max(60, int(rng.gauss(predicted * 1.05, predicted * 0.3)))
            called = arrived + timedelta(seconds=actual)
            tickets.append(Ticket(
                center=center, offering=offering, day=day, prefix=offering.prefix,
                number=numbers[offering.prefix], status=Ticket.Status.SERVED, arrived_at=arrived,
                due_at=arrived, called_at=called, first_called_at=called,
                ended_at=called + timedelta(minutes=rng.randint(8, 35)),
                predicted_wait_seconds=predicted, predicted_low_seconds=int(predicted * 0.6),
                predicted_high_seconds=int(predicted * 1.4),
                language="es" if rng.random() < 0.15 else "en"))
    Ticket.objects.bulk_create(tickets)
