"""Where a season forecast's history comes from: the calls a line recorded (read through the
metrics registry, where the phone app lists its queues), or a season imported from a CSV and
kept as half-hour totals."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from django.db import transaction

from civiccx.metrics.registry import read_volume_history
from civiccx.staffing.models import HistoryInterval, SeasonHistory
from civiccx.staffing.planning.forecasting import (
    HistoryError,
    IntervalHistory,
    history_from_rows,
    read_history_csv,
)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def recorded_history(key: str) -> IntervalHistory:
    """A line's recorded calls, e.g. ``recorded_history("phone.main-line")``."""
    try:
        rows = read_volume_history(key)
    except KeyError:
        raise HistoryError(f"no line with recorded calls called {key!r}") from None
    if not rows:
        raise HistoryError(f"the line {key!r} has recorded no calls yet")
    return history_from_rows(rows)


def stored_history(history: SeasonHistory) -> IntervalHistory:
    step = timedelta(minutes=history.interval_minutes)
    rows = history.intervals.values_list("day", "slot", "calls", "aht_seconds").order_by()
    return history_from_rows(
        ((datetime.combine(day, datetime.min.time()) + slot * step, calls, aht)
         for day, slot, calls, aht in rows.iterator(chunk_size=10_000)),
        history.interval_minutes)


@transaction.atomic
def save_history(name: str, history: IntervalHistory, *, source: str = SeasonHistory.Source.UPLOAD,
                 created_by=None) -> SeasonHistory:
    record = SeasonHistory.objects.create(
        name=name, source=source, interval_minutes=history.interval_minutes,
        first_day=history.first_day, last_day=history.last_day,
        calls=float(history.calls.sum()), created_by=created_by)
    days, slots = history.calls.nonzero()
    HistoryInterval.objects.bulk_create(
        (HistoryInterval(history=record, day=history.first_day + timedelta(days=int(d)),
                         slot=int(s), calls=float(history.calls[d, s]),
                         aht_seconds=float(history.aht[d, s]))
         for d, s in zip(days, slots, strict=True)), batch_size=5000)
    return record


def import_history(name: str, upload, created_by=None) -> SeasonHistory:
    """Save an uploaded CSV season; problems raise HistoryError naming the line and column."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise HistoryError("the history file is larger than 20 MB")
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HistoryError("the history file is not UTF-8 text") from None
    return save_history(name, read_history_csv(io.StringIO(text)), created_by=created_by)
