"""When a location is open, in its own time zone: weekly hours plus special days (closures,
Saturday walk-in days). Used to keep callbacks and appointments inside opening hours."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from civiccx.services.models import Location

LOOKAHEAD_DAYS = 21


def opening_spans(location: Location, day: date) -> list[tuple[time, time]]:
    """The (opens, closes) spans of a local calendar day; empty when closed."""
    special = next((s for s in location.special_hours.all() if s.date == day), None)
    if special is not None:
        if special.is_closed or not (special.opens and special.closes):
            return []
        return [(special.opens, special.closes)]
    return [(h.opens, h.closes) for h in location.hours.all() if h.weekday == day.weekday()]


def is_open(location: Location, moment: datetime) -> bool:
    local = moment.astimezone(ZoneInfo(location.time_zone))
    return any(opens <= local.time() < closes
               for opens, closes in opening_spans(location, local.date()))


def next_opening(location: Location, moment: datetime) -> datetime | None:
    """`moment` itself when open, else the next time the location opens (None: not within
    three weeks)."""
    zone = ZoneInfo(location.time_zone)
    local = moment.astimezone(zone)
    for offset in range(LOOKAHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        for opens, closes in sorted(opening_spans(location, day)):
            start = datetime.combine(day, opens, zone)
            end = datetime.combine(day, closes, zone)
            if local < end:
                return max(local, start)
    return None


def closing_time(location: Location, moment: datetime) -> datetime | None:
    """When the span containing `moment` ends; None when closed at `moment`."""
    zone = ZoneInfo(location.time_zone)
    local = moment.astimezone(zone)
    for opens, closes in opening_spans(location, local.date()):
        if opens <= local.time() < closes:
            return datetime.combine(local.date(), closes, zone)
    return None
