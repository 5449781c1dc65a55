"""Forecasts from what the phone line actually recorded: average calls and handle time per
half-hour for a weekday, over recent weeks."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import numpy as np
from django.utils import timezone

from civiccx.services.models import Channel, Interaction
from civiccx.staffing.queueing.plan import Forecast, ForecastError


def forecast_from_interactions(service, weekday: int, weeks: int = 4) -> Forecast:
    """Average phone interactions per half-hour on `weekday` (0 = Monday) over `weeks` weeks."""
    since = timezone.now() - timedelta(weeks=weeks)
    calls: dict[str, int] = defaultdict(int)
    handle: dict[str, list[float]] = defaultdict(list)
    days = set()
    rows = (Interaction.objects.in_effect()
            .filter(service=service, channel=Channel.PHONE, started_at__gte=since)
            .values_list("started_at", "ended_at"))
    for started, ended in rows.iterator():
        local = timezone.localtime(started)
        if local.weekday() != weekday:
            continue
        days.add(local.date())
        slot = f"{local.hour:02d}:{0 if local.minute < 30 else 30:02d}"
        calls[slot] += 1
        handle[slot].append(max(60.0, (ended - started).total_seconds()))
    if not calls:
        raise ForecastError("No phone interactions on that weekday in the chosen weeks.")
    slots = sorted(calls)
    count = max(1, len(days))
    return Forecast(
        interval_start=slots,
        calls_offered=np.array([calls[s] / count for s in slots]),
        aht_seconds=np.array([sum(handle[s]) / len(handle[s]) for s in slots]))
