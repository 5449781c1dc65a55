"""Forecasts of one day for the half-hour planner: average calls and handle time per interval
for a weekday over recent weeks, from what the phone line recorded or from a saved season
history (a line whose calls are not in Civic CX, or the demo's national main line)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import numpy as np
from django.utils import timezone

from civiccx.services.models import Channel, Interaction
from civiccx.staffing.models import HistoryInterval
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


def forecast_from_history(history, weekday: int, weeks: int = 4) -> Forecast:
    """Average calls per half-hour on `weekday` over the history's last `weeks` weeks, with
    the handle time weighted by calls (a history kept in 15-minute or hourly intervals is
    summed or split into half-hours, the planner's interval)."""
    since = history.last_day - timedelta(weeks=weeks)
    step = history.interval_minutes
    parts = max(1, step // 30)
    calls: dict[int, float] = defaultdict(float)
    handled: dict[int, float] = defaultdict(float)
    days = set()
    rows = (HistoryInterval.objects.filter(history=history, day__gt=since)
            .values_list("day", "slot", "calls", "aht_seconds").order_by())
    for day, slot, count, aht in rows.iterator():
        if day.weekday() != weekday:
            continue
        days.add(day)
        for part in range(parts):
            half_hour = slot * step // 30 + part
            calls[half_hour] += count / parts
            handled[half_hour] += count / parts * aht
    half_hours = sorted(h for h in calls if calls[h] > 0)
    if not half_hours:
        raise ForecastError("No calls on that weekday in the history's last weeks.")
    return Forecast(
        interval_start=[f"{h // 2:02d}:{30 * (h % 2):02d}" for h in half_hours],
        calls_offered=np.array([calls[h] / len(days) for h in half_hours]),
        aht_seconds=np.array([handled[h] / calls[h] for h in half_hours]))
