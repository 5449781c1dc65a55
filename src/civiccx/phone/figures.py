"""The phone line's operational figures: who is waiting now, today's answers and service
level, and how honest the wait estimates have been."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Min
from django.utils import timezone

from civiccx.core.wait_accuracy import daily_accuracy
from civiccx.phone.models import CallQueue, QueueEntry


def queue_figures(now=None) -> list[dict]:
    """Per queue: waiting now, callbacks waiting, the oldest wait, answered today and the
    share answered within the queue's service-level time."""
    now = now or timezone.now()
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    rows = []
    waiting = dict(QueueEntry.objects.filter(status=QueueEntry.Status.WAITING)
                   .values_list("queue").annotate(n=Count("pk")))
    oldest = dict(QueueEntry.objects.filter(status=QueueEntry.Status.WAITING)
                  .values_list("queue").annotate(first=Min("arrived_at")))
    for queue in CallQueue.objects.select_related("service"):
        waits = [(claimed - arrived).total_seconds() for arrived, claimed in
                 QueueEntry.objects.filter(queue=queue, first_claimed_at__gte=start)
                 .values_list("arrived_at", "first_claimed_at")]
        answered = len(waits)
        within = sum(1 for wait in waits if wait <= queue.service_level_seconds)
        rows.append({
            "queue": queue, "waiting": waiting.get(queue.pk, 0),
            "callbacks": QueueEntry.objects.filter(queue=queue, kind="callback",
                                                   status=QueueEntry.Status.WAITING).count(),
            "oldest_minutes": int((now - oldest[queue.pk]).total_seconds() // 60)
            if queue.pk in oldest else None,
            "answered_today": answered,
            "service_level": within / answered if answered else None,
        })
    return rows


def estimate_accuracy(days: int = 30, now=None) -> list[dict]:
    """Predicted vs actual waits of the calls answered in the last `days`, by day."""
    since = (now or timezone.now()) - timedelta(days=days)
    entries = (QueueEntry.objects.filter(first_claimed_at__gte=since,
                                         predicted_wait_seconds__isnull=False)
               .values_list("arrived_at", "first_claimed_at", "predicted_wait_seconds",
                            "predicted_low_seconds", "predicted_high_seconds"))
    return daily_accuracy(entries)
