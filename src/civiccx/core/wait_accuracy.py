"""How honest our wait estimates were: predicted vs actual waits, summarized per local day.

Shared by the phone line and the walk-in centers, which both store a predicted wait (with an
80% range) when someone joins a line and the moment they were first served.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone


def daily_accuracy(waits: Iterable[tuple[datetime, datetime, int, int | None, int | None]]
                   ) -> list[dict]:
    """Rows of (arrived, served, predicted, low, high seconds) -> one summary per local day."""
    by_day = defaultdict(list)
    for arrived, served, predicted, low, high in waits:
        actual = (served - arrived).total_seconds()
        by_day[timezone.localtime(arrived).date()].append(
            (predicted, actual, (low or 0) <= actual <= (high or 0)))
    rows = []
    for day in sorted(by_day):
        items = by_day[day]
        n = len(items)
        rows.append({
            "day": day, "n": n,
            "predicted_min": sum(p for p, _a, _i in items) / n / 60,
            "actual_min": sum(a for _p, a, _i in items) / n / 60,
            "mean_abs_error_min": sum(abs(p - a) for p, a, _i in items) / n / 60,
            "bias_min": sum(p - a for p, a, _i in items) / n / 60,
            "in_range": sum(1 for *_x, inside in items if inside) / n,
        })
    return rows
