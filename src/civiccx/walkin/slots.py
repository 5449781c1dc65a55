"""Appointment slots from opening hours, a visit's length and the counters kept for
appointments. Pure: no Django, so the time-zone and daylight-saving rules are easy to test.

Times are stepped in absolute time from the local opening to the local closing, so a day on
which clocks change has exactly as many slots as it has staffed minutes (an hour fewer in
spring, an hour more in autumn when a center is open across the change).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

Spans = Callable[[date], list[tuple[time, time]]]


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    free_seats: tuple[int, ...]

    def local(self, zone: str) -> datetime:
        return self.starts_at.astimezone(ZoneInfo(zone))


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time. A time skipped by a spring-forward change
    is read with the offset in force before it (PEP 495), so 2:30 becomes 3:30 daylight time:
    a span that starts or ends in the gap keeps its length in wall-clock terms."""
    return datetime.combine(day, at).replace(tzinfo=zone).astimezone(UTC)


def units(start: datetime, duration_minutes: int, slot_minutes: int) -> list[datetime]:
    """The grid units a visit starting at `start` occupies."""
    count = max(1, -(-duration_minutes // slot_minutes))
    return [start + timedelta(minutes=slot_minutes * i) for i in range(count)]


def day_starts(day: date, spans: Iterable[tuple[time, time]], zone_name: str,
               slot_minutes: int, duration_minutes: int) -> list[datetime]:
    """Every start on the grid of `day` at which a visit of `duration_minutes` ends by closing."""
    zone = ZoneInfo(zone_name)
    starts = []
    for opens, closes in sorted(spans):
        moment = local_instant(day, opens, zone)
        end = local_instant(day, closes, zone)
        step = timedelta(minutes=slot_minutes)
        while moment + timedelta(minutes=duration_minutes) <= end:
            starts.append(moment)
            moment += step
    return starts


def generate_slots(*, spans_for: Spans, zone_name: str, first_day: date, days: int,
                   slot_minutes: int, duration_minutes: int, seats: int,
                   taken: set[tuple[int, datetime]], not_before: datetime) -> list[Slot]:
    """Free slots for one service: each start on the grid with at least one appointment
    counter (seat) free for every unit of the visit, no earlier than `not_before`."""
    slots = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for start in day_starts(day, spans_for(day), zone_name, slot_minutes,
                                duration_minutes):
            if start < not_before:
                continue
            needed = units(start, duration_minutes, slot_minutes)
            free = tuple(seat for seat in range(seats)
                         if not any((seat, unit) in taken for unit in needed))
            if free:
                slots.append(Slot(start, start + timedelta(minutes=duration_minutes), free))
    return slots
