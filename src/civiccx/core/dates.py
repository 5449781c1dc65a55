"""Dates, times and time zones as people read them, in the current language.

The patterns come from the site's format modules (`civiccx/formats`, settings.FORMAT_MODULE_PATH):
"Tuesday, February 3, 2026" / "martes 3 de febrero de 2026", "2:30 p.m." / "2:30 p. m.". Time
zones are named the way people say them ("Central time", "hora del Centro"), never by their IANA
name ("America/Chicago") or an abbreviation ("CST"). Templates use the filters of
`{% load dates %}`; Python code (the IVR, the kiosk, validation messages) calls these functions.
A datetime already put on a place's clock (`appointment.local_start`) keeps its zone; one in UTC,
as the database gives it, is shown on the current time zone's clock: wrap it in
`timezone.override(location zone)` (templates: `{% timezone zone %}`) or pass `zone`.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta, tzinfo

from django.utils import formats, timezone, translation
from django.utils.dateformat import format as date_pattern
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from civiccx.core.weekdays import weekday_in_sentence

# Standard-time UTC offsets (hours) of US zones, and how people name them.
_ZONES_BY_STANDARD_OFFSET = {
    -4: gettext_lazy("Atlantic time"),
    -5: gettext_lazy("Eastern time"),
    -6: gettext_lazy("Central time"),
    -7: gettext_lazy("Mountain time"),
    -8: gettext_lazy("Pacific time"),
    -9: gettext_lazy("Alaska time"),
    -10: gettext_lazy("Hawaii time"),
}
_JANUARY = datetime(2026, 1, 15, 12)
_NO_OFFSET = timedelta(0)


def on_its_clock(moment: date | datetime, zone: tzinfo | str | None = None) -> date | datetime:
    """`moment` on `zone`'s clock; without a zone, a UTC datetime on the current zone's clock
    and any other on its own."""
    if not isinstance(moment, datetime) or timezone.is_naive(moment):
        return moment
    if zone:
        return timezone.localtime(moment, as_zone(zone))
    if moment.utcoffset() == _NO_OFFSET and getattr(moment.tzinfo, "key", "UTC") == "UTC":
        return timezone.localtime(moment)
    return moment


def as_zone(zone: tzinfo | str) -> tzinfo:
    return zoneinfo.ZoneInfo(zone) if isinstance(zone, str) else zone


def _pattern(name: str) -> str:
    for module in formats.get_format_modules(translation.get_language() or "en"):
        pattern = getattr(module, name, None)
        if pattern:
            return pattern
    raise LookupError(f"No {name} in the format modules")


def zone_name(zone: tzinfo | str | None = None) -> str:
    """ "Central time" / "hora del Centro" for America/Chicago (the current zone if None)."""
    zone = as_zone(zone) if zone else timezone.get_current_timezone()
    offset = _JANUARY.replace(tzinfo=zone).utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else None
    label = _ZONES_BY_STANDARD_OFFSET.get(hours) if hours == int(hours or 0) else None
    return str(label) if label else _("local time")


def long_date(moment: date | datetime, zone: tzinfo | str | None = None) -> str:
    """ "February 3, 2026" / "3 de febrero de 2026"."""
    return formats.date_format(on_its_clock(moment, zone), "DATE_FORMAT")


def day_date(
    moment: date | datetime, zone: tzinfo | str | None = None, *, year: bool = True
) -> str:
    """ "Tuesday, February 3, 2026" / "martes 3 de febrero de 2026" (without the year: "Tuesday,
    February 3" / "martes 3 de febrero")."""
    moment = on_its_clock(moment, zone)
    day = formats.date_format(moment, "DATE_FORMAT" if year else "MONTH_DAY_FORMAT")
    return pgettext("a weekday, then a date", "%(weekday)s, %(date)s") % {
        "weekday": weekday_in_sentence(moment),
        "date": day,
    }


def short_date(moment: date | datetime | str) -> str:
    """ "Feb 3, 2026" / "3 feb 2026", for a table; an ISO date ("2026-02-03", as JSON keeps it)
    is read first."""
    if isinstance(moment, str):
        moment = date.fromisoformat(moment)
    return formats.date_format(on_its_clock(moment), "SHORT_DATE_FORMAT")


def short_day(moment: date | datetime) -> str:
    """A day without its year, for a chart's axis: "Feb 3" / "3 feb"."""
    return date_pattern(moment, _pattern("SHORT_DAY_FORMAT"))


def day_button(moment: date | datetime) -> str:
    """A short day for a button or a table row: "Tue, Feb 3" / "mar 3 feb"."""
    return date_pattern(moment, _pattern("DAY_BUTTON_FORMAT"))


def clock(moment: datetime, zone: tzinfo | str | None = None) -> str:
    """ "2:30 p.m." / "2:30 p. m.", "7 a.m." / "7 a. m."."""
    return formats.time_format(on_its_clock(moment, zone), "TIME_FORMAT")


def at_clock(moment: datetime, zone: tzinfo | str | None = None) -> str:
    """ "at 2:30 p.m." / "a las 2:30 p. m."; Spanish says "a la 1:30 p. m." before one o'clock."""
    moment = on_its_clock(moment, zone)
    time = clock(moment)
    if moment.hour % 12 == 1:
        return pgettext("a time between 1:00 and 1:59", "at %(time)s") % {"time": time}
    return pgettext("a time of day", "at %(time)s") % {"time": time}


def day_at_clock(moment: datetime, zone: tzinfo | str | None = None, *, year: bool = True) -> str:
    """ "Tuesday, February 3, 2026, at 2:30 p.m. Central time" /
    "martes 3 de febrero de 2026, a las 2:30 p. m., hora del Centro"."""
    moment = on_its_clock(moment, zone)
    return pgettext("a day, a time and a time zone", "%(day)s, %(at_time)s %(zone)s") % {
        "day": day_date(moment, year=year),
        "at_time": at_clock(moment),
        "zone": zone_name(moment.tzinfo),
    }


def quarter_name(quarter) -> str:
    """A fiscal quarter as people read it: "FY2027Q1" in English (the A-11 term) and
    "1.er trimestre del año fiscal 2027" in Spanish. Anything that is not a quarter's code is
    given back as it came."""
    from civiccx.core.fiscal import FiscalQuarter, parse_fiscal_quarter

    if not isinstance(quarter, FiscalQuarter):
        try:
            quarter = parse_fiscal_quarter(str(quarter))
        except ValueError:
            return str(quarter)
    names = {1: pgettext("fiscal quarter", "FY%(year)sQ1"),
             2: pgettext("fiscal quarter", "FY%(year)sQ2"),
             3: pgettext("fiscal quarter", "FY%(year)sQ3"),
             4: pgettext("fiscal quarter", "FY%(year)sQ4")}
    return names[quarter.quarter] % {"year": quarter.year}
