"""The phone line's operational figures: who is waiting now, today's answers and service
level, and how honest the wait estimates have been."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Min
from django.utils import timezone

from civiccx.core.wait_accuracy import daily_accuracy
from civiccx.metrics.registry import FigureValue, Period, whole_and_parts
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


def volume_sources() -> list:
    """Each queue's recorded calls, for the metrics registry (staffing's season forecasts)."""
    from civiccx.metrics.registry import VolumeSource

    return [VolumeSource(f"phone.{queue.slug}", f"{queue.service} ({queue.slug})",
                         lambda queue=queue: half_hour_volumes(queue))
            for queue in CallQueue.objects.select_related("service", "call_center")
            .order_by("slug")]


def half_hour_volumes(queue: CallQueue, *, interval_minutes: int = 30) -> list[tuple]:
    """The calls a queue recorded, per interval of its call center's local time: (interval
    start as a naive local datetime, calls offered, mean handle seconds of those answered).

    Every entry counts as offered (holds and callbacks alike: a callback is a call that chose
    not to hold). Handle time is from the first claim to the end; intervals whose calls were
    all unanswered take the queue's default handle time. For staffing's season forecasts.
    """
    zone = ZoneInfo(queue.call_center.time_zone)
    default = queue.default_handle_minutes * 60.0
    totals: dict[datetime, list[float]] = {}
    rows = (QueueEntry.objects.filter(queue=queue)
            .values_list("arrived_at", "first_claimed_at", "ended_at").order_by())
    for arrived, claimed, ended in rows.iterator(chunk_size=5000):
        local = arrived.astimezone(zone)
        minute = (local.hour * 60 + local.minute) // interval_minutes * interval_minutes
        start = datetime(local.year, local.month, local.day, minute // 60, minute % 60)
        slot = totals.setdefault(start, [0.0, 0.0, 0.0])
        slot[0] += 1
        if claimed and ended and ended > claimed:
            slot[1] += (ended - claimed).total_seconds()
            slot[2] += 1
    return [(start, calls, handle / answered if answered else default)
            for start, (calls, handle, answered) in sorted(totals.items())]


# Operational figures for the metrics registry (declared in PhoneConfig.ready) -------------


def _answered(period: Period, service_id: int | None = None
              ) -> dict[str, list[tuple[float, int, int | None]]]:
    """Per queue slug: (seconds waited, service-level seconds, predicted seconds) of every
    call or callback first answered in the period; with `service_id`, only those of the queues
    that serve it (a queue serves one service, so a call's queue says whose customer called)."""
    rows = QueueEntry.objects.filter(first_claimed_at__gte=period.start,
                                     first_claimed_at__lt=period.end)
    if service_id is not None:
        rows = rows.filter(queue__service_id=service_id)
    rows = (rows
            .values_list("queue__slug", "arrived_at", "first_claimed_at",
                         "queue__service_level_seconds", "predicted_wait_seconds"))
    by_queue: dict[str, list] = defaultdict(list)
    for slug, arrived, claimed, level, predicted in rows.iterator():
        by_queue[slug].append(((claimed - arrived).total_seconds(), level, predicted))
    return by_queue


def service_level(period: Period, service_id: int | None = None) -> list[FigureValue]:
    """Share of calls and callbacks answered within their queue's service-level time."""
    return whole_and_parts(_answered(period, service_id), lambda answered: sum(
        1 for waited, level, _p in answered if waited <= level) / len(answered))


def answer_minutes(period: Period, service_id: int | None = None) -> list[FigureValue]:
    """Mean time from joining the line (or asking for a callback) to a representative."""
    return whole_and_parts(_answered(period, service_id), lambda answered: sum(
        waited for waited, _l, _p in answered) / len(answered) / 60)


def estimate_error_minutes(period: Period, service_id: int | None = None
                           ) -> list[FigureValue]:
    """Mean absolute difference between the wait we announced and the wait people had."""
    predicted = {slug: [(waited, guess) for waited, _l, guess in answered if guess is not None]
                 for slug, answered in _answered(period, service_id).items()}
    return whole_and_parts({slug: items for slug, items in predicted.items() if items},
                             lambda items: sum(abs(guess - waited) for waited, guess in items)
                             / len(items) / 60)
