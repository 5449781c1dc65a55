"""The phone app's part of `civiccx seed_demo`: two queues on the demo call centers, a month of
answered calls with predicted and actual waits, and a few people waiting now."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from civiccx.core.fields import blind_index
from civiccx.phone.models import CallQueue, QueueEntry
from civiccx.services.models import Location, OpeningHours, Service

QUEUES = [("phone-assistance", "main-line", "cc-atlanta"),
          ("payments", "payments-line", "cc-kansas-city")]


@transaction.atomic
def seed(options, progress) -> list[str]:
    task = progress.add_task("Phone queues and calls", total=len(QUEUES))
    for service_slug, queue_slug, center_slug in QUEUES:
        center = Location.objects.get(slug=center_slug)
        if not center.hours.exists():
            OpeningHours.objects.bulk_create(
                OpeningHours(location=center, weekday=day, opens=time(7), closes=time(19))
                for day in range(5))
        queue, created = CallQueue.objects.get_or_create(
            slug=queue_slug, defaults={"service": Service.objects.get(slug=service_slug),
                                       "call_center": center})
        if created:
            _history(queue, random.Random(queue_slug))
            _waiting_now(queue, random.Random(queue_slug + "now"))
        progress.advance(task)
    return ["Phone: request a callback at /phone/callback/main-line/ ; CSRs work calls at "
            "/staff/phone/ .", ""]


def _waiting_now(queue: CallQueue, rng: random.Random) -> None:
    """A few people in line right now, so the CSR workspace has work to show."""
    from civiccx.phone.services import join_hold, request_callback

    now = timezone.now()
    for minutes_ago in (34, 27, 21, 16, 9, 4):
        when = now - timedelta(minutes=minutes_ago)
        number = f"+1202555{rng.randint(1000, 9999)}"
        if minutes_ago == 34:  # the first caller a CSR takes has called before
            number = _returning_caller(queue, rng, now)
        if rng.random() < 0.7:
            request_callback(queue, number, language=rng.choice(["en", "en", "es"]),
                             source="web", survey_consent=True, now=when)
        else:
            join_hold(queue, number, now=when)


def _returning_caller(queue: CallQueue, rng: random.Random, now) -> str:
    """A number with two earlier calls (one left for follow-up, with the CSR's notes), so the
    CSR workspace shows a caller's earlier contacts."""
    number = f"+1202555{rng.randint(1000, 9999)}"
    for days_ago, status, notes in (
            (12, "reached", "Asked why the refund is smaller than expected; offset letter "
                            "not received yet. Call back after the letter arrives."),
            (40, "resolved", "Wanted the payment plan phone number; gave it.")):
        arrived = now - timedelta(days=days_ago, hours=3)
        claimed = arrived + timedelta(minutes=11)
        QueueEntry.objects.create(
            queue=queue, kind="callback", status=status, phone=number,
            phone_index=blind_index(number), arrived_at=arrived, not_before=arrived,
            attempts=1, claimed_at=claimed, first_claimed_at=claimed,
            ended_at=claimed + timedelta(minutes=9), notes=notes, source="ivr")
    return number


def _history(queue: CallQueue, rng: random.Random) -> None:
    """A month of answered calls whose estimates were usually, not always, right."""
    zone = ZoneInfo(queue.call_center.time_zone)
    today = timezone.localdate()
    entries = []
    for days_ago in range(30, 0, -1):
        day = today - timedelta(days=days_ago)
        if day.weekday() >= 5:
            continue
        for _ in range(rng.randint(15, 30)):
            arrived = datetime.combine(day, time(8), zone) + timedelta(
                minutes=rng.randint(0, 600))
            predicted = rng.randint(4, 40) * 60
            actual = max(30, int(rng.gauss(predicted * 0.95, predicted * 0.3)))
            claimed = arrived + timedelta(seconds=actual)
            number = f"+1404555{rng.randint(0, 9999):04d}"
            entries.append(QueueEntry(
                queue=queue, kind=rng.choice(["callback", "hold"]), status="resolved",
                phone=number, phone_index=blind_index(number), arrived_at=arrived,
                not_before=arrived, attempts=1, claimed_at=claimed, first_claimed_at=claimed,
                ended_at=claimed + timedelta(minutes=rng.randint(5, 20)),
                predicted_wait_seconds=predicted, predicted_low_seconds=int(predicted * 0.6),
                predicted_high_seconds=int(predicted * 1.5),
                language="es" if rng.random() < 0.15 else "en", source="ivr"))
    QueueEntry.objects.bulk_create(entries)
