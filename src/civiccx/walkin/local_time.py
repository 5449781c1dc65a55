"""A center's own clock: its time zone, its today, its next opening."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from civiccx.services.hours import next_opening
from civiccx.walkin.models import Center


def zone(center: Center) -> ZoneInfo:
    return ZoneInfo(center.location.time_zone)


def local_today(center: Center, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone(center)).date()


def local_instant_day(center: Center, day: date) -> datetime:
    """Local midnight starting `day`, as an aware datetime."""
    return datetime.combine(day, datetime.min.time(), zone(center))


def next_open_local(center: Center, now: datetime):
    opens = next_opening(center.location, now)
    return opens.astimezone(zone(center)) if opens else None
