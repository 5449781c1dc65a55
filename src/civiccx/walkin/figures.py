"""A center's operational figures: today's line, visits and waits, and how honest the wait
estimates have been."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from civiccx.core.wait_accuracy import daily_accuracy
from civiccx.walkin import estimates, local_time
from civiccx.walkin.models import Center, Counter, Ticket


def day_figures(center: Center, now=None) -> dict:
    """Today at one center: waiting, at counters, served, no-shows, mean wait and visit, open
    counters and the wait for someone arriving now."""
    now = now or timezone.now()
    today = local_time.local_today(center, now)
    tickets = list(Ticket.objects.filter(center=center, day=today))
    served = [t for t in tickets if t.status == Ticket.Status.SERVED]
    waits = [t.actual_wait.total_seconds() for t in tickets if t.actual_wait is not None]
    visits = [(t.ended_at - t.called_at).total_seconds() for t in served
              if t.called_at and t.ended_at]
    estimate = estimates.estimate_wait(center, None, now)
    return {
        "waiting": sum(1 for t in tickets if t.status == Ticket.Status.WAITING),
        "at_counters": sum(1 for t in tickets if t.status == Ticket.Status.CALLED),
        "served": len(served),
        "no_shows": sum(1 for t in tickets if t.status == Ticket.Status.NO_SHOW),
        "mean_wait_minutes": round(sum(waits) / len(waits) / 60) if waits else None,
        "mean_visit_minutes": round(sum(visits) / len(visits) / 60) if visits else None,
        "open_counters": Counter.objects.filter(center=center, is_open=True).count(),
        "estimate": estimate,
    }


def estimate_accuracy(center: Center | None, days: int = 30) -> list[dict]:
    """Predicted vs actual waits of walk-ins called in the last `days` (one center or all),
    by day."""
    since = timezone.now() - timedelta(days=days)
    tickets = Ticket.objects.filter(first_called_at__gte=since,
                                    predicted_wait_seconds__isnull=False,
                                    appointment__isnull=True)
    if center is not None:
        tickets = tickets.filter(center=center)
    return daily_accuracy(tickets.values_list(
        "arrived_at", "first_called_at", "predicted_wait_seconds", "predicted_low_seconds",
        "predicted_high_seconds"))
