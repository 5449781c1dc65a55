"""A center's operational figures: today's line, visits and waits, and how honest the wait
estimates have been."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from civiccx.core.wait_accuracy import daily_accuracy
from civiccx.metrics.registry import FigureValue, Period, whole_and_parts
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


# Operational figures for the metrics registry (declared in WalkinConfig.ready) ------------


def _walk_ins_called(period: Period, service_id: int | None = None
                     ) -> dict[str, list[tuple[float, int | None]]]:
    """Per center slug: (seconds waited, predicted seconds) of every walk-in (not an
    appointment) first called to a counter in the period; with `service_id`, only those whose
    ticket was taken for that service (the center's offering it came for)."""
    rows = Ticket.objects.filter(first_called_at__gte=period.start,
                                 first_called_at__lt=period.end, appointment__isnull=True)
    if service_id is not None:
        rows = rows.filter(offering__service_id=service_id)
    rows = (rows
            .values_list("center__location__slug", "arrived_at", "first_called_at",
                         "predicted_wait_seconds"))
    by_center: dict[str, list] = defaultdict(list)
    for slug, arrived, called, predicted in rows.iterator():
        by_center[slug].append(((called - arrived).total_seconds(), predicted))
    return by_center


def wait_minutes(period: Period, service_id: int | None = None) -> list[FigureValue]:
    """Mean wait of walk-ins, from taking a ticket to being called to a counter."""
    return whole_and_parts(_walk_ins_called(period, service_id), lambda called: sum(
        waited for waited, _p in called) / len(called) / 60)


def estimate_error_minutes(period: Period, service_id: int | None = None
                           ) -> list[FigureValue]:
    """Mean absolute difference between the wait we showed walk-ins and the wait they had."""
    predicted = {slug: [(waited, guess) for waited, guess in called if guess is not None]
                 for slug, called in _walk_ins_called(period, service_id).items()}
    return whole_and_parts({slug: items for slug, items in predicted.items() if items},
                             lambda items: sum(abs(guess - waited) for waited, guess in items)
                             / len(items) / 60)
