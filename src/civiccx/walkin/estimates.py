"""How long the wait is at a center now, from the line, the open counters and recent visits."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from civiccx.services.hours import is_open
from civiccx.walkin.line import waiting_queryset
from civiccx.walkin.local_time import local_today, next_open_local
from civiccx.walkin.models import Center, CenterService, Counter, Ticket
from civiccx.walkin.wait_range import WaitRange, wait_range

RECENT_VISITS = 20


def service_seconds(center: Center, offering: CenterService | None,
                    now: datetime | None = None) -> float:
    """Mean length of recent visits (called to finished), or the planned visit length."""
    now = now or timezone.now()
    recent = Ticket.objects.filter(center=center, status=Ticket.Status.SERVED,
                                   ended_at__gte=now - timedelta(days=14),
                                   called_at__isnull=False)
    if offering is not None:
        recent = recent.filter(offering=offering)
    pairs = recent.order_by("-ended_at").values_list("called_at", "ended_at")[:RECENT_VISITS]
    durations = [(end - start).total_seconds() for start, end in pairs if end > start]
    if len(durations) >= 5:
        return sum(durations) / len(durations)
    if offering is not None:
        return offering.duration_minutes * 60.0
    planned = [o.duration_minutes for o in center.offerings.all()]
    return (sum(planned) / len(planned) if planned else 30) * 60.0


def open_counters(center: Center) -> int:
    """Counters open now; the planned number when none has opened yet today."""
    return Counter.objects.filter(center=center, is_open=True).count() or center.counters


def estimate_wait(center: Center, offering: CenterService | None = None,
                  now: datetime | None = None, n_ahead: int | None = None) -> WaitRange:
    """The wait for someone joining now (or with `n_ahead` people before them).

    Every counter serves every service from one priority line, so the wait is the center's:
    the people ahead, the counters open and busy, and how long recent visits took (of one
    service when `offering` is given, else of all, which is what the people ahead need)."""
    now = now or timezone.now()
    if n_ahead is None:
        n_ahead = waiting_queryset(center, now).count()
    busy = Ticket.objects.filter(center=center, day=local_today(center, now),
                                 status=Ticket.Status.CALLED).count()
    return wait_range(n_ahead, open_counters(center), busy,
                      service_seconds(center, offering, now))


def walk_in_status(center: Center, now: datetime | None = None) -> dict:
    """What the public pages say about today: open or not, people waiting, the wait."""
    now = now or timezone.now()
    open_now = is_open(center.location, now)
    waiting = waiting_queryset(center, now).count() if open_now else 0
    return {"open": open_now, "waiting": waiting,
            "estimate": estimate_wait(center, None, now, n_ahead=waiting) if open_now else None,
            "opens_at": None if open_now else next_open_local(center, now),
            "time_zone": center.location.time_zone}
